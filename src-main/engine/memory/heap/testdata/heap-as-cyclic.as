// AssemblyScript classes whose RTTI flags are all zero (each holds a pointer to its own kind), so
// binaryen trims the RTTI's last 16 bytes from the data segment: without a shadow stack (minimal
// runtime) the heap starts past the RTTI, 16 bytes beyond the last segment's end (as-nonames.test.ts).
class A { n: A | null = null; }
class B { n: B | null = null; }
class C { n: C | null = null; }
class D { n: D | null = null; }
class E { n: E | null = null; }
const kept: Object[] = [];

export function keep(): void {
  kept.push(new A()); kept.push(new B()); kept.push(new C()); kept.push(new D()); kept.push(new E());
}

export function address(i: i32): usize {
  return changetype<usize>(kept[i]);
}

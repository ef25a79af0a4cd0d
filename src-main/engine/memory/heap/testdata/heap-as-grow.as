// AssemblyScript whose own code grows memory behind TLSF's back (walkers.test.ts): TLSF's next
// growth cannot extend its pool, so it starts another one past the grown pages.
const kept: ArrayBuffer[] = [];

export function keep(n: i32, size: i32): void {
  for (let i = 0; i < n; i++) kept.push(new ArrayBuffer(size * (i + 1)));
}

export function address(i: i32): usize {
  return changetype<usize>(kept[i]);
}

export function grow(pages: i32): i32 {
  return memory.grow(pages);
}

// An AssemblyScript program global that, without names, looks just like the shadow stack
// pointer (mutable i32, a 4-aligned start past the data, inside the initial memory): which one
// is the stack pointer cannot be told, so the heap is not walked (as-nonames.test.ts).
let mark: i32 = 40000;

export function bump(): i32 {
  mark += 4;
  return mark;
}

export function make(n: i32): usize {
  return changetype<usize>(new ArrayBuffer(n));
}

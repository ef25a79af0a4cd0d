// An AssemblyScript guest for the heap walker tests: keep(n, size) allocates n ArrayBuffers of
// size, 2*size, ... bytes and keeps them reachable from a global array; drop() lets them go.
// The host allocates with __new / __pin like any AssemblyScript host.
const kept: ArrayBuffer[] = [];

export function keep(n: i32, size: i32): void {
  for (let i = 0; i < n; i++) kept.push(new ArrayBuffer(size * (i + 1)));
}

export function drop(): void {
  kept.length = 0;
}

export function address(i: i32): usize {
  return changetype<usize>(kept[i]);
}

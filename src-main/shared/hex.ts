// The one way an address (or any non-negative number shown in hex) is written for people:
// `0x10620`, lower case, no padding — the call log, the CLI, Explain, the DAP and the heap agree.

export function hexAddress(n: number): string {
  return `0x${n.toString(16)}`;
}

// The four bytes every WebAssembly binary starts with (`\0asm`): a module, a component or a
// coredump; what decides which comes after them.

export function hasWasmMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

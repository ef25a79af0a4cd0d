// A module's SHA-256, as hex. node:crypto loads at the first call, not at import: loading it
// costs a process ~5 ms of CPU at start-up, and `memscope run` prints no hash unless asked for
// JSON, a snapshot or a coredump (issue 8, "Start fast").

export function sha256Hex(bytes: Uint8Array): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
}

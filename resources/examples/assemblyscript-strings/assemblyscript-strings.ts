// AssemblyScript strings: UTF-16 objects with a 20-byte header, created and pinned by the host.

// The host passes a String it made with __new(byteLength, 2) and pinned with __pin; the result is
// a new String the guest allocated, which the host reads at once (and could __pin to keep it).
export function greet(name: string): string {
  // trace(message, n, a0..a4) is an import (env.trace): the host prints the message and numbers.
  trace("greet called with a name of length", 1, name.length);
  return "hello, " + name + "!";
}

// The length of a String in UTF-16 code units, read by the guest from the same header the host reads.
export function units(s: string): i32 {
  return s.length;
}

// assert() failing calls the env.abort(msg, file, line, col) import with AssemblyScript strings.
export function checkedDivide(a: i32, b: i32): i32 {
  assert(b != 0, "checkedDivide: division by zero");
  return a / b;
}

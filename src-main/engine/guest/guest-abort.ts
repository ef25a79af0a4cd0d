// What a host function throws to end the guest's call as an abort: AssemblyScript's `abort`,
// Emscripten's `__cxa_throw` with no JS glue to catch it. It unwinds the guest like a trap, and
// the worker reports it as one, with the guest's stack.

export class GuestAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuestAbort';
  }
}

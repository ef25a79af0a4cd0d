// The requests `memscope dap` does not serve. The library answers each request it knows and
// the adapter does not override with success and an empty body: a stepIn (VS Code's F11) was
// "done" while nothing ran, and the client waited for a stop that never came; an attach
// "succeeded" with no session. Each is refused here instead, saying what to do; the three
// breakpoint kinds with nothing in them are answered, as an empty list is one the adapter can
// honour.

import type { DebugProtocol } from '@vscode/debugprotocol';

/** The requests the adapter's handlers serve (MemscopeDebugSession overrides each). */
const SERVED = new Set([
  'initialize', 'launch', 'disconnect', 'terminate', 'setBreakpoints', 'configurationDone', 'continue', 'next', 'stepBack',
  'reverseContinue', 'pause', 'stackTrace', 'scopes', 'variables', 'setVariable', 'threads', 'evaluate', 'exceptionInfo',
  'dataBreakpointInfo', 'setDataBreakpoints', 'readMemory', 'writeMemory', 'cancel',
]);

const WHY: Record<string, string> = {
  stepIn: 'a step is one whole guest call, which cannot be stepped into; next runs the next step',
  stepOut: 'the sequence is the outermost frame, so there is nothing to step out to; continue runs to the next breakpoint',
  stepInTargets: 'a step is one whole guest call, which cannot be stepped into',
  restart: 'not supported; disconnect and launch again',
  restartFrame: 'not supported; step back (or reverse continue) goes to an earlier step',
  goto: 'not supported; step back (or reverse continue) goes to an earlier step',
  gotoTargets: 'not supported; step back (or reverse continue) goes to an earlier step',
  attach: 'memscope dap launches a .wseq sequence (a launch request); there is nothing to attach to',
  source: 'every source this adapter sends has a path; it has no sources by reference',
  setExpression: 'not supported; Set Value (setVariable) sets a static, a local or a part of one, and writeMemory any bytes',
  setExceptionBreakpoints: 'memscope dap has no exception filters: every failed step (a trap, an uncaught exception, a failed expect) stops',
};

/**
 * Null when the adapter serves `request`; else its answer: why it is refused (the adapter puts
 * the request's name first), or the body of a success for an empty breakpoint list.
 */
export function unsupported(request: DebugProtocol.Request): { message: string } | { body: object } | null {
  const { command } = request;
  if (SERVED.has(command)) return null;
  const args = (request.arguments ?? {}) as Record<string, unknown>;
  const none = (list: unknown) => list === undefined || (Array.isArray(list) && list.length === 0);
  if (command === 'setExceptionBreakpoints' && none(args.filters) && none(args.filterOptions) && none(args.exceptionOptions)) return { body: {} };
  if (command === 'setFunctionBreakpoints' || command === 'setInstructionBreakpoints') {
    // Each one unverified, saying why, as setBreakpoints answers another file's lines.
    const list = Array.isArray(args.breakpoints) ? args.breakpoints : [];
    const message = command === 'setFunctionBreakpoints'
      ? 'function breakpoints are not supported: breakpoints go on the sequence\'s lines, and data breakpoints on memory'
      : 'instruction breakpoints are not supported: breakpoints go on the sequence\'s lines, and data breakpoints on memory';
    return { body: { breakpoints: list.map(() => ({ verified: false, message })) } };
  }
  return { message: WHY[command] ?? 'not a request memscope dap serves' };
}

// How an error and the guest stack it carries read, in the CLI, the app and the DAP console alike.

import type { GuestFrame, MemscopeError } from './dto.ts';

/** `code: message`, without repeating a code the message already starts with ("trap: …"). */
export function errorText(e: MemscopeError): string {
  return e.message.startsWith(`${e.code}:`) || e.message.startsWith(`${e.code} `) ? e.message : `${e.code}: ${e.message}`;
}

/** One frame: `at divide (func 3 @0xaf)`; an unnamed function is already `func[3]`. */
export function frameText(f: GuestFrame): string {
  const index = f.funcIndex !== null && f.name !== `func[${f.funcIndex}]` ? `func ${f.funcIndex}` : '';
  const at = f.offset !== undefined ? `@0x${f.offset.toString(16)}` : '';
  const where = index && at ? `${index} ${at}` : index || at;
  return `at ${f.name}${where ? ` (${where})` : ''}`;
}

/**
 * A guest stack, innermost first, one line per frame, except that a run of the same frame
 * (recursion: a stack overflow keeps dozens of identical frames) is one line with its count.
 */
export function stackLines(stack: readonly GuestFrame[] | undefined): string[] {
  const lines: string[] = [];
  let i = 0;
  while (stack && i < stack.length) {
    const f = stack[i]!;
    let n = 1;
    while (i + n < stack.length && stack[i + n]!.funcIndex === f.funcIndex && stack[i + n]!.offset === f.offset) n++;
    lines.push(n > 1 ? `${frameText(f)} ×${n}` : frameText(f));
    i += n;
  }
  return lines;
}

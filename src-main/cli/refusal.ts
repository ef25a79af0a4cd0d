// How a command says why it did not go on: the text on stderr, as without --json, and with
// --json also one object on stdout, `{"ok": false, "errors": [{code, message, where}]}`, so a
// script reading stdout always has one document to parse (it got nothing before). Its own small
// module so every command, `inspect` too, says it the same way without loading `run`'s modules.

import type { MemscopeError } from '../shared/dto.ts';

export interface Refusal { ok: false; messages: string[]; errors: MemscopeError[] }

export function writeRefusal(refusal: Refusal, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, errors: refusal.errors })}\n`);
  process.stderr.write(`${refusal.messages.join('\n')}\n`);
}

/**
 * A command line refused: the reason and the usage on stderr, status 2; the JSON too when
 * `--json` was asked for (a `--json` before any `--`): an unknown option or a bad --timeout
 * printed nothing on stdout.
 */
export function refuseCommandLine(command: string, argv: readonly string[], why: string, usage: string): number {
  const end = argv.indexOf('--');
  const json = (end < 0 ? argv : argv.slice(0, end)).includes('--json');
  writeRefusal({ ok: false, messages: [`memscope ${command}: ${why}\n\n${usage}`], errors: [{ code: 'usage', message: why }] }, json);
  return 2;
}

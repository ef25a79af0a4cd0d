// The starter of a module that can read stdin says where its stdin comes from: the sequence's
// `stdin` line, not the terminal `memscope run` was started from. Without the hint a C program
// reading a line met end of input at once, and nothing in the starter said why.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectBytes, inspectFile } from './inspect.ts';
import { starterSequence } from './starter.ts';
import { body, funcType, module as wasm, section, str, T, u32, vec } from './testing/wasm-bytes.ts';
import { parseSequence } from '../sequence/index.ts';
import { collectOutput, openSessionsDisposedAfterEach, text as stdoutOf } from '../host/test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const HINT = '\n# stdin "line one\\n"           # what the guest reads from stdin (without this line: nothing)\n';

/** One function import (`module`.`name`, (i32, i32, i32, i32) -> i32), a memory and one export `exportName` () -> (). */
function starterOf(importModule: string, importName: string, exportName: string): string {
  const bytes = wasm(
    section(1, vec([funcType([T.i32, T.i32, T.i32, T.i32], [T.i32]), funcType([], [])])),
    section(2, vec([[...str(importModule), ...str(importName), 0x00, ...u32(0)]])),
    section(3, vec([u32(1)])),
    section(5, vec([[0x00, 0x01]])),
    section(7, vec([[...str(exportName), 0x00, ...u32(1)], [...str('memory'), 0x02, ...u32(0)]])),
    section(10, vec([body()])),
  );
  const info = inspectBytes(bytes);
  if (!info.ok) throw new Error(info.error.message);
  return starterSequence(info.value, 'm.wasm');
}

describe('starterSequence and stdin', () => {
  it('a command importing fd_read: a stdin line under arg and dir; each of the three parses when uncommented', () => {
    const text = starterOf('wasi_snapshot_preview1', 'fd_read', '_start');
    expect(text).toContain(`# dir "." as "/data"           # a host directory the guest may open${HINT}`);
    // Before, arg's and dir's explanations followed them as bare words: uncommented, a parse error.
    const uncommented = text.replace(/^# ((arg|dir|stdin) .*)$/gm, '$1');
    expect(uncommented.match(/^(arg|dir|stdin) /gm)).toEqual(['arg ', 'dir ', 'stdin ']);
    expect(parseSequence(uncommented).errors).toEqual([]);
  });

  it('a library importing wasi_unstable fd_read gets it too; a module that cannot read does not', () => {
    expect(starterOf('wasi_unstable', 'fd_read', 'work')).toContain(HINT);
    expect(starterOf('wasi_snapshot_preview1', 'fd_write', '_start')).not.toContain('stdin');
    expect(starterOf('env', 'fd_read', '_start')).not.toContain('stdin');
  });

  it('a real C command reading stdin (wasi-io): the line, uncommented, is what its main reads', async () => {
    const path = resolve(import.meta.dirname, '../../../resources/examples/wasi-io/wasi-io.wasm');
    const info = await inspectFile(path);
    if (!info.ok) throw new Error(info.error.message);
    const text = starterSequence(info.value, 'wasi-io.wasm');
    expect(text).toContain(HINT);
    const session = await open(path, { sequence: text.replace(HINT, '\nstdin "line one\\n"\n') });
    const output = collectOutput(session);
    expect(session.sequenceErrors).toEqual([]);
    const results = await session.run();
    expect(results.length).toBeGreaterThan(0);
    expect(stdoutOf(output)).toContain('LINE ONE');
  });
});

// `memscope inspect -` reads the module from standard input (it was read as a file named "-"),
// and `--sequence` reports an `import` line naming no builtin at its line:column, as `run` does
// (it was said of the .wasm, with no line or column). `--sequence=F` is taken as run takes `--module=F`.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInspectArgs } from './inspect-args.ts';
import { readStdin } from './inspect-stdin.ts';
import { memscope } from './testing/memscope-cli.ts';

const TESTDATA = join(import.meta.dirname, 'testdata');
const MODULE = join(TESTDATA, 'print-utf8.wasm');
const TMP = mkdtempSync(join(tmpdir(), 'memscope-inspect-stdin-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('inspect -', () => {
  it('reads the module from standard input, named - in the output', () => {
    const r = memscope(['inspect', '--json', '-', MODULE], { input: readFileSync(MODULE) });
    expect(r.status).toBe(0);
    const [stdin, file] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(stdin.file).toBe('-');
    expect({ ...stdin, file: MODULE }).toEqual(file);
  });

  it('says what is wrong with what came in, as of a file', () => {
    const r = memscope(['inspect', '-'], { input: 'not wasm' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^-: malformed module: header: bad magic number/);
  });

  it('--sequence - reads the sequence from standard input', () => {
    const r = memscope(['inspect', '--sequence', '-', MODULE], { input: readFileSync(join(TESTDATA, 'with-import.wseq')) });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('env.print_utf8  func  (i32, i32) -> ()  -> builtin');
  });

  it('--sequence=F is taken as --sequence F, as run, heap and serve take theirs', () => {
    expect(parseInspectArgs(['--sequence=a.wseq', 'm.wasm'])).toMatchObject({ sequence: 'a.wseq', paths: ['m.wasm'] });
    expect(parseInspectArgs(['--sequence=', 'm.wasm'])).toBe('--sequence needs a file, not ""');
    expect(parseInspectArgs(['--sequence=a.wseq', '--sequence', 'b.wseq', 'm.wasm'])).toBe('--sequence given twice; give it once');
  });

  it('standard input is asked for once', () => {
    expect(parseInspectArgs(['-', '-'])).toBe('- (standard input) given twice; give it once');
    expect(parseInspectArgs(['--sequence', '-', '-'])).toBe('- (standard input) given twice; give it once');
    expect(parseInspectArgs(['./-'])).toMatchObject({ paths: ['./-'] });
  });

  it('refuses input past the limit, by its size', async () => {
    const chunks = (async function* () { yield new Uint8Array(6); yield new Uint8Array(6); })();
    await expect(readStdin(10, chunks)).rejects.toThrow('standard input is over the limit of 10 bytes');
    const fits = (async function* () { yield new Uint8Array([1, 2]); yield new Uint8Array([3]); })();
    expect([...await readStdin(10, fits)]).toEqual([1, 2, 3]);
  });
});

describe('inspect --sequence with an import of no builtin', () => {
  const seq = join(TMP, 'printf.wseq');
  writeFileSync(seq, 'module "print-utf8.wasm"\nimport env.print_utf8 = printf\nhello()\n');
  const where = `${seq}:2:25: unknown builtin 'printf'; builtins are print_utf8, print_utf16, abort, trace\n`
    + 'import env.print_utf8 = printf\n'
    + '                        ^^^^^^\n';

  it('is located at the builtin name on its line, as run says it, before any module is read', () => {
    const r = memscope(['inspect', '--sequence', seq, MODULE]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(where);
    const run = memscope(['run', '--module', MODULE, seq]);
    expect(run.stderr).toBe(where);
  });

  it('--json: one {"ok":false,"errors":[…]} object on stdout, as run --json refuses', () => {
    const r = memscope(['inspect', '--json', '--sequence', seq, MODULE]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      errors: [{
        code: 'parse-error', message: "unknown builtin 'printf'; builtins are print_utf8, print_utf16, abort, trace",
        where: { file: seq, line: 2, column: 25, source: 'import env.print_utf8 = printf', length: 6 },
      }],
    });
    const missing = memscope(['inspect', '--json', '--sequence', join(TMP, 'none.wseq'), MODULE]);
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout).errors[0].message).toBe(`cannot read sequence ${join(TMP, 'none.wseq')}: no such file or directory`);
  });
});

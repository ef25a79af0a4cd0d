// Every command reads its options by one set of rules (option-args.ts). Before, each had its own
// loop: `run --timeout 5 --timeout 9` ran with 9 ms and `serve --port 1 --port 2` listened on 2
// without a word, `export-host --lang go --lang rust` wrote Rust, `export-host --lang=js` was an
// unknown option, `run -- a.wseq` was "unknown option --", `run --json=yes` was read as --json,
// and `run -` said "cannot read sequence -: no such file or directory".

import { describe, expect, it } from 'vitest';
import { scanArgs } from './option-args.ts';
import { parseRunArgs } from './run-args.ts';
import { parseInspectArgs } from './inspect-args.ts';
import { parseServeArgs } from './serve-command.ts';
import { memscope } from './testing/run-json.ts';

const SPEC = { values: { '--module': 'a file', '--timeout': 'a value' }, flags: ['--json', '--deterministic', '-h'] };

describe('scanArgs: the rules every command shares', () => {
  it('takes --name VALUE and --name=VALUE alike', () => {
    expect(scanArgs(['--module', 'm.wasm', 'a'], SPEC)).toMatchObject({ values: new Map([['--module', 'm.wasm']]), positional: ['a'] });
    expect(scanArgs(['--module=m.wasm', 'a'], SPEC)).toMatchObject({ values: new Map([['--module', 'm.wasm']]), positional: ['a'] });
    expect(scanArgs(['--module=--json'], SPEC)).toMatchObject({ values: new Map([['--module', '--json']]), flags: new Set() });
  });

  it('refuses a value option given twice, in either form, even with the same value', () => {
    expect(scanArgs(['--timeout', '5', '--timeout', '9'], SPEC)).toBe('--timeout given twice; give it once');
    expect(scanArgs(['--timeout=5', '--timeout', '5'], SPEC)).toBe('--timeout given twice; give it once');
    // A flag twice is the same as once.
    expect(scanArgs(['--json', '--json'], SPEC)).toMatchObject({ flags: new Set(['--json']) });
  });

  it('refuses a missing, empty or forgotten value', () => {
    expect(scanArgs(['--module'], SPEC)).toBe('--module needs a file');
    expect(scanArgs(['--module='], SPEC)).toBe('--module needs a file, not ""');
    expect(scanArgs(['--module', ''], SPEC)).toBe('--module needs a file, not ""');
    expect(scanArgs(['--module', '--json'], SPEC)).toBe('--module needs a file before --json');
    expect(scanArgs(['--module', '--', 'a'], SPEC)).toBe('--module needs a file before --');
    // Not one of ours: a value (a file may be named -x; a number may be negative).
    expect(scanArgs(['--timeout', '-1'], SPEC)).toMatchObject({ values: new Map([['--timeout', '-1']]) });
  });

  it('refuses a value given to a flag', () => {
    expect(scanArgs(['--json=yes'], SPEC)).toBe('--json takes no value (got --json=yes)');
    expect(scanArgs(['--json='], SPEC)).toBe('--json takes no value (got --json=)');
  });

  it('ends the options at --, and takes - as an argument', () => {
    expect(scanArgs(['--json', '--', '--module', '-'], SPEC)).toMatchObject({ flags: new Set(['--json']), positional: ['--module', '-'] });
    expect(scanArgs(['-'], SPEC)).toMatchObject({ positional: ['-'] });
  });

  it('names the nearest option for a near miss, and no other', () => {
    expect(scanArgs(['--jsn'], SPEC)).toBe('unknown option --jsn (did you mean --json?)');
    expect(scanArgs(['-json'], SPEC)).toBe('unknown option -json (did you mean --json?)');
    expect(scanArgs(['--determ'], SPEC)).toBe('unknown option --determ (did you mean --deterministic?)');
    expect(scanArgs(['--timout=5'], SPEC)).toBe('unknown option --timout=5 (did you mean --timeout?)');
    expect(scanArgs(['--colour'], SPEC)).toBe('unknown option --colour');
    expect(scanArgs(['-x'], SPEC)).toBe('unknown option -x');
  });

  it('takes a second value only when it matches (`--dump ADDR [LEN]`)', () => {
    const dump = { values: { '--dump': 'an address' }, second: { '--dump': /^\d+$/ } };
    expect(scanArgs(['--dump', 'p', '16', 'f'], dump)).toMatchObject({ seconds: new Map([['--dump', '16']]), positional: ['f'] });
    expect(scanArgs(['--dump=p', 'f'], dump)).toMatchObject({ seconds: new Map(), positional: ['f'] });
  });
});

describe('each command reads its options by those rules', () => {
  it('run: a second --timeout or --module is refused, not last-wins', () => {
    expect(parseRunArgs(['a.wseq', '--timeout', '5', '--timeout', '9'])).toBe('--timeout given twice; give it once');
    expect(parseRunArgs(['a.wseq', '--module', 'A', '--module=B'])).toBe('--module given twice; give it once');
  });

  it('run: --json=yes is refused, -- ends the options, - says what run reads', () => {
    expect(parseRunArgs(['a.wseq', '--json=yes'])).toBe('--json takes no value (got --json=yes)');
    expect(parseRunArgs(['--json', '--', '-a.wseq'])).toMatchObject({ sequence: '-a.wseq', json: true });
    expect(parseRunArgs(['-'])).toBe("reads a sequence file, not standard input (-): give the sequence's path (a file named - is ./-)");
    expect(parseRunArgs(['--', './-'])).toMatchObject({ sequence: './-' });
  });

  it('run: --timeout takes digits only, 1 and up', () => {
    for (const t of ['0', '-1', '1e3', '5s', ' 5']) expect(parseRunArgs(['a.wseq', '--timeout', t])).toBe(`--timeout takes a time limit in milliseconds (1 to 86400000), not "${t}"`);
  });

  it('serve: a second --port is refused; ports past 65535 or not numbers are refused', () => {
    expect(parseServeArgs(['--port', '1', '--port', '2'])).toBe('--port given twice; give it once');
    expect(parseServeArgs(['--port', '65536'])).toBe('--port takes a port number 0..65535, not "65536"');
    expect(parseServeArgs(['--port=abc'])).toBe('--port takes a port number 0..65535, not "abc"');
    expect(parseServeArgs(['--no-open=1'])).toBe('--no-open takes no value (got --no-open=1)');
    expect(parseServeArgs(['--port=0', '--no-open'])).toMatchObject({ port: 0, open: false });
    // A .wseq MODULE is the sequence: with --sequence too, one of them was dropped without a word.
    expect(parseServeArgs(['a.wseq', '--sequence', 'b.wseq'])).toBe('only one sequence may be given (got b.wseq and a.wseq)');
  });

  it('inspect: --json=1 is refused, not "unknown option"', () => {
    expect(parseInspectArgs(['--json=1', 'm.wasm'])).toBe('--json takes no value (got --json=1)');
  });
});

describe('the commands without a parser of their own to call', () => {
  const firstLine = (args: string[]) => {
    const r = memscope(args);
    return { status: r.status, line: r.stderr.split('\n')[0] };
  };

  it('export-host: --lang=js works; a second --lang is refused', () => {
    const seq = 'resources/examples/c-struct/c-struct.wseq';
    expect(firstLine(['export-host', seq, '--lang', 'go', '--lang', 'rust'])).toEqual({ status: 2, line: 'memscope export-host: --lang given twice; give it once' });
    const js = memscope(['export-host', seq, '--lang=js', '--module=resources/examples/c-struct/c-struct.wasm']);
    expect(js.status).toBe(0);
    expect(js.stdout).toContain('--lang js');
  });

  it('dap: a second --port is refused, not last-wins', () => {
    expect(firstLine(['dap', '--port', '0', '--port=1'])).toEqual({ status: 2, line: 'memscope dap: --port given twice; give it once' });
    expect(firstLine(['dap', '--port', '65536'])).toEqual({ status: 2, line: 'memscope dap: --port takes a port number 0..65535, not "65536"' });
  });

  it('snapshot: --diff=F is read as --diff F, --json=1 refused', () => {
    expect(firstLine(['snapshot', 'a.msnap', '--diff=b.msnap', '--diff', 'c.msnap'])).toEqual({ status: 2, line: 'memscope snapshot: --diff given twice; give it once' });
    expect(firstLine(['snapshot', 'a.msnap', '--json=1'])).toEqual({ status: 2, line: 'memscope snapshot: --json takes no value (got --json=1)' });
  });

  it('new: -- ends the options; heap: as run', () => {
    expect(firstLine(['new', '--', 'no-such.wasm'])).toEqual({ status: 2, line: 'memscope new: no-such.wasm: cannot read: no such file or directory' });
    expect(firstLine(['heap', '--json=1', 'a.wseq'])).toEqual({ status: 2, line: 'memscope heap: --json takes no value (got --json=1)' });
    expect(firstLine(['heap', '-'])).toEqual({ status: 2, line: "memscope heap: reads a sequence file, not standard input (-): give the sequence's path (a file named - is ./-)" });
  });
});

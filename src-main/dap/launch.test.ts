// A launch configuration whose program or module is another kind of file: said as `memscope
// run` says it (shared/file-kind.ts wrongKindText), not as a sequence's "not UTF-8" at byte 8 of
// a snapshot, a coredump program as "a WebAssembly module … give it as the module", glue as a
// parse error, or a snapshot module as "bad magic number".

import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLaunch, type LaunchArgs } from './launch.ts';
import { PACKAGE_ROOT } from '../paths.ts';


/** The smallest coredump: a module with a `core` custom section (process-info 0, name "x"). */
const CORE = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 8, 4, ...Buffer.from('core'), 0, 1, 0x78]);
const SNAPSHOT = Buffer.concat([Buffer.from('MSNAP\0\0\x01'), Buffer.from([0x9a, 0x26, 0, 0])]);

async function refusal(args: LaunchArgs, cwd: string): Promise<string> {
  const launched = await openLaunch(args, cwd);
  if (launched.ok) {
    await launched.session.dispose();
    return 'launched';
  }
  return launched.message;
}

describe('launch with another kind of file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-launch-kinds-'));
  copyFileSync(join(PACKAGE_ROOT, 'resources/examples/return-string/return-string.wasm'), join(dir, 'm.wasm'));
  writeFileSync(join(dir, 'm.wseq'), 'module "m.wasm"\n');
  writeFileSync(join(dir, 's.msnap'), SNAPSHOT);
  writeFileSync(join(dir, 'crash.wasm'), CORE);
  writeFileSync(join(dir, 'm.js'), 'var Module = {};\n');
  const at = (f: string) => join(dir, f);

  it('as the program', async () => {
    expect(await refusal({ program: 's.msnap' }, dir)).toBe(`${at('s.msnap')} is a memory image (a snapshot, coredump or raw dump, by its name), not a call sequence: \`memscope snapshot ${at('s.msnap')}\` reads it`);
    expect(await refusal({ program: 'crash.wasm' }, dir)).toBe(`${at('crash.wasm')} is a memory image (a Wasm coredump, by its contents), not a call sequence: \`memscope snapshot ${at('crash.wasm')}\` reads it`);
    expect(await refusal({ program: 'm.js' }, dir)).toBe(`${at('m.js')} is Emscripten's JavaScript glue (by its name), not a call sequence: Memscope reads it from beside the module it was written with`);
  });

  it('as the module', async () => {
    expect(await refusal({ program: 'm.wseq', module: 's.msnap' }, dir)).toBe(`${at('s.msnap')} is a memory image (a snapshot, coredump or raw dump, by its name), not a module: \`memscope snapshot ${at('s.msnap')}\` reads it`);
    expect(await refusal({ program: 'm.wseq', module: 'm.wseq' }, dir)).toBe(`${at('m.wseq')} is a call sequence (by its name), not a module: \`memscope run ${at('m.wseq')}\` reads it`);
    expect(await refusal({ program: 'm.wseq', module: 'crash.wasm' }, dir)).toBe(`${at('crash.wasm')} is a memory image (a Wasm coredump, by its contents), not a module: \`memscope snapshot ${at('crash.wasm')}\` reads it`);
  });

  it('a "module" that cannot be read is named once, as `memscope run --module` names it', async () => {
    // It was `${file}: cannot read module ${file}: …`, the path said twice.
    expect(await refusal({ program: 'm.wseq', module: 'nowhere.wasm' }, dir)).toBe(`cannot read module ${at('nowhere.wasm')}: no such file or directory`);
  });
});

// The legacy wasi_unstable namespace on a real module (clang-19, testdata/unstable/unstable.c):
// served by the preview1 table, fd_seek's snapshot-0 whence translated, records named by module.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportCallRecord } from '../../../shared/dto.ts';
import { GuestMemory } from '../../memory/guest-memory.ts';
import { recordsTo } from '../host-call.ts';
import { createWasiPreview1, ProcExit } from './index.ts';

describe('wasi_unstable', () => {
  it('runs a snapshot-0 command: argv, fd_write, fd_seek with its own whence, proc_exit', async () => {
    const bytes = readFileSync(new URL('./testdata/unstable/unstable.wasm', import.meta.url));
    const out: string[] = [];
    const records: ImportCallRecord[] = [];
    let memory: WebAssembly.Memory | null = null;
    const wasi = createWasiPreview1(
      { args: ['unstable.wasm', 'one'], env: [], preopens: [], stdin: new Uint8Array(0), deterministic: true },
      { stdout: (b) => out.push(new TextDecoder().decode(b)), stderr: () => {}, calls: recordsTo((r) => records.push(r)) },
      () => new GuestMemory(memory!),
    );
    const { instance } = await WebAssembly.instantiate(bytes, { wasi_unstable: wasi.unstable });
    memory = instance.exports.memory as WebAssembly.Memory;
    let code = -1;
    try {
      (instance.exports._start as () => void)();
    } catch (e) {
      if (!(e instanceof ProcExit)) throw e;
      code = e.code;
    } finally {
      wasi.dispose();
    }
    expect(out.join('')).toBe('hello from wasi_unstable, argc=2\n');
    // fd_seek(1, 0, whence 0 = CUR in snapshot 0) on stdout is SPIPE; the program exits 3 on SPIPE.
    expect(code).toBe(3);
    expect(records.map((r) => [r.module, r.name, r.errnoName ?? ''])).toEqual([
      ['wasi_unstable', 'args_sizes_get', 'success'],
      ['wasi_unstable', 'fd_write', 'success'],
      ['wasi_unstable', 'fd_seek', 'spipe'],
      ['wasi_unstable', 'proc_exit', ''],
    ]);
  });

  it('answers NOSYS, with the reason, where snapshot 0 lays out memory differently', () => {
    const wasi = createWasiPreview1(
      { args: ['x'], env: [], preopens: [], stdin: new Uint8Array(0), deterministic: true },
      { stdout: () => {}, stderr: () => {}, calls: null },
      () => new GuestMemory(new WebAssembly.Memory({ initial: 1 })),
    );
    try {
      expect(wasi.unstable.fd_filestat_get!(1, 64)).toBe(52);
      expect(wasi.unstable.poll_oneoff!(0, 64, 1, 200)).toBe(52);
      expect(wasi.imports.fd_filestat_get!(1, 64)).toBe(0);
    } finally {
      wasi.dispose();
    }
  });
});

// watchOpened: what `memscope serve` tells the page (the `fileChanged` event) and stderr when a
// file it opened at start changes on disk. Before, only stderr heard of it, once per file; the
// page went on running the old module and showing the old sequence without a word.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileChange } from '../shared/contract.ts';
import { formatSourceError } from '../engine/index.ts';
import { readOpenFiles } from '../backend/open-files.ts';
import { watchOpened } from './serve-watch.ts';

const POLL_MS = 20;

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS));
}

describe('watchOpened', () => {
  it('tells the page at every change, with what to load, and stderr each new thing once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    const wasm = join(import.meta.dirname, '..', 'testdata', 'names.wasm');
    const m = join(dir, 'm.wasm');
    const s = join(dir, 's.wseq');
    writeFileSync(m, 'old bytes');
    writeFileSync(s, 'module "m.wasm"\n');
    const changes: FileChange[] = [];
    const said: string[] = [];
    const stop = watchOpened([
      { path: s, shown: 's.wseq', kind: 'sequence', text: 'module "m.wasm"\n' },
      { path: m, shown: m, kind: 'module' },
    ], { say: (line) => said.push(line), changed: (c) => changes.push(c) }, POLL_MS);
    try {
      copyFileSync(wasm, m);
      writeFileSync(s, 'module "m.wasm"\n# edited elsewhere\n');
      await until(() => changes.length >= 2);
      const bytes = new Uint8Array(readFileSync(wasm));
      expect(changes.find((c) => c.kind === 'module')).toEqual({
        kind: 'module', path: m, module: { name: 'm.wasm', bytes, sha256: createHash('sha256').update(bytes).digest('hex') },
      });
      expect(changes.find((c) => c.kind === 'sequence')).toEqual({
        kind: 'sequence', path: 's.wseq', sequence: { name: 's.wseq', text: 'module "m.wasm"\n# edited elsewhere\n', earlier: ['module "m.wasm"\n'] },
      });
      // Edited again: the page hears of it, with the texts it had before; stderr said it already,
      // but not that the module is gone.
      writeFileSync(s, 'module "m.wasm"\n# again\n');
      rmSync(m);
      await until(() => changes.length >= 4);
      expect(changes.slice(2).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
        { kind: 'module', path: m, problem: 'cannot be loaded: it is gone from disk' },
        { kind: 'sequence', path: 's.wseq', sequence: { name: 's.wseq', text: 'module "m.wasm"\n# again\n', earlier: ['module "m.wasm"\n', 'module "m.wasm"\n# edited elsewhere\n'] } },
      ]);
      expect(said.sort()).toEqual([
        `memscope serve: ${m} changed on disk; the page keeps running the bytes read at start (Reset too) until Reload, in its notice, runs the new ones`,
        `memscope serve: ${m} is gone from disk; the page keeps running the bytes read at start (Reset too)`,
        'memscope serve: s.wseq changed on disk; the page\'s editor keeps its text until Load from disk, in its notice, replaces it',
      ]);
    } finally {
      stop();
    }
  });

  it('says why a changed sequence cannot be loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    const s = join(dir, 's.wseq');
    writeFileSync(s, 'module "m.wasm"\n');
    const changes: FileChange[] = [];
    const stop = watchOpened([{ path: s, shown: s, kind: 'sequence' }], { say: () => undefined, changed: (c) => changes.push(c) }, POLL_MS);
    try {
      writeFileSync(s, Buffer.from([0x6d, 0xff, 0xfe, 0x0a]));
      await until(() => changes.length >= 1);
      expect(changes[0]).toMatchObject({ kind: 'sequence', path: s });
      expect(changes[0].sequence).toBeUndefined();
      expect(changes[0].problem).toMatch(/UTF-8/);
    } finally {
      stop();
    }
  });

  it('names the file, line and column of a changed sequence that cannot be loaded, in start-up\'s words', async () => {
    // Start-up said `s.wseq:2:6: byte 0xe9 …`; the change's notice (the page's and stderr's) said
    // only `line 2: byte 0xe9 …`, with no column to find the byte by.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    const s = join(dir, 's.wseq');
    writeFileSync(s, 'module "m.wasm"\n');
    const bad = Buffer.from('module "m.wasm"\n# caf\xe9\n', 'latin1');
    const changes: FileChange[] = [];
    const said: string[] = [];
    const stop = watchOpened([{ path: s, shown: s, kind: 'sequence', text: 'module "m.wasm"\n' }], { say: (line) => said.push(line), changed: (c) => changes.push(c) }, POLL_MS);
    try {
      writeFileSync(s, bad);
      await until(() => changes.length >= 1);
      const words = `${s}:2:6: byte 0xe9 (offset 21 in the file) is not UTF-8: sequences are UTF-8 text; save the file as UTF-8`;
      expect(changes[0]).toEqual({ kind: 'sequence', path: s, problem: `cannot be loaded: ${words}` });
      expect(said).toEqual([`memscope serve: ${s} changed on disk but cannot be loaded: ${words}; the page's editor keeps its text`]);
      // Start-up's first line for the same file, as `memscope serve FILE` prints it (the line and caret follow it there).
      const opened = await readOpenFiles({ sequence: s });
      expect(opened.ok ? null : formatSourceError(opened.error).split('\n')[0]).toBe(words);
    } finally {
      stop();
    }
  });

  it('says a half-written module cannot be loaded yet, then offers the whole one', async () => {
    // A build that truncates the module, then writes it in two steps: the page was offered Reload
    // of the part written so far, and Reload failed in the error bar.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'testdata', 'names.wasm')));
    const m = join(dir, 'm.wasm');
    writeFileSync(m, bytes);
    const changes: FileChange[] = [];
    const stop = watchOpened([{ path: m, shown: m, kind: 'module' }], { say: () => undefined, changed: (c) => changes.push(c) }, POLL_MS);
    try {
      writeFileSync(m, '');
      await until(() => changes.length >= 1);
      expect(changes[0]).toEqual({ kind: 'module', path: m, problem: 'cannot be loaded: header: the file is empty (section header, byte offset 0)' });
      writeFileSync(m, bytes.subarray(0, bytes.length - 3));
      await until(() => changes.length >= 2);
      expect(changes[1]?.module).toBeUndefined();
      expect(changes[1]?.problem).toMatch(/byte offset \d+\)$/);
      writeFileSync(m, bytes);
      await until(() => changes.length >= 3);
      expect(changes[2]?.module?.bytes).toEqual(bytes);
      expect(changes[2]?.problem).toBeUndefined();
    } finally {
      stop();
    }
  });

  it('says nothing of a file renamed away and back, or touched: its content is what the page has', async () => {
    // Back unchanged, the sequence was announced as changed, its editor's edits as at risk.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    const s = join(dir, 's.wseq');
    // Looked at after s each time: once its change is in, so is whatever s had to say.
    const barrier = join(dir, 'barrier.wseq');
    const text = 'module "m.wasm"\n';
    writeFileSync(s, text);
    writeFileSync(barrier, text);
    const changes: FileChange[] = [];
    const said: string[] = [];
    const stop = watchOpened([
      { path: s, shown: 's.wseq', kind: 'sequence', text },
      { path: barrier, shown: 'barrier.wseq', kind: 'sequence', text },
    ], { say: (line) => said.push(line), changed: (c) => changes.push(c) }, POLL_MS);
    try {
      renameSync(s, `${s}.away`);
      await until(() => changes.length >= 1);
      renameSync(`${s}.away`, s);
      await until(() => changes.length >= 2);
      // The file as opened: a change with nothing in it, which takes the problem's notice away.
      expect(changes).toEqual([{ kind: 'sequence', path: 's.wseq', problem: 'cannot be loaded: it is gone from disk' }, { kind: 'sequence', path: 's.wseq' }]);
      utimesSync(s, new Date(), new Date(Date.now() + 5000));
      writeFileSync(barrier, `${text}# barrier\n`);
      await until(() => changes.length >= 3);
      expect(changes[2]?.path).toBe('barrier.wseq');
      writeFileSync(s, `${text}# real\n`);
      await until(() => changes.length >= 4);
      expect(changes[3]).toEqual({ kind: 'sequence', path: 's.wseq', sequence: { name: 's.wseq', text: `${text}# real\n`, earlier: [text] } });
      // Renamed away and back after a change: the page is told again of the change, as it was.
      renameSync(s, `${s}.away`);
      await until(() => changes.length >= 5);
      renameSync(`${s}.away`, s);
      await until(() => changes.length >= 6);
      expect(changes[5]).toEqual(changes[3]);
      expect(said.sort()).toEqual([
        "memscope serve: barrier.wseq changed on disk; the page's editor keeps its text until Load from disk, in its notice, replaces it",
        "memscope serve: s.wseq changed on disk; the page's editor keeps its text until Load from disk, in its notice, replaces it",
        "memscope serve: s.wseq is gone from disk; the page's editor keeps its text",
      ]);
    } finally {
      stop();
    }
  });

  it('keeps the opened text among the earlier ones, however many changes come', async () => {
    // The page warns of edits when the editor holds none of them: with only the text before the
    // latest change, an editor left as opened was said to hold edits once the file changed twice.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    const s = join(dir, 's.wseq');
    writeFileSync(s, 'v0\n');
    const changes: FileChange[] = [];
    const stop = watchOpened([{ path: s, shown: 's.wseq', kind: 'sequence', text: 'v0\n' }], { say: () => undefined, changed: (c) => changes.push(c) }, POLL_MS);
    try {
      for (let i = 1; i <= 20; i++) {
        writeFileSync(s, `v${i}\n`);
        await until(() => changes.at(-1)?.sequence?.text === `v${i}\n`);
      }
      const earlier = changes.at(-1)?.sequence?.earlier ?? [];
      expect(earlier[0]).toBe('v0\n');
      expect(earlier.at(-1)).toBe('v19\n');
      expect(earlier.length).toBeLessThanOrEqual(16);
    } finally {
      stop();
    }
  });

  it('tells stderr each new problem of a file once, and the change that mends it', async () => {
    // Once per file: after "cannot be read", a later parse error in the same file, and the fix
    // after it, were never said, and the first problem was only "changed on disk".
    const dir = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    const s = join(dir, 's.wseq');
    writeFileSync(s, 'x\n');
    const changes: FileChange[] = [];
    const said: string[] = [];
    const stop = watchOpened([{ path: s, shown: 's.wseq', kind: 'sequence', text: 'x\n' }], { say: (line) => said.push(line), changed: (c) => changes.push(c) }, POLL_MS);
    const unreadable = (): void => {
      rmSync(s);
      mkdirSync(s);
    };
    const malformed = (): void => {
      rmSync(s, { recursive: true, force: true });
      writeFileSync(s, Buffer.from([0x6d, 0xff, 0xfe, 0x0a]));
    };
    try {
      unreadable();
      await until(() => changes.length >= 1);
      malformed();
      await until(() => changes.length >= 2);
      unreadable();
      await until(() => changes.length >= 3);
      malformed();
      await until(() => changes.length >= 4);
      rmSync(s);
      writeFileSync(s, 'y\n');
      await until(() => changes.length >= 5);
      expect(changes.map((c) => c.problem ?? c.sequence?.text)).toEqual([
        expect.stringMatching(/^cannot be read: /), expect.stringMatching(/^cannot be loaded: .*UTF-8/),
        expect.stringMatching(/^cannot be read: /), expect.stringMatching(/^cannot be loaded: .*UTF-8/), 'y\n',
      ]);
      expect(said).toEqual([
        `memscope serve: s.wseq changed on disk but ${changes[0]?.problem}; the page's editor keeps its text`,
        `memscope serve: s.wseq changed on disk but ${changes[1]?.problem}; the page's editor keeps its text`,
        "memscope serve: s.wseq changed on disk; the page's editor keeps its text until Load from disk, in its notice, replaces it",
      ]);
    } finally {
      stop();
    }
  });

  it('says a file it cannot look at cannot be read, not that it is gone', async () => {
    // A directory on the path made unreadable (here: a symlink loop, as root ignores modes) was
    // "gone from disk" to the page and stderr.
    const top = mkdtempSync(join(tmpdir(), 'memscope-watch-'));
    mkdirSync(join(top, 'real'));
    symlinkSync(join(top, 'real'), join(top, 'dir'));
    const s = join(top, 'dir', 's.wseq');
    writeFileSync(s, 'x\n');
    const changes: FileChange[] = [];
    const said: string[] = [];
    const stop = watchOpened([{ path: s, shown: 's.wseq', kind: 'sequence', text: 'x\n' }], { say: (line) => said.push(line), changed: (c) => changes.push(c) }, POLL_MS);
    try {
      rmSync(join(top, 'dir'));
      symlinkSync(join(top, 'dir'), join(top, 'dir'));
      await until(() => changes.length >= 1);
      expect(changes[0]).toMatchObject({ kind: 'sequence', path: 's.wseq', problem: expect.stringMatching(/^cannot be read: .*symbolic links/) });
      expect(said[0]).toMatch(/^memscope serve: s\.wseq cannot be looked at \(.*symbolic links.*\); the page's editor keeps its text$/);
    } finally {
      stop();
    }
  });
});

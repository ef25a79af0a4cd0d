// Reload in `memscope serve`'s file-changed notice opens the rebuilt module with the editor's
// text. A sequence opened by path with `dir` lines, then edited in the page, is no file the server
// read: Reload was refused "an uploaded sequence cannot grant host directories". Reload of the
// module bytes the server read for the notice (trustReload) now keeps the session's directories,
// and still refuses a `dir` line the trusted file did not have. Other bytes under the same names
// are an upload: before, any module named like the open one kept them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EXAMPLES_DIR } from './demos.ts';
import { backendsDisposedAfterEach, stateAfter, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

/** wasi-cat opened by path, as `memscope serve --sequence` opens it, then edited in the page. */
async function openedAndEdited() {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-reload-'));
  cpSync(join(DEFAULT_EXAMPLES_DIR, 'wasi-cat'), dir, { recursive: true });
  const h = newBackend({});
  const view = value(await h.openFiles({ sequence: join(dir, 'wasi-cat.wseq') }));
  const text = `${view.sequence!.text}# typed here\n`;
  value(await h.backend.setSequence({ name: 'wasi-cat.wseq', text }));
  // "A rebuild": the same code with an empty custom section "x" at the end, as read for the notice.
  const bytes = new Uint8Array([...readFileSync(join(dir, 'wasi-cat.wasm')), 0, 2, 1, 0x78]);
  h.trustReload(createHash('sha256').update(bytes).digest('hex'));
  return { h, text, module: { name: 'wasi-cat.wasm', bytes } };
}

describe('opening again from the page what is open', () => {
  it('keeps the directories of the sequence opened by path for the bytes read for the notice, when its `dir` lines are the same', async () => {
    const { h, text, module } = await openedAndEdited();
    const reloaded = value(await h.backend.openModule({ module, sequence: { name: 'wasi-cat.wseq', text } }));
    expect(reloaded.sequence?.text).toBe(text);
    // The guest reads its file through the directory: the grant is in effect, not just allowed.
    expect((await stateAfter(h, h.backend.run({}))).bindings.total).toEqual({ kind: 'int', value: '91', bits: 32 });
  });

  it('refuses a `dir` line typed in the page, the same lines under another name, and other bytes under the same name', async () => {
    const { h, text, module } = await openedAndEdited();
    const widened = await h.backend.openModule({ module, sequence: { name: 'wasi-cat.wseq', text: `${text}dir "/" as "/root"\n` } });
    expect(!widened.ok && widened.error.message).toMatch(/^`dir "\/" as "\/root"`: a sequence edited here cannot add host directories/);
    expect(!widened.ok && widened.error.where?.line).toBe(text.split('\n').length);
    // Another sequence, or another module, is an upload: it has no host location.
    const other = await h.backend.openModule({ module, sequence: { name: 'other.wseq', text } });
    expect(!other.ok && other.error.message).toMatch(/an uploaded sequence cannot grant host directories/);
    const otherModule = await h.backend.openModule({ module: { ...module, name: 'other.wasm' }, sequence: { name: 'wasi-cat.wseq', text } });
    expect(!otherModule.ok && otherModule.error.message).toMatch(/an uploaded sequence cannot grant host directories/);
    // Other bytes under the open module's name: not what the server read for the notice.
    const uploaded = await h.backend.openModule({ module: { ...module, bytes: new Uint8Array([...module.bytes, 0, 2, 1, 0x79]) }, sequence: { name: 'wasi-cat.wseq', text } });
    expect(!uploaded.ok && uploaded.error.message).toMatch(/an uploaded sequence cannot grant host directories/);
    // None of them replaced the session.
    expect(value(await h.backend.getSession({}))?.sequence?.text).toBe(text);
  });
});

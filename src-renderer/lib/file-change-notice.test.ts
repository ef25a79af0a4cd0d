// Which file changes the notice shows, and when it warns that loading replaces edits made here.
import { describe, expect, it } from 'vitest';
import type { FileChange, SessionView } from '../../src-main/shared/contract.ts';
import { hasOwnEdits, noticeShows } from './file-change-notice.ts';

const view = { moduleName: 'm.wasm', moduleSha256: 'aa', sequence: { name: 's.wseq' } } as unknown as SessionView;
const change = (text: string, earlier: string[]): FileChange => ({ kind: 'sequence', path: 'dir/s.wseq', sequence: { name: 's.wseq', text, earlier } });

describe('hasOwnEdits', () => {
  it('is false for an editor left as opened after the file changed twice', () => {
    // It compared with the text before the latest change only, and warned of edits there were none of.
    expect(hasOwnEdits(change('v2', ['v0', 'v1']), 'v0')).toBe(false);
    expect(hasOwnEdits(change('v2', ['v0', 'v1']), 'v1')).toBe(false);
    expect(hasOwnEdits(change('v2', ['v0', 'v1']), 'v0 typed')).toBe(true);
  });
});

describe('noticeShows', () => {
  it('shows nothing for a file back as opened, and a problem until then', () => {
    expect(noticeShows({ kind: 'sequence', path: 'dir/s.wseq' }, { view, text: 'typed' })).toBe(false);
    expect(noticeShows({ kind: 'module', path: 'm.wasm' }, { view, text: '' })).toBe(false);
    expect(noticeShows({ kind: 'module', path: 'm.wasm', problem: 'cannot be loaded: it is gone from disk' }, { view, text: '' })).toBe(true);
  });

  it('shows a change the page does not have yet, of a file it has open', () => {
    expect(noticeShows(change('v1', ['v0']), { view, text: 'v0' })).toBe(true);
    expect(noticeShows(change('v1', ['v0']), { view, text: 'v1' })).toBe(false);
    expect(noticeShows({ kind: 'sequence', path: 'other.wseq', sequence: { name: 'other.wseq', text: 'x', earlier: [] } }, { view, text: 'v0' })).toBe(false);
  });
});

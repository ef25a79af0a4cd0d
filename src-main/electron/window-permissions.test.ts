// The window's one permission: our page may write the clipboard (Export ▸ Copy, the memory
// tools' copy); nothing else, and no other page.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: class {}, session: {} }));
const { grantsPermission } = await import('./window.ts');

const INDEX = '/opt/memscope/out/renderer/index.html';

describe('the desktop window\'s permissions', () => {
  it('lets our page write the clipboard, which the lock-down refused (every Copy failed)', () => {
    expect(grantsPermission('clipboard-sanitized-write', 'file:///opt/memscope/out/renderer/index.html', INDEX)).toBe(true);
  });

  it('refuses reading the clipboard, other permissions, other pages and an unknown requester', () => {
    expect(grantsPermission('clipboard-read', 'file:///opt/memscope/out/renderer/index.html', INDEX)).toBe(false);
    expect(grantsPermission('media', 'file:///opt/memscope/out/renderer/index.html', INDEX)).toBe(false);
    expect(grantsPermission('clipboard-sanitized-write', 'https://example.com/', INDEX)).toBe(false);
    expect(grantsPermission('clipboard-sanitized-write', 'file:///tmp/other.html', INDEX)).toBe(false);
    expect(grantsPermission('clipboard-sanitized-write', undefined, INDEX)).toBe(false);
  });
});

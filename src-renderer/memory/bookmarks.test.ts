import { describe, expect, it } from 'vitest';
import { freshName, loadBookmarks, saveBookmarks, withoutLine } from './bookmarks.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('bookmarks', () => {
  it('are kept per module and come back as saved', () => {
    const s = memoryStorage();
    saveBookmarks(s, 'abc', [{ name: 'ret slot', start: 0x10620, size: 8, colour: 'green' }]);
    expect(loadBookmarks(s, 'abc')).toEqual([{ name: 'ret slot', start: 0x10620, size: 8, colour: 'green' }]);
    expect(loadBookmarks(s, 'other')).toEqual([]);
  });
  it('drop what is malformed in storage', () => {
    const s = memoryStorage();
    s.setItem('memscope.bookmarks.x', JSON.stringify([{ name: 'a', start: -1, size: 1, colour: 'blue' }, { name: 'b', start: 1, size: 1, colour: 'red' }, null]));
    expect(loadBookmarks(s, 'x')).toEqual([]);
    s.setItem('memscope.bookmarks.y', '{not json');
    expect(loadBookmarks(s, 'y')).toEqual([]);
  });
  it('get fresh names', () => {
    expect(freshName([], 'ret')).toBe('ret');
    expect(freshName([{ name: 'ret' }], 'ret')).toBe('ret 2');
  });
  it('lose one line when removed from the text', () => {
    expect(withoutLine('a\nbookmark "x" @ 0x0 [1] blue\nb\n', 2)).toBe('a\nb\n');
    // A lone CR (an old-Mac file) ends a line here as in the parser, and the file keeps its line end:
    // split on LF alone, the whole file was one line and removing line 2 removed nothing.
    expect(withoutLine('a\rbookmark "x" @ 0x0 [1] blue\rb\r', 2)).toBe('a\rb\r');
    expect(withoutLine('a\r\nbookmark "x" @ 0x0 [1] blue\r\nb\r\n', 2)).toBe('a\r\nb\r\n');
  });
  it('an emptied list leaves nothing in storage', () => {
    const s = memoryStorage();
    saveBookmarks(s, 'abc', [{ name: 'a', start: 1, size: 1, colour: 'blue' }]);
    saveBookmarks(s, 'abc', []);
    expect(s.getItem('memscope.bookmarks.abc')).toBeNull();
  });
});

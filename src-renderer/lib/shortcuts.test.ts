import { describe, expect, it } from 'vitest';
// The README as text (Vite's ?raw): renderer tests have no Node APIs.
import readme from '../../README.md?raw';
import type { MenuCommand } from '../../src-main/shared/contract.ts';
import { commandForKey } from './shortcuts.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
  commandForKey({ key: k, ctrlKey: false, shiftKey: false, metaKey: false, altKey: false, ...mods });

describe('debugger shortcuts', () => {
  it('maps F10, F5, Shift+F5, Alt+F5, Ctrl+Shift+F5, Ctrl+O and Ctrl+S', () => {
    expect(key('F10')).toBe('step');
    expect(key('F10', { shiftKey: true })).toBe('step-back');
    expect(key('F5')).toBe('run');
    expect(key('F5', { shiftKey: true })).toBe('stop');
    expect(key('F5', { altKey: true })).toBe('reverse-continue');
    expect(key('F5', { altKey: true, shiftKey: true })).toBe('stop');
    expect(key('F5', { shiftKey: true, ctrlKey: true })).toBe('reset');
    expect(key('F5', { ctrlKey: true })).toBeNull();
    expect(key('o', { ctrlKey: true })).toBe('open-module');
    expect(key('s', { ctrlKey: true })).toBe('save-sequence');
    expect(key('S', { metaKey: true })).toBe('save-sequence');
    expect(key('s', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(key('a')).toBeNull();
  });
});

/**
 * The page's keys as the README's key table writes them, the page's list of shortcuts: held here
 * to commandForKey both ways (Ctrl+= and Ctrl+- worked unlisted).
 */
const PAGE_KEYS: readonly { keys: string; command: MenuCommand }[] = [
  { keys: 'F10', command: 'step' },
  { keys: 'Shift+F10', command: 'step-back' },
  { keys: 'Alt+F5', command: 'reverse-continue' },
  { keys: 'F5', command: 'run' },
  { keys: 'Shift+F5', command: 'stop' },
  { keys: 'Ctrl+Shift+F5', command: 'reset' },
  { keys: 'Ctrl+O', command: 'open-module' },
  { keys: 'Ctrl+S', command: 'save-sequence' },
  { keys: 'Ctrl+=', command: 'zoom-in' },
  { keys: 'Ctrl+-', command: 'zoom-out' },
];

describe("the page's list of keys", () => {
  const press = (keys: string) => {
    const parts = keys.split(/\+(?=.)/);
    const k = parts.pop()!;
    return key(k.length === 1 ? k.toLowerCase() : k, { ctrlKey: parts.includes('Ctrl'), shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt') });
  };

  it('gives each listed key its command, and lists every command a key has', () => {
    for (const { keys, command } of PAGE_KEYS) expect(press(keys), keys).toBe(command);
    const commands: readonly string[] = PAGE_KEYS.map((k) => k.command);
    const mods = [{}, { shiftKey: true }, { altKey: true }, { ctrlKey: true }, { ctrlKey: true, shiftKey: true }];
    for (const k of ['F5', 'F10', 'o', 's', '=', '+', '-']) {
      for (const m of mods) {
        const c = key(k, m);
        if (c) expect(commands, `${k} ${JSON.stringify(m)}`).toContain(c);
      }
    }
  });

  it("is the README's key table (Ctrl+= and Ctrl+- worked but were not listed)", () => {
    const rows = new Set([...readme.matchAll(/^\| ([^|]+?) \|/gm)].flatMap((m) => m[1]!.split(' / ')));
    for (const { keys } of PAGE_KEYS) expect(rows, keys).toContain(keys);
  });
});

import { describe, expect, it } from 'vitest';
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

// Keys on a focused splitter: arrows along its axis only, Shift for a longer move, Home/End reset.

import { describe, expect, it } from 'vitest';
import { KEY_STEP, KEY_STEP_FAR, splitterKey } from './splitter-keys.ts';

const key = (k: string, mods: { shiftKey?: boolean; ctrlKey?: boolean } = {}) => ({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('splitterKey', () => {
  it('moves a column splitter with left and right, not up and down', () => {
    expect(splitterKey(key('ArrowLeft'), 'vertical')).toEqual({ move: -KEY_STEP });
    expect(splitterKey(key('ArrowRight', { shiftKey: true }), 'vertical')).toEqual({ move: KEY_STEP_FAR });
    expect(splitterKey(key('ArrowUp'), 'vertical')).toBeNull();
  });

  it('moves a row splitter with up and down', () => {
    expect(splitterKey(key('ArrowUp'), 'horizontal')).toEqual({ move: -KEY_STEP });
    expect(splitterKey(key('ArrowDown'), 'horizontal')).toEqual({ move: KEY_STEP });
    expect(splitterKey(key('ArrowLeft'), 'horizontal')).toBeNull();
  });

  it('resets with Home or End, and leaves shortcuts with modifiers to the app', () => {
    expect(splitterKey(key('Home'), 'vertical')).toBe('reset');
    expect(splitterKey(key('End'), 'horizontal')).toBe('reset');
    expect(splitterKey(key('ArrowLeft', { ctrlKey: true }), 'vertical')).toBeNull();
    expect(splitterKey(key('a'), 'vertical')).toBeNull();
  });
});

// What a key does to a focused splitter: the arrows along its axis move it (Shift: farther),
// Home and End give its pane the default size back; other keys are not the splitter's.

/** Pixels an arrow key moves a splitter, and with Shift. */
export const KEY_STEP = 16;
export const KEY_STEP_FAR = 64;

/** `move`: pixels the bar moves, positive rightwards (or downwards). */
export type SplitterKey = { move: number } | 'reset' | null;

export function splitterKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>, direction: 'vertical' | 'horizontal'): SplitterKey {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key === 'Home' || e.key === 'End') return 'reset';
  const [back, forward] = direction === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  const step = e.shiftKey ? KEY_STEP_FAR : KEY_STEP;
  if (e.key === back) return { move: -step };
  if (e.key === forward) return { move: step };
  return null;
}

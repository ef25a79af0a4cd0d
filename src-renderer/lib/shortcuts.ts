// Keyboard shortcuts of the debugger, mapped to commands (the same names as the native menu's).

import type { MenuCommand } from '../../src-main/shared/contract.ts';

/** The command a key event means, or null. F5 alone must not reach the browser (reload). */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'shiftKey' | 'metaKey' | 'altKey'>): MenuCommand | null {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.key === 'F10' && !ctrl && !e.shiftKey) return 'step';
  if (e.key === 'F10' && !ctrl && e.shiftKey) return 'step-back';
  if (e.key === 'F5' && e.altKey && !ctrl && !e.shiftKey) return 'reverse-continue';
  if (e.key === 'F5' && ctrl && e.shiftKey) return 'reset';
  if (e.key === 'F5' && e.shiftKey) return 'stop';
  if (e.key === 'F5' && !ctrl) return 'run';
  if (ctrl && e.key.toLowerCase() === 'o' && !e.shiftKey) return 'open-module';
  // Ctrl+S in the sequence editor saves the sequence, not the web page.
  if (ctrl && e.key.toLowerCase() === 's' && !e.shiftKey && !e.altKey) return 'save-sequence';
  if (ctrl && (e.key === '=' || e.key === '+')) return 'zoom-in';
  if (ctrl && e.key === '-') return 'zoom-out';
  return null;
}

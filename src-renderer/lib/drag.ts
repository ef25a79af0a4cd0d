// Pointer dragging as a Svelte attachment: reports the distance moved since the press along one
// axis, with pointer capture so a drag keeps working outside the element.

import type { Attachment } from 'svelte/attachments';

export interface DragHandlers {
  start?: () => void;
  /** Pixels moved along the axis since the press. */
  move: (distance: number) => void;
  end?: () => void;
}

export function drag(axis: 'x' | 'y', handlers: DragHandlers): Attachment<HTMLElement> {
  return (el) => {
    let origin: number | null = null;
    const pos = (e: PointerEvent) => (axis === 'x' ? e.clientX : e.clientY);
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.stopPropagation();
      el.setPointerCapture(e.pointerId);
      origin = pos(e);
      handlers.start?.();
    };
    const move = (e: PointerEvent) => {
      if (origin !== null) handlers.move(pos(e) - origin);
    };
    const up = () => {
      if (origin === null) return;
      origin = null;
      handlers.end?.();
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
  };
}

// Where keyboard focus goes when the control that has it turns itself off, as a Svelte attachment
// on a group of controls (the stepper): Stop once the guest stopped, Step on the last step, Run at
// the end. Chromium blurs a button once it is disabled (a focusout with no relatedTarget, after the
// next style update) and focus fell to <body>: Tab started again from the top of the page.

import type { Attachment } from 'svelte/attachments';

const CONTROLS = 'button, input, select, textarea, a[href], [tabindex]';

/**
 * Focus moves to the group's next control still on (in document order, wrapping to the first),
 * or to the group itself when none is; it must have tabindex="-1" for that. Focus that left for
 * somewhere else (a click elsewhere, Tab) is not touched: only a control that is now disabled.
 */
export const focusHome: Attachment<HTMLElement> = (group) => {
  const onfocusout = (e: FocusEvent) => {
    const off = e.target;
    if (e.relatedTarget !== null || !(off instanceof HTMLElement) || !off.matches(':disabled')) return;
    const on = [...group.querySelectorAll<HTMLElement>(CONTROLS)].filter((c) => !c.matches(':disabled') && c.tabIndex >= 0);
    const next = on.find((c) => off.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) ?? on[0] ?? group;
    next.focus();
  };
  group.addEventListener('focusout', onfocusout);
  return () => group.removeEventListener('focusout', onfocusout);
};

/**
 * Whether focus is nowhere: on <body>, where Chromium leaves it when the element that had it is
 * removed (a screen or a row that closed with the press) or disabled.
 */
export function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

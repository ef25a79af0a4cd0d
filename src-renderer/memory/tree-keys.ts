// Arrow keys in the Statics tree (and a heap block's opened elements), as in a file tree: Up
// and Down move between the rows shown, Right opens a closed row or goes to its first part,
// Left closes an open row or goes to its parent, Home and End go to the first and last row shown
// (the ARIA tree pattern: the rows are its tree items). Rows are StaticRow's `static-row` buttons;
// each sits in a `static-item` with its twisty (`static-open`) and, open, its parts.

const ROW = '[data-testid="static-row"]';
const ITEM = '[data-testid="static-item"]';

/** Handles an arrow key pressed on a row under `root`; returns whether it did. */
export function treeKey(e: KeyboardEvent, root: HTMLElement): boolean {
  const row = (e.target as HTMLElement | null)?.closest<HTMLElement>(ROW);
  if (!row || !root.contains(row) || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return false;
  const rows = [...root.querySelectorAll<HTMLElement>(ROW)];
  const at = rows.indexOf(row);
  const item = row.closest<HTMLElement>(ITEM)!;
  const twisty = item.querySelector<HTMLButtonElement>(':scope > .line > [data-testid="static-open"]');
  const isOpen = twisty?.getAttribute('aria-expanded') === 'true';
  let next: HTMLElement | undefined;
  switch (e.key) {
    case 'ArrowDown': next = rows[at + 1]; break;
    case 'ArrowUp': next = rows[at - 1]; break;
    case 'Home': next = rows[0]; break;
    case 'End': next = rows.at(-1); break;
    case 'ArrowRight':
      if (twisty && !isOpen) twisty.click();
      else if (isOpen) next = rows[at + 1];
      break;
    case 'ArrowLeft':
      if (isOpen) twisty!.click();
      else next = item.parentElement?.closest<HTMLElement>(ITEM)?.querySelector<HTMLElement>(`:scope > .line > ${ROW}`) ?? undefined;
      break;
    default: return false;
  }
  e.preventDefault();
  next?.focus();
  return true;
}

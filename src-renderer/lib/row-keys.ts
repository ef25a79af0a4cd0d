// Up and Down (Home, End, PageUp, PageDown) go from row to row in a list of buttons (the call
// log, the heap panel), as in a list box: with Tab alone a 400-row list was hundreds of presses
// from one end to the other. Tab still goes through every row.

/** Where a row is drawn, as getBoundingClientRect says (a hidden row is all zeros). */
type Box = { top: number; bottom: number };

/** Moves focus to the row a key asks for; rows are `selector` under `list`. Other keys pass. */
export function moveAmongRows(e: KeyboardEvent, list: HTMLElement | undefined, selector: string): void {
  if (!list || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const rows = [...list.querySelectorAll<HTMLElement>(selector)];
  const at = rows.indexOf(e.target as HTMLElement);
  if (at < 0) return;
  const page = e.key === 'PageDown' ? 1 : e.key === 'PageUp' ? -1 : 0;
  // Pages are measured only for a page key: the others read no layout.
  const to = page !== 0 ? pageFrom(rows.map((r) => r.getBoundingClientRect()), at, page, viewHeight(list))
    : { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[e.key];
  if (to === undefined) return;
  e.preventDefault();
  const row = rows[Math.min(rows.length - 1, Math.max(0, to))];
  row?.focus();
  row?.scrollIntoView({ block: 'nearest' });
}

/**
 * The row a PageDown (`dir` 1) or PageUp (-1) goes to from row `at`, as a list box pages: the
 * farthest row still in the view once the view has moved so that row `at` is just out of it, so
 * one press moves by the rows that fit less one, and rows of other heights count as drawn.
 * Hidden rows (no height) are passed over; at least one row is moved when there is one.
 */
export function pageFrom(boxes: readonly Box[], at: number, dir: 1 | -1, height: number): number {
  const from = boxes[at];
  if (!from) return at;
  const room = height - (from.bottom - from.top);
  let to = at;
  for (let j = at + dir; j >= 0 && j < boxes.length; j += dir) {
    const b = boxes[j]!;
    if (b.bottom === b.top) continue;
    // The first shown row is taken even when taller than the view.
    if (to !== at && (dir > 0 ? b.bottom - from.bottom : from.top - b.top) > room) break;
    to = j;
  }
  return to;
}

/** The height of the view the list scrolls in: its nearest scrolling box, else the window. */
function viewHeight(list: HTMLElement): number {
  for (let el: HTMLElement | null = list; el; el = el.parentElement) {
    if (el.scrollHeight > el.clientHeight && /auto|scroll/.test(getComputedStyle(el).overflowY)) return Math.min(el.clientHeight, innerHeight);
  }
  return innerHeight;
}

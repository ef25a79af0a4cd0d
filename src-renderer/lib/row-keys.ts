// Up and Down (Home, End) go from row to row in a list of buttons (the call log, the heap panel),
// as in a list box: with Tab alone a 400-row list was hundreds of presses from one end to the
// other. Tab still goes through every row.

/** Moves focus to the row a key asks for; rows are `selector` under `list`. Other keys pass. */
export function moveAmongRows(e: KeyboardEvent, list: HTMLElement | undefined, selector: string): void {
  if (!list || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const rows = [...list.querySelectorAll<HTMLElement>(selector)];
  const at = rows.indexOf(e.target as HTMLElement);
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[e.key];
  if (at < 0 || to === undefined) return;
  e.preventDefault();
  const row = rows[Math.min(rows.length - 1, Math.max(0, to))];
  row?.focus();
  row?.scrollIntoView({ block: 'nearest' });
}

// Draws grid rows into the DOM by hand: a fixed set of row elements whose hex and ASCII columns
// are one text node each, plus a span per styled run. A column is rewritten only when its key
// changed, so a frame costs about what a plain text page costs (Svelte would diff per byte).

import type { Chip, RowModel } from './grid-model.ts';
import { ZERO_RUN, type Segment } from './grid-segments.ts';

interface RowEls {
  row: HTMLDivElement;
  addr: HTMLSpanElement;
  hex: HTMLSpanElement;
  ascii: HTMLSpanElement;
  notes: HTMLSpanElement;
  keys: { addr: number; index: number; label: string; band: string | undefined; hex: string; ascii: string; notes: string; y: number };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

/** What each run span shows now, so an update writes only what differs (no DOM reads). */
const shown = new WeakMap<HTMLElement, { column: 'hex' | 'ascii'; seg: Segment }>();

function setAttr(span: HTMLElement, name: string, now: string | null, was: string | null | undefined): void {
  if (now === was) return;
  if (now === null) span.removeAttribute(name);
  else span.setAttribute(name, now);
}

/**
 * A styled run's span. Marked runs (changes, selection, hits, regions, heap) carry their first
 * address and length, which the e2e tests select on; a run only dimmed for being zeros carries
 * none, so a screen of zero rows draws the same text again and is left alone.
 */
function dressSpan(span: HTMLElement, column: 'hex' | 'ascii', s: Segment): void {
  const old = shown.get(span);
  const was = old?.column === column ? old.seg : undefined;
  const attrs = (x: Segment | undefined) => x && {
    addr: x.cls === ZERO_RUN ? null : String(x.start),
    len: x.cls === ZERO_RUN ? null : String(x.len),
    age: x.age >= 0 ? String(x.age) : null,
    testid: x.age >= 0 && column === 'hex' ? 'changed-byte' : null,
    hit: x.hit >= 0 && column === 'hex' ? String(x.hit) : null,
  };
  const [a, b] = [attrs(s)!, attrs(was)];
  if (was?.cls !== s.cls) span.className = s.cls!;
  if (was?.text !== s.text) (span.firstChild as Text).data = s.text;
  setAttr(span, column === 'hex' ? 'data-addr' : 'data-ascii-addr', a.addr, b ? b.addr : null);
  setAttr(span, 'data-len', a.len, b?.len);
  setAttr(span, 'data-age', a.age, b?.age);
  setAttr(span, 'data-testid', a.testid, b?.testid);
  setAttr(span, 'data-hit', a.hit, b?.hit);
  if (was?.rc !== s.rc) {
    if (s.rc) span.style.setProperty('--rc', s.rc);
    else span.style.removeProperty('--rc');
  }
  shown.set(span, { column, seg: s });
}

function segmentNode(column: 'hex' | 'ascii', s: Segment): Node {
  if (s.cls === null) return document.createTextNode(s.text);
  const span = el('span', s.cls);
  span.append(document.createTextNode(''));
  dressSpan(span, column, s);
  return span;
}

/** Whether `node` can show `s` after an update in place (text stays text, a span stays a span). */
function fits(node: ChildNode, s: Segment): boolean {
  return s.cls === null ? node.nodeType === Node.TEXT_NODE : node.nodeType === Node.ELEMENT_NODE;
}

/**
 * Scrolling mostly shows rows shaped like the ones before (a zero run, some bytes, a region),
 * so the nodes are kept and only their text and attributes change; new nodes only when the
 * shape differs.
 */
function setSegments(target: HTMLElement, column: 'hex' | 'ascii', segs: readonly Segment[]): void {
  const nodes = target.childNodes;
  if (nodes.length === segs.length && segs.every((s, i) => fits(nodes[i], s))) {
    segs.forEach((s, i) => {
      const node = nodes[i];
      if (s.cls === null) (node as Text).data = s.text;
      else dressSpan(node as HTMLElement, column, s);
    });
    return;
  }
  target.replaceChildren(...segs.map((s) => segmentNode(column, s)));
}

function chipNode(c: Chip): HTMLSpanElement {
  const chip = el('span', c.freed ? 'chip freed' : 'chip');
  chip.dataset.region = String(c.id);
  chip.dataset.testid = 'grid-region-chip';
  chip.style.setProperty('--rc', c.rc);
  chip.title = c.title;
  chip.textContent = c.name;
  return chip;
}

function setNotes(target: HTMLElement, row: RowModel): void {
  const nodes: Node[] = row.chips.map(chipNode);
  if (row.more) {
    const more = el('span', 'chip more');
    more.dataset.region = String(row.more.id);
    more.dataset.testid = 'grid-region-more';
    more.title = row.more.title;
    more.textContent = `+${row.more.count}`;
    nodes.push(more);
  }
  target.replaceChildren(...nodes);
}

/** Rows are placed relative to a base row this many rows apart, so offsets stay small numbers. */
const REBASE = 4096;

/** Grids on the page, so each one's row ids are unique. */
let grids = 0;

/**
 * Each row element keeps the address it shows while that address stays on screen, placed at
 * its own row's offset from a base; one transform on the rows box scrolls them all. A wheel
 * notch of five rows then writes and places five rows and moves one box: no layout, style or
 * repaint for the rows that only moved. Rows are size- and layout-contained, so a row's new
 * text is laid out alone, not with the whole app; a row is placed by a transform, not by
 * `top`, because moving a positioned box by `top` made Chromium lay out the whole page from
 * its root on every notch (a transform needs no layout at all).
 *
 * Document order is therefore recycling order, not address order. Moving a row in the DOM
 * would re-create its layout objects on every notch, so the accessibility tree gets the order
 * instead: the rows box (a rowgroup) owns its rows by id in address order (aria-owns), and
 * each row carries its 1-based row number (aria-rowindex), so a screen reader reads and
 * numbers rows as they appear on screen.
 */
export class GridPainter {
  private readonly rows: RowEls[] = [];
  /** Rows hide their width (size containment); this invisible one gives the box its width. */
  readonly sizer: HTMLDivElement;
  private sizerKey = '';
  private base = NaN;
  private offset = NaN;
  private readonly idPrefix = `memory-grid-${++grids}-row-`;
  private made = 0;
  private owned = '';

  constructor(private readonly host: HTMLElement) {
    this.sizer = el('div', 'sizer');
    this.sizer.setAttribute('aria-hidden', 'true');
    host.setAttribute('role', 'rowgroup');
    host.append(this.sizer);
  }

  paint(models: readonly RowModel[], rowHeight: number, bytesPerRow: number): void {
    this.size(models);
    while (this.rows.length > models.length) this.rows.pop()!.row.remove();
    while (this.rows.length < models.length) this.rows.push(this.newRow());
    if (models.length === 0) return;
    const top = models[0].addr / bytesPerRow;
    const base = Math.floor(top / REBASE) * REBASE;
    const offset = (top - base) * rowHeight;
    if (offset !== this.offset) this.host.style.transform = `translateY(${-offset}px)`;
    this.offset = offset;
    const wanted = new Map(models.map((m, slot) => [m.addr, slot]));
    const slotOf = new Array<RowEls | undefined>(models.length);
    const free: RowEls[] = [];
    for (const r of this.rows) {
      const slot = wanted.get(r.keys.addr);
      if (slot !== undefined && !slotOf[slot] && base === this.base) slotOf[slot] = r;
      else free.push(r);
    }
    this.base = base;
    models.forEach((m, slot) => {
      const r = (slotOf[slot] ??= free.pop()!);
      this.paintRow(r, m, bytesPerRow);
      const y = (m.addr / bytesPerRow - base) * rowHeight;
      if (r.keys.y !== y) {
        r.keys.y = y;
        r.row.style.transform = `translateY(${y}px)`;
      }
    });
    this.own(slotOf as RowEls[]);
  }

  /** The accessibility tree's row order: `bySlot` is the rows from the top of the screen down. */
  private own(bySlot: readonly RowEls[]): void {
    const owned = bySlot.map((r) => r.row.id).join(' ');
    if (owned === this.owned) return;
    this.owned = owned;
    this.host.setAttribute('aria-owns', owned);
  }

  /** Whether the sizer holds a row to measure (it has none until there is a row to show). */
  get sized(): boolean {
    return this.sizerKey !== '';
  }

  /** Gives the sizer the widest row's text; true when that changed its shape. */
  size(models: readonly RowModel[]): boolean {
    const widest = models.reduce<RowModel | null>((w, m) => (!w || m.n > w.n ? m : w), null);
    if (!widest) return false;
    const text = (segs: readonly Segment[]) => segs.map((s) => s.text).join('');
    const key = `${widest.label.length}:${widest.n}`;
    if (key === this.sizerKey) return false;
    this.sizerKey = key;
    const parts = [widest.label, text(widest.hex), text(widest.ascii)].map((t, i) => {
      const part = el('span', ['addr', 'hex', 'ascii'][i]);
      part.textContent = t;
      return part;
    });
    // An empty notes cell too: the canvas draws chips where it starts.
    this.sizer.replaceChildren(...parts, el('span', 'notes'));
    return true;
  }

  private newRow(): RowEls {
    const row = el('div', 'row');
    row.id = this.idPrefix + this.made++;
    row.setAttribute('role', 'row');
    const [addr, hex, ascii, notes] = [el('span', 'addr'), el('span', 'hex'), el('span', 'ascii'), el('span', 'notes')];
    addr.setAttribute('role', 'rowheader');
    for (const cell of [hex, ascii, notes]) cell.setAttribute('role', 'gridcell');
    for (const part of [addr, hex, ascii]) part.append(document.createTextNode(''));
    row.append(addr, hex, ascii, notes);
    this.host.append(row);
    return { row, addr, hex, ascii, notes, keys: { addr: -1, index: 0, label: '', band: undefined, hex: '', ascii: '', notes: '', y: NaN } };
  }

  private paintRow(r: RowEls, m: RowModel, bytesPerRow: number): void {
    const k = r.keys;
    if (k.addr !== m.addr) {
      k.addr = m.addr;
      r.row.dataset.rowAddr = String(m.addr);
    }
    // Its own key: the same address is another row number after a change of bytes per row.
    const index = m.addr / bytesPerRow + 1;
    if (k.index !== index) {
      k.index = index;
      r.row.setAttribute('aria-rowindex', String(index));
    }
    if (k.label !== m.label) {
      k.label = m.label;
      (r.addr.firstChild as Text).data = m.label;
    }
    if (k.band !== m.band) {
      k.band = m.band;
      if (m.band) r.row.dataset.band = m.band;
      else delete r.row.dataset.band;
    }
    if (k.hex !== m.hexKey) {
      k.hex = m.hexKey;
      setSegments(r.hex, 'hex', m.hex);
    }
    if (k.ascii !== m.asciiKey) {
      k.ascii = m.asciiKey;
      setSegments(r.ascii, 'ascii', m.ascii);
    }
    if (k.notes !== m.notesKey) {
      k.notes = m.notesKey;
      setNotes(r.notes, m);
    }
  }
}

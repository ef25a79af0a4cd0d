// Draws the grid's visible rows on one canvas that never moves: a wheel notch then redraws
// pixels inside a box the page already has, where moving DOM rows made this Chromium re-layerize
// and re-commit the whole app on every notch. The DOM rows (grid-painter.ts) stay underneath,
// transparent, as the accessible and clickable truth; geometry is measured from them and
// colours from the stylesheet (grid-look.ts), so the canvas owns no style of its own.

import type { RowModel } from './grid-model.ts';
import { LookCache, type RunLook } from './grid-look.ts';
import { Pen } from './grid-canvas-pen.ts';
import { drawChips } from './grid-canvas-chips.ts';
import { decorate, dottedUnderline } from './grid-canvas-box.ts';

/** Where a row's parts sit, in CSS pixels from the grid's padding box (scrolled content). */
export interface RowGeometry {
  rowsX: number;
  rowsWidth: number;
  addrX: number;
  hexX: number;
  asciiX: number;
  notesX: number;
  /** Advance of a character, and of a space in the hex column (narrower, see grid-text.ts). */
  digit: number;
  space: number;
  /** The text's content area inside a row (where inline backgrounds go), and its baseline. */
  textTop: number;
  textHeight: number;
  baseline: number;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
}

/** Pixels a hex-column text takes: digits at a character's advance, spaces narrower. */
function advance(text: string, digit: number, space: number): number {
  let spaces = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) spaces++;
  return (text.length - spaces) * digit + spaces * space;
}

/** Everything that decides a row's pixels; rows with equal keys draw alike. */
function rowKey(m: RowModel): string {
  return `${m.label}\u0000${m.band}\u0000${m.hexKey}\u0000${m.asciiKey}\u0000${m.notesKey}`;
}

/** A row to draw this frame and where: its model and its top in CSS pixels. */
interface Fresh {
  m: RowModel;
  y: number;
}

/** Whether a run's look paints anything around its text (CSS draws those before any text). */
function hasBox(look: RunLook): boolean {
  return look.background !== null || look.stripes !== null || look.shadows.length > 0 || look.outline !== null;
}

export class CanvasPainter {
  readonly looks: LookCache;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly pen: Pen;
  private dpr = 0;
  /** What the canvas shows: each row's model by address, its top row and the layout drawn in. */
  private drawn = new Map<number, RowModel>();
  private top = NaN;
  private geometry: RowGeometry | null = null;
  private rowHeight = 0;
  private bytesPerRow = 0;

  constructor(private readonly canvas: HTMLCanvasElement, rowsHost: HTMLElement) {
    this.ctx = canvas.getContext('2d')!;
    this.pen = new Pen(this.ctx);
    this.looks = new LookCache(rowsHost);
  }

  /**
   * Sizes the backing store to `g` at the screen's pixel ratio (sharp text on HiDPI screens). A
   * resize resets the context to its defaults, so its transform and baseline are set only then.
   */
  private fit(g: RowGeometry): void {
    const dpr = devicePixelRatio || 1;
    const [w, h] = [Math.ceil(g.width * dpr), Math.ceil(g.height * dpr)];
    if (this.canvas.width !== w || this.canvas.height !== h || this.dpr !== dpr) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${g.width}px`;
      this.canvas.style.height = `${g.height}px`;
      this.dpr = dpr;
      // A resized canvas is blank with a fresh context state.
      this.geometry = null;
      this.pen.forget();
      this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.ctx.textBaseline = 'alphabetic';
    }
  }

  /**
   * Draws `models` (the visible rows, top first). Rows that look as they did on the frame
   * before are not drawn again: the picture is shifted by the rows scrolled and only rows that
   * came into view or changed are drawn (a notch of 5 rows draws 5 rows, not all 45). The canvas
   * is transparent, as the DOM rows are: the grid's own background (either theme) and its focus
   * ring show through, so the canvas holds no colour of its own.
   */
  draw(models: readonly RowModel[], rowHeight: number, bytesPerRow: number, g: RowGeometry): void {
    this.fit(g);
    const ctx = this.ctx;
    const top = models.length > 0 ? models[0].addr / bytesPerRow : 0;
    const shift = (top - this.top) * rowHeight * this.dpr;
    const reuse = g === this.geometry && rowHeight === this.rowHeight && bytesPerRow === this.bytesPerRow &&
      Number.isInteger(shift) && Math.abs(shift) < this.canvas.height;
    if (!reuse) {
      ctx.clearRect(0, 0, g.width, g.height);
      this.drawn.clear();
    } else if (shift !== 0) {
      // In device pixels; 'copy' replaces the pixels (transparent ones too) instead of blending.
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(this.canvas, 0, -shift);
      ctx.globalCompositeOperation = 'source-over';
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    }
    const drawn = new Map<number, RowModel>();
    const fresh: Fresh[] = [];
    models.forEach((m, slot) => {
      drawn.set(m.addr, m);
      // A row only scrolled keeps its model (RowModelCache), so its looks are not compared.
      const was = reuse ? this.drawn.get(m.addr) : undefined;
      if (was !== m && (was === undefined || rowKey(was) !== rowKey(m))) fresh.push({ m, y: slot * rowHeight });
    });
    if (fresh.length > 0 || shift !== 0 || models.length < this.drawn.size) {
      this.clearRows(fresh, rowHeight, g);
      // Below the last row (the end of memory): nothing.
      ctx.clearRect(0, models.length * rowHeight, g.width, g.height);
      this.drawRows(fresh, rowHeight, g);
    }
    this.drawn = drawn;
    this.top = top;
    this.geometry = g;
    this.rowHeight = rowHeight;
    this.bytesPerRow = bytesPerRow;
  }

  /** Clears the rows to draw, one rectangle per run of adjacent rows (a notch's new rows are one). */
  private clearRows(fresh: readonly Fresh[], rowHeight: number, g: RowGeometry): void {
    for (let i = 0; i < fresh.length; ) {
      let j = i + 1;
      while (j < fresh.length && fresh[j].y === fresh[j - 1].y + rowHeight) j++;
      this.ctx.clearRect(0, fresh[i].y, g.width, fresh[j - 1].y + rowHeight - fresh[i].y);
      i = j;
    }
  }

  /**
   * Draws the rows a column at a time and each column's text a look at a time, as CSS paints a
   * line (boxes, then text, then the inline-blocks): the context's colour, font and spacing then
   * change a few times a frame, not at every run of every row.
   */
  private drawRows(fresh: readonly Fresh[], rowHeight: number, g: RowGeometry): void {
    const [ctx, pen] = [this.ctx, this.pen];
    pen.globalAlpha(1);
    for (const { m, y } of fresh) {
      const band = m.band ? this.looks.band(m.band) : null;
      if (!band) continue;
      pen.fillStyle(band);
      ctx.fillRect(g.rowsX, y, g.rowsWidth, rowHeight);
    }
    const ascii = this.looks.get('ascii', null, null);
    if (ascii.borderLeft) {
      pen.fillStyle(ascii.borderLeft.color);
      // An inline span's border spans its content area, as the DOM row draws it; the rule sits
      // 8 px of padding left of the text (measured: asciiX is the text's left).
      const x = g.asciiX - ascii.borderLeft.width - this.asciiPad();
      for (const { y } of fresh) ctx.fillRect(x, y + g.textTop, ascii.borderLeft.width, g.textHeight);
    }
    const addr = this.looks.get('addr', null, null);
    pen.setFont(addr.font);
    pen.fillStyle(addr.color);
    for (const { m, y } of fresh) ctx.fillText(m.label, g.addrX, y + g.baseline);
    this.drawColumn('hex', fresh, g.hexX, g);
    this.drawColumn('ascii', fresh, g.asciiX, g);
    for (const { m, y } of fresh) {
      if (m.chips.length === 0 && !m.more) continue;
      pen.wordSpacing(0);
      drawChips(ctx, this.looks, m, g.notesX, y, rowHeight);
      // Chips set the context's font and colours themselves.
      pen.forget();
    }
  }

  private pad = NaN;
  private asciiPad(): number {
    if (Number.isNaN(this.pad)) this.pad = this.looks.paddingLeft('ascii');
    return this.pad;
  }

  /**
   * Where the row parts sit, from `sizer` (a laid-out row of the widest text, see GridPainter)
   * inside `rows` inside the scrolling `grid`; the baseline from the hex font's metrics, as CSS
   * places text in a line box (half-leading above the font's ascent).
   */
  measure(grid: HTMLElement, rows: HTMLElement, sizer: HTMLElement): RowGeometry {
    const gridBox = grid.getBoundingClientRect();
    const x0 = gridBox.left + grid.clientLeft - grid.scrollLeft;
    const textBox = (sel: string) => {
      const range = document.createRange();
      range.selectNodeContents(sizer.querySelector(sel)!);
      return range.getBoundingClientRect();
    };
    const [addr, hex, ascii] = [textBox('.addr'), textBox('.hex'), textBox('.ascii')];
    const notes = sizer.querySelector('.notes')!.getBoundingClientRect();
    const hexSpan = sizer.querySelector('.hex')!.getBoundingClientRect();
    const sizerTop = sizer.getBoundingClientRect().top;
    const rowsBox = rows.getBoundingClientRect();
    const n = sizer.querySelector('.ascii')!.textContent!.length;
    const hexText = sizer.querySelector('.hex')!.textContent!;
    const spaces = hexText.length - 2 * n;
    const digit = ascii.width / n;
    this.pen.setFont(this.looks.get('hex', null, null).font);
    const metrics = this.ctx.measureText('0');
    const textTop = hexSpan.top - sizerTop;
    return {
      rowsX: rowsBox.left - x0,
      rowsWidth: rowsBox.width,
      addrX: addr.left - x0,
      hexX: hex.left - x0,
      asciiX: ascii.left - x0,
      notesX: notes.left - x0,
      digit,
      space: spaces > 0 ? (hex.width - 2 * n * digit) / spaces : digit,
      textTop,
      textHeight: hexSpan.height,
      baseline: textTop + metrics.fontBoundingBoxAscent,
      width: grid.scrollWidth,
      height: grid.clientHeight,
    };
  }

  /** Clears what was measured from the page (theme or font change). */
  restyle(): void {
    this.looks.clear();
    this.geometry = null;
    this.pad = NaN;
  }

  /** A column's runs in `fresh`: every run's box first, then its text grouped by look. */
  private drawColumn(column: 'hex' | 'ascii', fresh: readonly Fresh[], x0: number, g: RowGeometry): void {
    const [ctx, pen] = [this.ctx, this.pen];
    const plain = this.looks.get(column, null, null);
    const space = column === 'hex' ? g.space : g.digit;
    const texts = new Map<RunLook, { text: string; x: number; y: number }[]>();
    for (const { m, y } of fresh) {
      let x = x0;
      for (const s of column === 'hex' ? m.hex : m.ascii) {
        const width = advance(s.text, g.digit, space);
        const look = s.cls === null ? plain : this.looks.get(column, s.cls, s.rc, s.age);
        if (look !== plain && hasBox(look)) {
          // A run's opacity (heap headers are 0.85) fades its box and text together, as CSS does.
          pen.globalAlpha(look.opacity);
          decorate(pen, look, x, y + g.textTop, width, g.textHeight);
        }
        if (look.underline) {
          pen.globalAlpha(look.opacity);
          dottedUnderline(pen, look.underline, x, y + g.baseline, width);
        }
        let list = texts.get(look);
        if (!list) texts.set(look, (list = []));
        list.push({ text: s.text, x, y: y + g.baseline });
        x += width;
      }
    }
    pen.wordSpacing(space - g.digit);
    for (const [look, list] of texts) {
      pen.globalAlpha(look.opacity);
      pen.setFont(look.font);
      pen.fillStyle(look.color);
      for (const t of list) ctx.fillText(t.text, t.x, t.y);
    }
    pen.globalAlpha(1);
  }
}

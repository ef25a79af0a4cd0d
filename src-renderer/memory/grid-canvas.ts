// Draws the grid's visible rows on one canvas that never moves: a wheel notch then redraws
// pixels inside a box the page already has, where moving DOM rows made this Chromium re-layerize
// and re-commit the whole app on every notch. The DOM rows (grid-painter.ts) stay underneath,
// transparent, as the accessible and clickable truth; geometry is measured from them and
// colours from the stylesheet (grid-look.ts), so the canvas owns no style of its own.

import type { RowModel } from './grid-model.ts';
import type { Segment } from './grid-segments.ts';
import { LookCache } from './grid-look.ts';
import { drawChips } from './grid-canvas-chips.ts';
import { decorate } from './grid-canvas-box.ts';

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

export class CanvasPainter {
  readonly looks: LookCache;
  private readonly ctx: CanvasRenderingContext2D;
  private dpr = 0;
  /** What the canvas shows: each row's look by address, its top row and the layout drawn in. */
  private drawn = new Map<number, string>();
  private top = NaN;
  private geometry: RowGeometry | null = null;
  private rowHeight = 0;
  private bytesPerRow = 0;

  constructor(private readonly canvas: HTMLCanvasElement, rowsHost: HTMLElement) {
    this.ctx = canvas.getContext('2d')!;
    this.looks = new LookCache(rowsHost);
  }

  /** Sizes the backing store to `g` at the screen's pixel ratio (sharp text on HiDPI screens). */
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
      this.fontSet = '';
    }
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
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
      // 'copy' replaces the pixels (transparent ones too) instead of blending over them.
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(this.canvas, 0, -shift);
      ctx.restore();
    }
    ctx.textBaseline = 'alphabetic';
    const drawn = new Map<number, string>();
    models.forEach((m, slot) => {
      const look = rowKey(m);
      drawn.set(m.addr, look);
      if (reuse && this.drawn.get(m.addr) === look) return;
      const y = slot * rowHeight;
      ctx.clearRect(0, y, g.width, rowHeight);
      this.drawRow(m, y, rowHeight, g);
    });
    // Below the last row (the end of memory): nothing.
    ctx.clearRect(0, models.length * rowHeight, g.width, g.height);
    this.drawn = drawn;
    this.top = top;
    this.geometry = g;
    this.rowHeight = rowHeight;
    this.bytesPerRow = bytesPerRow;
  }

  private drawRow(m: RowModel, y: number, rowHeight: number, g: RowGeometry): void {
    const ctx = this.ctx;
    const band = m.band ? this.looks.band(m.band) : null;
    if (band) {
      ctx.fillStyle = band;
      ctx.fillRect(g.rowsX, y, g.rowsWidth, rowHeight);
    }
    const addr = this.looks.get('addr', null, null);
    this.font(addr.font);
    ctx.fillStyle = addr.color;
    ctx.fillText(m.label, g.addrX, y + g.baseline);
    this.drawRuns('hex', m.hex, g.hexX, y, g);
    const ascii = this.looks.get('ascii', null, null);
    if (ascii.borderLeft) {
      ctx.fillStyle = ascii.borderLeft.color;
      // An inline span's border spans its content area, as the DOM row draws it; the rule sits
      // 8 px of padding left of the text (measured: asciiX is the text's left).
      ctx.fillRect(g.asciiX - ascii.borderLeft.width - this.asciiPad(), y + g.textTop, ascii.borderLeft.width, g.textHeight);
    }
    this.drawRuns('ascii', m.ascii, g.asciiX, y, g);
    if (m.chips.length > 0 || m.more) {
      drawChips(ctx, this.looks, m, g.notesX, y, rowHeight);
      this.fontSet = '';
    }
  }

  /** Sets the context's font only when it changes: each assignment parses the CSS font. */
  private font(font: string): void {
    if (font === this.fontSet) return;
    this.ctx.font = font;
    this.fontSet = font;
  }
  private fontSet = '';

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
    this.font(this.looks.get('hex', null, null).font);
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

  private drawRuns(column: 'hex' | 'ascii', segs: readonly Segment[], x0: number, y: number, g: RowGeometry): void {
    const ctx = this.ctx;
    const plain = this.looks.get(column, null, null);
    const space = column === 'hex' ? g.space : g.digit;
    ctx.wordSpacing = `${space - g.digit}px`;
    let x = x0;
    for (const s of segs) {
      const width = advance(s.text, g.digit, space);
      const look = s.cls === null ? plain : this.looks.get(column, s.cls, s.rc, s.age);
      // A run's opacity (heap headers are 0.85) fades its box and text together, as CSS does.
      ctx.globalAlpha = look.opacity;
      if (look !== plain) decorate(ctx, look, x, y + g.textTop, width, g.textHeight);
      this.font(look.font);
      ctx.fillStyle = look.color;
      ctx.fillText(s.text, x, y + g.baseline);
      ctx.globalAlpha = 1;
      x += width;
    }
    ctx.wordSpacing = '0px';
  }
}

// Region chips on the grid's canvas: the pills the notes cell shows (name, "freed" struck out,
// "+N" for those that do not fit), sized and coloured from the `.chip` rules (grid-look.ts).
// The DOM chips under them stay the clickable, titled ones.

import type { RowModel } from './grid-model.ts';
import type { LookCache, RunLook } from './grid-look.ts';

/** `text` cut with an ellipsis to fit `room` pixels in the context's current font. */
function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let n = text.length;
  while (n > 0 && ctx.measureText(text.slice(0, n) + '…').width > room) n--;
  return text.slice(0, n) + '…';
}

function drawChip(ctx: CanvasRenderingContext2D, look: RunLook, text: string, x: number, mid: number): number {
  const b = look.box;
  const border = b.border?.width ?? 0;
  ctx.font = look.font;
  const room = b.maxWidth - b.padLeft - b.padRight - 2 * border;
  const shown = fitText(ctx, text, room);
  const textWidth = ctx.measureText(shown).width;
  const w = Math.min(b.maxWidth, textWidth + b.padLeft + b.padRight + 2 * border);
  const h = b.lineHeight + 2 * border;
  const y = Math.round(mid - h / 2);
  ctx.save();
  ctx.globalAlpha = look.opacity;
  ctx.beginPath();
  ctx.roundRect(x + border / 2, y + border / 2, w - border, h - border, look.radius);
  if (look.background) {
    ctx.fillStyle = look.background;
    ctx.fill();
  }
  if (b.border) {
    ctx.strokeStyle = b.border.color;
    ctx.lineWidth = b.border.width;
    ctx.stroke();
  }
  ctx.fillStyle = look.color;
  ctx.textBaseline = 'middle';
  const tx = x + border + b.padLeft;
  ctx.fillText(shown, tx, y + h / 2);
  if (look.strike) ctx.fillRect(tx, Math.round(y + h / 2), textWidth, 1);
  ctx.restore();
  return w;
}

/** The row's chips from `x`, centred on the row as `vertical-align: middle` places them. */
export function drawChips(ctx: CanvasRenderingContext2D, looks: LookCache, m: RowModel, x: number, y: number, rowHeight: number): void {
  const mid = y + rowHeight / 2;
  const gap = looks.marginLeft('notes', 'chip', 'chip');
  let at = x;
  for (const [i, c] of m.chips.entries()) {
    if (i > 0) at += gap;
    at += drawChip(ctx, looks.get('notes', c.freed ? 'chip freed' : 'chip', c.rc), c.name, at, mid);
  }
  if (m.more) drawChip(ctx, looks.get('notes', 'chip more', null), `+${m.more.count}`, at + (m.chips.length > 0 ? gap : 0), mid);
}

// How CSS paints an inline span's box, redone on the grid's canvas for a run of bytes: its
// background (rounded), the heap's stripes, inset box-shadows (region underlines, search hits),
// an inset outline (the inspected bytes) and a dotted underline (bytes an older step changed).
// Looks come from the stylesheet (grid-look.ts).

import { TRANSPARENT, type RunLook } from './grid-look.ts';
import type { Pen } from './grid-canvas-pen.ts';

/**
 * A run's box as CSS paints an inline span: background, stripes, inset shadows, outline. The
 * fill colour goes through `pen`, which keeps track of it; what is set between save and restore
 * needs no tracking.
 */
export function decorate(pen: Pen, look: RunLook, x: number, y: number, w: number, h: number): void {
  const ctx = pen.ctx;
  if (look.background) {
    pen.fillStyle(look.background);
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, look.radius);
    ctx.fill();
  }
  if (look.stripes) stripes(ctx, look.stripes, x, y, w, h);
  for (const s of look.shadows) {
    // Inset, unblurred: the box less the box moved by (x, y) and shrunk by the spread.
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.rect(x + s.x + s.spread, y + s.y + s.spread, w - 2 * s.spread, h - 2 * s.spread);
    ctx.fillStyle = s.color;
    ctx.fill('evenodd');
    ctx.restore();
  }
  if (look.outline) {
    const o = look.outline;
    ctx.strokeStyle = o.color;
    ctx.lineWidth = o.width;
    const d = o.inset - o.width / 2;
    ctx.strokeRect(x + d, y + d, w - 2 * d, h - 2 * d);
  }
}

/**
 * A run's dotted underline as CSS draws it (before the text): square dots as wide as the line is
 * thick with gaps as wide, from the run's left edge, its top `offset` below the `baseline`.
 */
export function dottedUnderline(pen: Pen, u: NonNullable<RunLook['underline']>, x: number, baseline: number, w: number): void {
  pen.fillStyle(u.color);
  const t = u.thickness;
  for (let dx = 0; dx + t <= w; dx += 2 * t) pen.ctx.fillRect(x + dx, baseline + u.offset, t, t);
}

/** A repeating-linear-gradient's opaque bands, clipped to the run's box. */
function stripes(ctx: CanvasRenderingContext2D, st: NonNullable<RunLook['stripes']>, x: number, y: number, w: number, h: number): void {
  const period = st.stops[st.stops.length - 1].at;
  if (!(period > 0)) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  // CSS angles run clockwise from "up"; the stripes repeat along that direction.
  const a = ((st.angle - 90) * Math.PI) / 180;
  const [cx, cy] = [x + w / 2, y + h / 2];
  const reach = Math.hypot(w, h) / 2;
  ctx.translate(cx, cy);
  ctx.rotate(a);
  for (let t = -Math.ceil(reach / period) * period; t < reach; t += period) {
    for (let i = 0; i + 1 < st.stops.length; i++) {
      const [from, to] = [st.stops[i], st.stops[i + 1]];
      if (from.color !== to.color || TRANSPARENT.test(from.color) || to.at <= from.at) continue;
      ctx.fillStyle = from.color;
      ctx.fillRect(t + from.at, -reach, to.at - from.at, 2 * reach);
    }
  }
  ctx.restore();
}

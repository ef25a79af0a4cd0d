// How the grid's CSS draws a run, read back from the page for the canvas (grid-canvas.ts): the
// stylesheet stays the one owner of colours, fonts and sizes, and the canvas asks a probe span
// with the same classes what they resolve to, once per look (cleared when the theme changes).

/** A CSS inset box-shadow without blur: a band of `color` inside the box, offset and spread. */
export interface InsetShadow {
  color: string;
  x: number;
  y: number;
  spread: number;
}

/** What a run of bytes (or a chip) looks like, resolved from the page's stylesheet. */
export interface RunLook {
  font: string;
  color: string;
  /** Background colour, or null when transparent. */
  background: string | null;
  /** A repeating stripe pattern's period and stops (`.hf`), or null. */
  stripes: { angle: number; stops: { color: string; at: number }[] } | null;
  shadows: InsetShadow[];
  /** Outline colour and its inset (a negative outline-offset), or null. */
  outline: { color: string; width: number; inset: number } | null;
  radius: number;
  /** A left border (the ASCII column's rule), or null. */
  borderLeft: { color: string; width: number } | null;
  opacity: number;
  strike: boolean;
  /**
   * A dotted underline (bytes changed by an older step: their mark besides the fading colour),
   * its dots' size and how far below the baseline it sits, or null.
   */
  underline: { color: string; thickness: number; offset: number } | null;
  /** Box sizes a chip needs (inline-block): paddings, border, line height, max width. */
  box: { padLeft: number; padRight: number; border: { color: string; width: number } | null; lineHeight: number; maxWidth: number };
}

/** A computed colour that paints nothing. */
export const TRANSPARENT = /^(transparent|rgba\(0, 0, 0, 0\))$/;
const px = (v: string) => parseFloat(v) || 0;

/** Splits a CSS list at top-level commas (commas inside rgb() stay). */
function topLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(list.slice(from).trim());
  return out;
}

/** A computed box-shadow list: its inset, unblurred shadows (the only kind the grid uses). */
export function insetShadows(value: string): InsetShadow[] {
  if (value === 'none') return [];
  return topLevel(value).flatMap((s) => {
    const color = s.match(/rgba?\([^)]*\)|#[0-9a-f]+/i)?.[0];
    const lengths = s.replace(color ?? '', '').match(/-?[\d.]+px/g)?.map(px) ?? [];
    if (!color || !/\binset\b/.test(s) || TRANSPARENT.test(color)) return [];
    const [x = 0, y = 0, , spread = 0] = lengths;
    return [{ color, x, y, spread }];
  });
}

/** A computed `repeating-linear-gradient(…)`: its angle and colour stops in px, or null. */
export function stripes(value: string): RunLook['stripes'] {
  const m = value.match(/^repeating-linear-gradient\((.*)\)$/);
  if (!m) return null;
  const parts = topLevel(m[1]);
  const angle = /deg$/.test(parts[0]) ? px(parts.shift()!) : 180;
  const stops = parts.flatMap((p) => {
    const color = p.match(/rgba?\([^)]*\)|#[0-9a-f]+|transparent/i)?.[0] ?? 'transparent';
    const ats = p.replace(color, '').match(/-?[\d.]+px/g)?.map(px) ?? [];
    return ats.map((at) => ({ color, at }));
  });
  return stops.length >= 2 ? { angle, stops } : null;
}

export function lookOf(style: CSSStyleDeclaration): RunLook {
  const outlineWidth = style.outlineStyle === 'none' ? 0 : px(style.outlineWidth);
  return {
    font: `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`,
    color: style.color,
    background: TRANSPARENT.test(style.backgroundColor) ? null : style.backgroundColor,
    stripes: stripes(style.backgroundImage),
    shadows: insetShadows(style.boxShadow),
    outline: outlineWidth > 0 ? { color: style.outlineColor, width: outlineWidth, inset: -px(style.outlineOffset) } : null,
    radius: px(style.borderTopLeftRadius),
    borderLeft: style.borderLeftStyle !== 'none' && px(style.borderLeftWidth) > 0 ? { color: style.borderLeftColor, width: px(style.borderLeftWidth) } : null,
    opacity: Number(style.opacity),
    strike: style.textDecorationLine.includes('line-through'),
    underline: style.textDecorationLine.includes('underline') && style.textDecorationStyle === 'dotted'
      ? { color: style.textDecorationColor, thickness: px(style.textDecorationThickness) || 1, offset: px(style.textUnderlineOffset) }
      : null,
    box: {
      padLeft: px(style.paddingLeft),
      padRight: px(style.paddingRight),
      border: style.borderTopStyle !== 'none' && px(style.borderTopWidth) > 0 ? { color: style.borderTopColor, width: px(style.borderTopWidth) } : null,
      lineHeight: style.lineHeight === 'normal' ? px(style.fontSize) * 1.2 : px(style.lineHeight),
      maxWidth: style.maxWidth === 'none' ? Infinity : px(style.maxWidth),
    },
  };
}

/**
 * Looks by (element, classes, region colour), from probe elements inside `host`, where the
 * grid's rules reach them. The probes are hidden from layout readers and screen readers.
 */
export class LookCache {
  private readonly looks = new Map<string, RunLook>();
  private readonly gaps = new Map<string, number>();
  private readonly probe: HTMLDivElement;

  constructor(host: HTMLElement) {
    this.probe = document.createElement('div');
    this.probe.className = 'row probe';
    this.probe.setAttribute('aria-hidden', 'true');
    host.append(this.probe);
  }

  /**
   * The look of a run with classes `cls` inside a row's `column` span, with `--rc` set to `rc`
   * and `data-age` to `age` (the change highlights are attribute rules), as grid-painter.ts
   * dresses it.
   */
  get(column: string, cls: string | null, rc: string | null, age = -1): RunLook {
    const key = `${column}|${cls}|${rc}|${age}`;
    let look = this.looks.get(key);
    if (!look) {
      const cell = document.createElement('span');
      cell.className = column;
      const run = document.createElement('span');
      if (cls) run.className = cls;
      if (rc) run.style.setProperty('--rc', rc);
      if (age >= 0) run.dataset.age = String(age);
      cell.append(run);
      this.probe.replaceChildren(cell);
      look = lookOf(getComputedStyle(cls || age >= 0 ? run : cell));
      this.looks.set(key, look);
    }
    return look;
  }

  /** A column's left padding (the ASCII column's rule stands that far left of its text). */
  paddingLeft(column: string): number {
    return this.get(column, null, null).box.padLeft;
  }

  /** The left margin of a `second` right after a `first` in `column` (the gap between chips). */
  marginLeft(column: string, first: string, second: string): number {
    const key = `gap|${column}|${first}|${second}`;
    let gap = this.gaps.get(key);
    if (gap === undefined) {
      const cell = document.createElement('span');
      cell.className = column;
      const [a, b] = [document.createElement('span'), document.createElement('span')];
      [a.className, b.className] = [first, second];
      cell.append(a, b);
      this.probe.replaceChildren(cell);
      gap = px(getComputedStyle(b).marginLeft);
      this.gaps.set(key, gap);
    }
    return gap;
  }

  /** The tint of a row in memory-map band `band` (a `.row[data-band]` rule), or null. */
  band(band: string): string | null {
    const key = `band|${band}`;
    let look = this.looks.get(key);
    if (!look) {
      this.probe.replaceChildren();
      this.probe.dataset.band = band;
      look = lookOf(getComputedStyle(this.probe));
      delete this.probe.dataset.band;
      this.looks.set(key, look);
    }
    return look.background;
  }

  clear(): void {
    this.looks.clear();
    this.gaps.clear();
  }
}

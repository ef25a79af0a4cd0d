// The grid canvas's drawing state, written to the context only when it changes: each setter
// crosses into the browser and most parse a CSS string (a colour, a font, a length), and a notch
// that drew its rows run by run set the same few values about a hundred times over.

export class Pen {
  private fill = '';
  private alpha = 1;
  private font = '';
  private spacing = 0;

  constructor(readonly ctx: CanvasRenderingContext2D) {}

  fillStyle(colour: string): void {
    if (colour !== this.fill) this.ctx.fillStyle = this.fill = colour;
  }

  globalAlpha(alpha: number): void {
    if (alpha !== this.alpha) this.ctx.globalAlpha = this.alpha = alpha;
  }

  setFont(font: string): void {
    if (font !== this.font) this.ctx.font = this.font = font;
  }

  /** Word spacing in CSS pixels (the hex column's narrower spaces, see grid-text.ts). */
  wordSpacing(px: number): void {
    if (px !== this.spacing) {
      this.ctx.wordSpacing = `${px}px`;
      this.spacing = px;
    }
  }

  /**
   * What the context holds is no longer known: code wrote it directly (a chip, a run's box), or
   * the canvas was resized, which resets a context to its defaults.
   */
  forget(): void {
    this.fill = this.font = '';
    this.alpha = NaN;
    this.spacing = NaN;
  }
}

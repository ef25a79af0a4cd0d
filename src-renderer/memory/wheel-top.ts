// The top row the wheel moved the grid to, told to the container only when the wheel rests (or
// at once when those rows are not held): the grid redraws its rows on every notch by hand, while
// each top row the container hears runs Svelte's update of the whole memory view, which cost a
// notch about as much as the redraw itself.

export class WheelTop {
  private wheeled: { from: number; top: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `containerTop` reads the top row the container holds; `report` tells it a new one; `restMs`
   * is how long the wheel stays still before the container hears where it went.
   */
  constructor(
    private readonly containerTop: () => number,
    private readonly report: (top: number) => void,
    private readonly restMs = 250,
    /** Called whenever a wheel movement ends, reported or not (the grid's DOM rows catch up). */
    private readonly rested: () => void = () => {},
  ) {}

  /** Whether the wheel has moved the grid and not rested yet. */
  moving(): boolean {
    return this.wheeled !== null;
  }

  /** The top row to draw: the wheel's, unless the container has moved since (goto, a step). */
  shown(): number {
    const w = this.wheeled;
    return w && w.from === this.containerTop() ? w.top : this.containerTop();
  }

  /** The wheel moved the grid to `top`; `held`: the rows there are in the window of bytes held. */
  moved(top: number, held: boolean): void {
    this.wheeled = { from: this.containerTop(), top };
    // A timer per notch, restarted: one that re-armed itself instead fired once a notch at
    // the bench's pace, and each firing cost more main-thread time than the restart.
    clearTimeout(this.timer);
    if (!held) this.settle();
    else this.timer = setTimeout(() => this.settle(), this.restMs);
  }

  /** Tells the container where the wheel left the grid now; before any other intent it reports. */
  settle(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const w = this.wheeled;
    this.wheeled = null;
    if (w && w.from === this.containerTop() && w.top !== w.from) this.report(w.top);
    if (w) this.rested();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.wheeled = null;
  }
}

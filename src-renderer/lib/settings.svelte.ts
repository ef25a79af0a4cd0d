// View settings, kept in the browser: theme (follow the OS, or forced dark/light), a large font
// for projectors, and the panes' sizes as the person chose them with their splitters.

type Theme = 'auto' | 'dark' | 'light';
const KEY = 'memscope.settings';

/** The panes a splitter sizes: the call log's and the sequence column's widths, the module panel's and the terminal's heights. */
export type Pane = 'callLog' | 'sequence' | 'module' | 'terminal';
const PANES: readonly Pane[] = ['callLog', 'sequence', 'module', 'terminal'];

class Settings {
  theme = $state<Theme>('auto');
  large = $state(false);
  /**
   * Each pane's size (CSS px) as last chosen with its splitter; absent: the default. A wish:
   * the layout bounds it by the window it finds (pane-layout.ts), so it comes back whole when a
   * window that was too small for it grows again.
   */
  panes = $state<Partial<Record<Pane, number>>>({});
  /** What the OS shows now; kept live so 'auto' follows a change without a reload. */
  private osDark = $state(true);

  constructor() {
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    this.osDark = scheme.matches;
    scheme.addEventListener('change', (e) => { this.osDark = e.matches; });
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as { theme?: unknown; large?: unknown; panes?: Record<string, unknown>; callLogWidth?: unknown };
      if (saved.theme === 'dark' || saved.theme === 'light' || saved.theme === 'auto') this.theme = saved.theme;
      this.large = saved.large === true;
      // callLogWidth: how the call log's width was kept before the other panes were.
      const kept: Record<string, unknown> = { callLog: saved.callLogWidth, ...(saved.panes && typeof saved.panes === 'object' ? saved.panes : {}) };
      for (const pane of PANES) {
        const px = kept[pane];
        if (typeof px === 'number' && Number.isFinite(px) && px > 0) this.panes[pane] = Math.round(px);
      }
    } catch {
      // a corrupt entry just means defaults
    }
  }

  /** The palette in force: the forced one, or the OS's when following it. */
  get resolvedTheme(): 'dark' | 'light' {
    if (this.theme !== 'auto') return this.theme;
    return this.osDark ? 'dark' : 'light';
  }

  /** auto → the opposite of what the OS shows → the other → auto. */
  nextTheme(): Theme {
    const order: Theme[] = this.osDark ? ['auto', 'light', 'dark'] : ['auto', 'dark', 'light'];
    return order[(order.indexOf(this.theme) + 1) % order.length];
  }

  cycleTheme(): void {
    this.theme = this.nextTheme();
    this.save();
  }

  toggleLarge(): void {
    this.large = !this.large;
    this.save();
  }

  /** A pane's chosen size; null: back to its default. */
  setPane(pane: Pane, px: number | null): void {
    if ((this.panes[pane] ?? null) === px) return;
    if (px === null) delete this.panes[pane];
    else this.panes[pane] = px;
    this.save();
  }

  private save(): void {
    localStorage.setItem(KEY, JSON.stringify({ theme: this.theme, large: this.large, panes: this.panes }));
  }
}

export const settings = new Settings();

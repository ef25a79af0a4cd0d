// View settings, kept in the browser: theme (follow the OS, or forced dark/light), a large font
// for projectors, and the call log's width as the person chose it.

type Theme = 'auto' | 'dark' | 'light';
const KEY = 'memscope.settings';

class Settings {
  theme = $state<Theme>('auto');
  large = $state(false);
  /**
   * The call log's width as last chosen with its splitter, or null for the default. A wish:
   * the layout bounds it by the window it finds (pane-layout.ts), so it comes back whole when a
   * window that was too small for it grows again.
   */
  callLogWidth = $state<number | null>(null);
  /** What the OS shows now; kept live so 'auto' follows a change without a reload. */
  private osDark = $state(true);

  constructor() {
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    this.osDark = scheme.matches;
    scheme.addEventListener('change', (e) => { this.osDark = e.matches; });
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as { theme?: unknown; large?: unknown; callLogWidth?: unknown };
      if (saved.theme === 'dark' || saved.theme === 'light' || saved.theme === 'auto') this.theme = saved.theme;
      this.large = saved.large === true;
      const w = saved.callLogWidth;
      if (typeof w === 'number' && Number.isFinite(w) && w > 0) this.callLogWidth = Math.round(w);
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

  /** null: back to the default width. */
  setCallLogWidth(px: number | null): void {
    if (px === this.callLogWidth) return;
    this.callLogWidth = px;
    this.save();
  }

  private save(): void {
    localStorage.setItem(KEY, JSON.stringify({ theme: this.theme, large: this.large, callLogWidth: this.callLogWidth }));
  }
}

export const settings = new Settings();

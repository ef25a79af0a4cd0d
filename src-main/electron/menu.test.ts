// The native menu: each accelerator is the page's own key for the same command (one owner of a
// key, whichever of the two takes it), and macOS gets its application menu (About, Hide, Quit ⌘Q)
// and Window menu (⌘W, ⌘M), which the other platforms do not.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { commandForKey } from '../../src-renderer/lib/shortcuts.ts';

vi.mock('electron', () => ({
  app: { name: 'Memscope', isPackaged: true, getVersion: () => '0.0.0' },
  dialog: {},
  Menu: { buildFromTemplate: (t: unknown) => t },
}));
const { menuTemplate } = await import('./menu.ts');

type Item = MenuItemConstructorOptions;
const said: string[] = [];
const actions = { command: (name: string) => said.push(name), openRecent: () => undefined };

function items(platform: NodeJS.Platform): Item[] {
  return menuTemplate({} as never, [], actions as never, platform);
}
function flat(menu: Item[]): Item[] {
  return menu.flatMap((m) => [m, ...flat(Array.isArray(m.submenu) ? m.submenu as Item[] : [])]);
}
/** The key event an accelerator stands for, as the page sees it on that platform. */
function keyOf(accelerator: string, platform: NodeJS.Platform) {
  const parts = accelerator.split('+');
  const key = parts.at(-1)!;
  const mods = new Set(parts.slice(0, -1));
  const cmd = mods.has('CmdOrCtrl');
  return {
    key: key.length === 1 && mods.has('Shift') ? key.toUpperCase() : key.length === 1 ? key.toLowerCase() : key,
    ctrlKey: cmd && platform !== 'darwin', metaKey: cmd && platform === 'darwin',
    shiftKey: mods.has('Shift'), altKey: mods.has('Alt'),
  };
}
/** The menu's command items: label, accelerator, and the command its click sends. */
function commands(platform: NodeJS.Platform): { accelerator: string; name: string }[] {
  return flat(items(platform)).filter((i) => i.accelerator && i.click).map((i) => {
    said.length = 0;
    (i.click as () => void)();
    return { accelerator: String(i.accelerator), name: said[0] };
  });
}

describe('the native menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s, an accelerator is the page\'s own key for that command, or a key the page leaves alone', (platform) => {
    for (const { accelerator, name } of commands(platform)) {
      expect([name, null], `${accelerator} → ${name}`).toContain(commandForKey(keyOf(accelerator, platform)));
    }
  });

  it('gives every debugger key the page has to the same command (TESTIDS: F10, Shift+F10, Alt+F5, F5, Shift+F5, Ctrl+Shift+F5)', () => {
    const byName = new Map(commands('linux').map((c) => [c.name, c.accelerator]));
    expect(Object.fromEntries(['step', 'step-back', 'reverse-continue', 'run', 'stop', 'reset', 'open-module', 'save-sequence'].map((n) => [n, byName.get(n)]))).toEqual({
      step: 'F10', 'step-back': 'Shift+F10', 'reverse-continue': 'Alt+F5', run: 'F5', stop: 'Shift+F5', reset: 'CmdOrCtrl+Shift+F5',
      'open-module': 'CmdOrCtrl+O', 'save-sequence': 'CmdOrCtrl+S',
    });
    // No two items share a key.
    const keys = commands('linux').map((c) => c.accelerator);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('on macOS, starts with the application menu (File was shown as it) and has Close ⌘W and a Window menu', () => {
    const menu = items('darwin');
    expect(menu[0].label).toBe('Memscope');
    const app = (menu[0].submenu as Item[]).map((i) => i.role ?? i.label ?? i.type);
    expect(app).toEqual(['About Memscope', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['Memscope', 'File', 'Edit', 'Debug', 'View', 'windowMenu']);
    const file = (menu[1].submenu as Item[]).map((i) => i.role).filter(Boolean);
    expect(file).toEqual(['close']);
  });

  it('elsewhere, has no application or Window menu; File ends with Quit and Help has About', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = items(platform);
      expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'Debug', 'View', 'Help']);
      expect((menu[0].submenu as Item[]).at(-1)!.role).toBe('quit');
      expect((menu[4].submenu as Item[]).map((i) => i.label)).toEqual(['About Memscope']);
    }
  });
});

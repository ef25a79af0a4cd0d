// The native menu. Items that need the page (open a file into the UI, step, theme, zoom) send a
// contract `command` event; Open Recent opens by path in the main process. Every accelerator of a
// command is the page's own key for it (shortcuts.ts), so a key means one thing whether the menu
// or the page takes it (menu.test.ts). On macOS the first menu is always the application menu,
// whatever its label, so there it is one (About, Hide ⌘H, Quit ⌘Q) and a Window menu gives ⌘W and
// ⌘M; elsewhere File ends with Quit and Help has About.

import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuCommand } from '../shared/contract.ts';

export interface MenuActions {
  command(name: MenuCommand): void;
  openRecent(path: string): void;
}

function recentItems(recent: string[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No recent files', enabled: false }];
  return recent.map((path) => ({ label: `${basename(path)} — ${path}`, click: () => actions.openRecent(path) }));
}

export function menuTemplate(win: BrowserWindow, recent: string[], actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = {
    label: 'About Memscope',
    click: () => void dialog.showMessageBox(win, {
      type: 'info',
      title: 'About Memscope',
      message: `Memscope ${app.getVersion()}`,
      detail: `A debugger for WebAssembly linear memory: step through host↔guest call sequences and watch every byte change.\n\nF10 step · F5 run · ${mac ? 'Cmd' : 'Ctrl'}+Shift+F5 reset · Shift+F5 stop`,
    }),
  };
  const cmd = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label, accelerator, click: () => actions.command(name),
  });
  const template: MenuItemConstructorOptions[] = [
    // Without it, macOS made File the application menu, under the app's name.
    ...(mac ? [{
      label: app.name,
      submenu: [
        about, { type: 'separator' }, { role: 'services' }, { type: 'separator' },
        { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' },
      ],
    } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        cmd('Open Module…', 'open-module', 'CmdOrCtrl+O'),
        cmd('Open Sequence…', 'open-sequence', 'CmdOrCtrl+Shift+O'),
        cmd('Save Sequence…', 'save-sequence', 'CmdOrCtrl+S'),
        { label: 'Open Recent', submenu: recentItems(recent, actions) },
        { type: 'separator' },
        cmd('Export Snapshot…', 'export-snapshot', 'CmdOrCtrl+E'),
        { type: 'separator' },
        // On macOS, Quit is in the application menu and File closes the window (⌘W).
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: 'Debug',
      submenu: [
        cmd('Step', 'step', 'F10'),
        cmd('Step Back', 'step-back', 'Shift+F10'),
        cmd('Reverse Continue', 'reverse-continue', 'Alt+F5'),
        cmd('Run', 'run', 'F5'),
        cmd('Reset', 'reset', 'CmdOrCtrl+Shift+F5'),
        cmd('Stop', 'stop', 'Shift+F5'),
      ],
    },
    {
      label: 'View',
      submenu: [
        cmd('Toggle Theme', 'toggle-theme', 'CmdOrCtrl+Shift+T'),
        cmd('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
        cmd('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    // macOS: Minimize ⌘M, Zoom, Bring All to Front; About is in the application menu.
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : [{ label: 'Help', submenu: [about] }]),
  ];
  return template;
}

export function buildMenu(win: BrowserWindow, recent: string[], actions: MenuActions): Menu {
  return Menu.buildFromTemplate(menuTemplate(win, recent, actions));
}

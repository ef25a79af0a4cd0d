// A page that crashes or hangs in the desktop window: a box says so and offers a reload (the
// session lives in the main process), where the window was left blank or frozen with nothing said.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface Box { options: Record<string, unknown>; answer(response: number): void }
const ui = vi.hoisted(() => ({ boxes: [] as Box[], windows: [] as unknown[], errors: [] as [string, string][], syncAnswer: 1 }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Contents extends Emitter {
    reloads = 0;
    crashed = 0;
    setWindowOpenHandler() {}
    reload() { this.reloads++; }
    forcefullyCrashRenderer() { this.crashed++; }
  }
  class BrowserWindow extends Emitter {
    webContents = new Contents();
    visible = false;
    closed = false;
    constructor() { super(); ui.windows.push(this); }
    loadFile() { return Promise.resolve(); }
    isDestroyed() { return false; }
    isVisible() { return this.visible; }
    show() { this.visible = true; }
    close() { this.closed = true; }
  }
  return {
    BrowserWindow, session: {},
    dialog: {
      showErrorBox: (title: string, text: string) => ui.errors.push([title, text]),
      // The box answers at once, as the test set it (ui.syncAnswer); what it asked is kept.
      showMessageBoxSync: (_win: unknown, options: Record<string, unknown>) => {
        ui.boxes.push({ options, answer: () => undefined });
        return ui.syncAnswer;
      },
      showMessageBox: (_win: unknown, options: Record<string, unknown>) => new Promise((resolve) => {
        const box = { options, answer: (response: number) => resolve({ response, checkboxChecked: false }) };
        ui.boxes.push(box);
        (options.signal as AbortSignal | undefined)?.addEventListener('abort', () => box.answer(options.cancelId as number));
      }),
    },
  };
});
const { createMainWindow } = await import('./window.ts');

type Win = EventEmitter & { webContents: EventEmitter & { reloads: number; crashed: number }; visible: boolean; closed: boolean };
function open(): Win {
  createMainWindow({ indexHtml: '/app/out/renderer/index.html', preload: '/app/out/preload/index.cjs' });
  return ui.windows.at(-1) as Win;
}
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  ui.boxes.length = 0;
  ui.errors.length = 0;
});

describe('the desktop window when its page crashes or hangs', () => {
  it('says a page whose process ended, with the reason, and reloads it on Reload', async () => {
    const win = open();
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 9 });
    expect(ui.boxes.map((b) => [b.options.message, b.options.detail, b.options.buttons])).toEqual([[
      'The window\'s page stopped',
      'Its process ended (oom, exit code 9). The debugging session is kept: Reload shows it again.',
      ['Reload', 'Quit'],
    ]]);
    ui.boxes[0].answer(0);
    await settle();
    expect(win.webContents.reloads).toBe(1);
  });

  it('shows a window whose page died while loading (it was never shown), and closes it on Quit', async () => {
    const win = open();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.visible).toBe(true);
    ui.boxes[0].answer(1);
    await settle();
    expect([win.closed, win.webContents.reloads]).toEqual([true, 0]);
  });

  it('says nothing when the page ends normally', () => {
    open().webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(ui.boxes).toEqual([]);
  });

  it('asks once about a hung page; Reload ends its process and loads it again without a second box', async () => {
    const win = open();
    win.emit('unresponsive');
    win.emit('unresponsive');
    expect(ui.boxes.map((b) => [b.options.message, b.options.buttons])).toEqual([['The window\'s page is not responding', ['Wait', 'Reload']]]);
    ui.boxes[0].answer(1);
    await settle();
    expect(win.webContents.crashed).toBe(1);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 0 });
    expect([win.webContents.reloads, ui.boxes.length]).toEqual([1, 1]);
  });

  it('closes the box when the page responds again, leaving the page as it is', async () => {
    const win = open();
    win.emit('unresponsive');
    win.emit('responsive');
    await settle();
    expect([win.webContents.crashed, win.webContents.reloads]).toEqual([0, 0]);
    // A later hang asks again.
    win.emit('unresponsive');
    expect(ui.boxes).toHaveLength(2);
  });

  it('says a page that cannot load and closes its window (it was never shown, the app ran on)', () => {
    const win = open();
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'file:///app/out/renderer/index.html', true);
    expect(ui.errors).toEqual([['Memscope cannot start', 'cannot load the window\'s page file:///app/out/renderer/index.html: ERR_FILE_NOT_FOUND (-6)']]);
    expect(win.closed).toBe(true);
    // A load superseded by another, or a subframe's, is not the page failing.
    const other = open();
    other.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'file:///app/out/renderer/index.html', true);
    other.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'file:///x.html', false);
    expect([ui.errors.length, other.closed]).toEqual([1, false]);
  });
});

describe('the desktop window left with edits not saved', () => {
  // The page's beforeunload asked; Electron cancelled the close without a word, and the window
  // could not be closed. The box asks; Discard edits lets it close.
  it('asks; Keep editing keeps the window, Discard edits lets it close', () => {
    const win = open();
    let allowed = 0;
    const event = { preventDefault: () => { allowed++; } };
    ui.syncAnswer = 1;
    win.webContents.emit('will-prevent-unload', event);
    expect(ui.boxes.map((b) => [b.options.message, b.options.buttons, b.options.cancelId])).toEqual([['Discard unsaved edits?', ['Discard edits', 'Keep editing'], 1]]);
    expect(allowed).toBe(0);
    ui.syncAnswer = 0;
    win.webContents.emit('will-prevent-unload', event);
    expect(allowed).toBe(1);
  });
});

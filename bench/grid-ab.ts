// A/B of the grid scroll bench across builds: `node bin/run-ts.mjs bench/grid-ab.ts before=DIR
// after=DIR [--gpu=software]` (each DIR a checkout with `npm run build` done, e.g. a second git worktree) wheels
// each build's grid and the minimal page in alternating rounds, so all see the same machine
// load, and prints per-notch medians, ratios and the trace events behind them. --gpu picks the
// Chromium flag set (GPU_FLAGS: swiftshader, the target's, by default). Machine load
// moves every figure by ±15%; only figures from one run compare.

import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { alternate, chromiumArgs, eventSplit, GPU_FLAGS, GRID, openPeer, showGoData, type GpuMode, type ScrollSubject } from './grid-scroll.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const gpuArg = process.argv.slice(2).find((a) => a.startsWith('--gpu='))?.slice('--gpu='.length) ?? 'swiftshader';
if (!(gpuArg in GPU_FLAGS)) throw new Error(`--gpu=${gpuArg}: expected one of ${Object.keys(GPU_FLAGS).join(', ')}`);
const gpu = gpuArg as GpuMode;
const builds = process.argv.slice(2).filter((a) => !a.startsWith('--gpu=')).map((arg) => {
  const [name, dir] = arg.split('=', 2);
  if (!name || !dir) throw new Error(`"${arg}": expected NAME=DIR`);
  return { name, dir: resolve(dir) };
});
if (builds.length === 0) throw new Error('usage: bench/grid-ab.ts NAME=DIR [NAME=DIR …]');

/** `memscope serve` of the build in `dir`; its URL and how to stop it. */
function serve(dir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(dir, 'bin', 'memscope.js'), 'serve', '--no-open', '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`memscope serve in ${dir} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (url) => done({ url, stop: () => child.stdin!.end() }));
  });
}

const opened: { stop: () => void; close: () => Promise<void> }[] = [];
try {
  // A browser per build: two pages of 127.0.0.1 are one site, and could share a renderer (and
  // so a traced main thread).
  const subjects: ScrollSubject[] = [];
  for (const b of builds) {
    const shell = await serve(b.dir);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs(gpu) });
    opened.push({ stop: shell.stop, close: () => browser.close() });
    const page = await browser.newPage({ viewport: { width: 1600, height: 950 } });
    page.setDefaultTimeout(180_000);
    await page.goto(shell.url);
    await showGoData(page);
    subjects.push({ browser, page, selector: GRID, urlPart: new URL(shell.url).origin });
  }
  const peer = await openPeer(subjects[0].browser, subjects[0].page);
  const rounds = Number(process.env.ROUNDS ?? 5);
  const work = await alternate([...subjects, peer.subject], rounds);
  const peerWork = work[builds.length];
  console.log(`Chromium ${gpu} (${GPU_FLAGS[gpu].join(' ')}); per wheel notch, medians of ${rounds} rounds × 20 notches; minimal page ${peerWork.total.toFixed(2)} ms`);
  for (const [i, b] of builds.entries()) {
    const w = work[i];
    console.log(`${b.name}: ${w.total.toFixed(2)} ms (script ${w.script.toFixed(2)}, layout ${w.layout.toFixed(2)}, paint ${w.paint.toFixed(2)}) = ${(w.total / peerWork.total).toFixed(2)}× the minimal page`);
    // Work in no counted event (a canvas flushed inside BeginMainFrame, say) shows only here.
    console.log(`  all main-thread tasks: ${w.tasks.toFixed(2)} ms = ${(w.tasks / peerWork.tasks).toFixed(2)}× the minimal page's ${peerWork.tasks.toFixed(2)} ms`);
    console.log(`  by event, ${b.name} / minimal page: ${eventSplit(w, peerWork)}`);
  }
} finally {
  for (const o of opened) {
    await o.close();
    o.stop();
  }
}

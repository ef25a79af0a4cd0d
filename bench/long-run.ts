// A long run in the web shell: F5 on a 10,000-step sequence (return-string's story, 2,500
// rounds) until the page shows its last step, against the same run in the engine alone (this
// process, no page, no server). No target: a figure kept so a change that makes the page fall
// behind a long run shows (the step events once came one message each and the page took 11 s).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { Session } from '../src-main/engine/index.ts';
import { showStartScreen, untilReady } from './grid-scroll.ts';
import { FIRST_F10_AFTER_MS, percentile } from './f10-series.ts';

type Report = (name: string, value: string) => void;

const ROUNDS = 2500;
const STEPS = 4 * ROUNDS;
const PASSES = 3;
const DEMO = join(import.meta.dirname, '../resources/examples/return-string');
const ROUND = ['ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)'];

/** The engine's own run of the steps, ms (median of PASSES, each in a fresh session). */
async function engineRun(): Promise<number> {
  const bytes = new Uint8Array(readFileSync(join(DEMO, 'return-string.wasm')));
  const text = Array.from({ length: ROUNDS }, () => ROUND.join('\n')).join('\n');
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const opened = await Session.open({ moduleBytes: bytes, moduleName: 'return-string.wasm', sequence: { text } });
    if (!opened.ok) throw new Error(opened.error.message);
    const started = performance.now();
    await opened.value.run({ collect: false });
    times.push(performance.now() - started);
    const ran = opened.value.nextStep;
    await opened.value.dispose();
    if (ran !== STEPS) throw new Error(`the engine ran ${ran} of ${STEPS} steps`);
  }
  return percentile(times, 50);
}

/** F5 → the page shows the last step, ms (median of PASSES, Reset between them). */
async function pageRun(page: Page): Promise<number> {
  await showStartScreen(page);
  await page.locator('[data-testid=demo-card][data-demo-id=return-string]').click();
  await untilReady(page);
  const text = ['module "return-string.wasm"', ...Array.from({ length: ROUNDS }, () => ROUND).flat()].join('\n');
  // One input event, as a paste is.
  await page.getByTestId('sequence-text').evaluate((el, t) => {
    (el as unknown as { value: string }).value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  const counter = page.getByTestId('step-counter');
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    if (pass > 0) await page.getByTestId('reset-button').click();
    await counter.filter({ hasText: `step 0 / ${STEPS}` }).waitFor();
    await untilReady(page);
    // As F10's passes do: Reset's own repaint is not the run's (FIRST_F10_AFTER_MS says why).
    await page.waitForTimeout(FIRST_F10_AFTER_MS);
    const started = performance.now();
    await page.keyboard.press('F5');
    await counter.filter({ hasText: `step ${STEPS} / ${STEPS}` }).waitFor();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

export async function longRun(page: Page, report: Report): Promise<void> {
  const shown = await pageRun(page);
  const engine = await engineRun();
  report(`ui: a ${STEPS.toLocaleString('en')}-step run, F5 → the page shows its last step (median of ${PASSES}; no target)`, `${(shown / 1000).toFixed(2)} s`);
  report('ui:   the same run in the engine alone, no page or server', `${(engine / 1000).toFixed(2)} s (page / engine ${(shown / engine).toFixed(1)}×)`);
}

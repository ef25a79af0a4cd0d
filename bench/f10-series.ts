// Drives F10 through a demo's steps in a real page (the F10_PROBE installed), several passes
// with Reset between them, and summarises keydown → grid-shows-the-step with its parts.

import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { f10Sample, SETTLE_F10, type F10Raw, type F10Sample } from './f10-probe.ts';
import { untilReady } from './grid-scroll.ts';

export interface F10Series {
  demo: string;
  samples: F10Sample[];
  /** Round trips of a near no-op request from the page, one after each step (the transport's floor). */
  floor: number[];
  /** Load average (1 min) before and after the series. */
  load: [number, number];
}

const WAIT_MS = 180_000;

/**
 * A pass's first F10 waits this long after the demo opened or Reset said "ready", as a person
 * does: the fastest reaction to seeing it is ~200 ms. Pressed 3 ms after the badge changed, that
 * F10 measured the open's or Reset's own after-work (a whole-window repaint rasterized on the
 * same 2 cores, in SwiftShader) as step latency: those first steps were most of the p95's tail,
 * 35-65 ms, and gone from it with any pause of 250 ms or more. F10s within a pass stay back to back.
 */
export const FIRST_F10_AFTER_MS = 250;

async function state(page: Page): Promise<string | null> {
  return page.locator('[data-testid=state-badge]').getAttribute('data-state');
}

/** `passes` runs of F10 from the demo's first step to its last; the demo must be open and ready. */
export async function f10Series(page: Page, demo: string, passes: number): Promise<F10Series> {
  const load0 = loadavg()[0];
  const samples: F10Sample[] = [];
  const floor: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    if (pass > 0) {
      await page.locator('[data-testid=reset-button]').click();
      await page.locator('[data-testid=step-counter]').filter({ hasText: /step 0 \// }).waitFor({ timeout: WAIT_MS });
      await untilReady(page, WAIT_MS);
    }
    await page.waitForTimeout(FIRST_F10_AFTER_MS);
    for (let i = 0; i < 200; i++) {
      const s = await state(page);
      if (s !== 'ready' && s !== 'paused') break;
      await page.keyboard.press('F10');
      const raw = await page.evaluate(SETTLE_F10(WAIT_MS)) as F10Raw;
      samples.push({ ...f10Sample(raw), label: `${pass}.${i}` });
      floor.push(await page.evaluate('window.__f10.noop()') as number);
    }
  }
  if (samples.length === 0) throw new Error(`the ${demo} demo did not step`);
  if (process.env.F10_DUMP) appendFileSync(process.env.F10_DUMP, JSON.stringify({ demo, samples, floor }) + '\n');
  return { demo, samples, floor, load: [load0, loadavg()[0]] };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const PARTS = ['keyToRequest', 'backend', 'apply', 'paint'] as const;

/** Median and p95 of the total and of each part; the parts of the samples at or above the total's p95. */
export function describeSeries(s: F10Series): { name: string; value: string }[] {
  const f = (v: number) => v.toFixed(1);
  const col = (k: (typeof PARTS)[number] | 'total') => s.samples.map((x) => x[k]);
  const p95 = percentile(col('total'), 95);
  const tail = s.samples.filter((x) => x.total >= p95);
  const split = (pick: (k: (typeof PARTS)[number]) => string) => PARTS.map((k) => `${k} ${pick(k)}`).join(', ');
  const eventToShown = s.samples.map((x) => x.apply + x.paint);
  const follow = s.samples.filter((x) => x.followUps.length > 0).map((x) => x.followUps.join('+'));
  return [
    { name: `${s.demo}: F10 keydown → grid shows it, ${s.samples.length} steps (load ${f(s.load[0])}→${f(s.load[1])})`,
      value: `median ${f(percentile(col('total'), 50))} ms, p95 ${f(p95)} ms` },
    { name: `${s.demo}:   step event → grid shows it (apply + paint)`,
      value: `median ${f(percentile(eventToShown, 50))} ms, p95 ${f(percentile(eventToShown, 95))} ms` },
    { name: `${s.demo}:   floor: a no-op request's round trip from the page`,
      value: `median ${f(percentile(s.floor, 50))} ms, p95 ${f(percentile(s.floor, 95))} ms` },
    { name: `${s.demo}:   parts, median`, value: split((k) => f(percentile(col(k), 50))) },
    { name: `${s.demo}:   parts, p95`, value: split((k) => f(percentile(col(k), 95))) },
    { name: `${s.demo}:   the slowest (≥ p95), parts`, value: tail.map((x) => `${x.label} [${split((k) => f(x[k]))}]`).join(' ') },
    { name: `${s.demo}:   steps that sent more requests after \`step\``, value: follow.length ? `${follow.length}: ${follow.join(', ')}` : '0' },
  ];
}

// A worker ended in the middle of a step leaves none of the guest's host files open: the files a
// guest opens through preview2-shim are opened by the shim's IO thread, nested in the guest's
// worker, and Node closes the raw fds a worker (or a worker nested in it) opened when it ends
// (its trackUnmanagedFds, on by default and inherited). This pins that for Stop and for a step
// limit, counting the process's open fds (/proc/self/fd), so a change that breaks it (an option,
// a shim that opens elsewhere) fails here.

import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from './test-helpers.ts';
import type { Session } from './session.ts';

const HOLD = resolve(import.meta.dirname, '../../testdata/hold.wasm');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The process's open fds, each with what it points at. */
function openFds(): Map<number, string> {
  const fds = new Map<number, string>();
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      fds.set(Number(name), readlinkSync(`/proc/self/fd/${name}`));
    } catch {
      // Closed since the listing (the listing's own fd among them).
    }
  }
  return fds;
}

const into = (dir: string) => [...openFds().values()].filter((target) => target.startsWith(dir + '/'));

async function until(check: () => boolean): Promise<void> {
  // Generous: a bound on a hang, not a speed check.
  const deadline = Date.now() + 60_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

/** A session whose guest holds held.txt and spinning open in a fresh directory and spins. */
async function spinningWithFiles(limit: number): Promise<{ session: Session; dir: string; running: Promise<unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-held-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const session = await openSession(HOLD, { sequence: `dir "${dir}" as "/d" rw\ntimeout ${limit}\nhold()\nspin()\n` });
  cleanups.unshift(() => session.dispose());
  const running = session.run();
  await until(() => existsSync(join(dir, 'spinning')) && into(dir).length === 2);
  return { session, dir, running };
}

describe('the host files of a guest whose worker was ended mid-step', () => {
  it('are closed once Stop has ended the worker', async () => {
    // A first session loads what every later one shares (the shim, its thread's first fds).
    await (await spinningWithFiles(600_000)).session.stop();
    const before = openFds().size;
    const { session, dir, running } = await spinningWithFiles(600_000);
    expect(into(dir).sort()).toEqual([join(dir, 'held.txt'), join(dir, 'spinning')]);
    expect(openFds().size).toBeGreaterThanOrEqual(before + 2);
    await session.stop();
    await running;
    expect(into(dir)).toEqual([]);
    expect(openFds().size).toBeLessThanOrEqual(before);
  });

  it('are closed once a step limit has ended the worker and the session is closed', async () => {
    const { session, dir, running } = await spinningWithFiles(1000);
    await running;
    expect(session.terminated?.reason).toBe('timeout');
    await session.dispose();
    expect(into(dir)).toEqual([]);
  });
});

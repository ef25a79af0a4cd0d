// timeoutCapMs bounds every time limit a sequence can set, so a served upload cannot hold the
// backend's worker for days: the step limit (`timeout`) and the capture budget (`capture limit`).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInputs } from './session-inputs.ts';

const NAME = 'return-string.wasm';
const bytes = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../resources/examples/return-string', NAME)));

function configFor(text: string, timeoutCapMs?: number) {
  const inputs = resolveInputs({ moduleBytes: bytes, moduleName: NAME, sequence: { text }, ...(timeoutCapMs ? { config: { timeoutCapMs } } : {}) });
  if (!inputs.ok) throw new Error(inputs.error.message);
  return inputs.value.config;
}

describe('timeoutCapMs', () => {
  it('caps a sequence\'s timeout and capture limit', () => {
    const config = configFor('timeout 86400000\ncapture limit 86400\n', 60_000);
    expect([config.timeoutMs, config.captureLimitMs]).toEqual([60_000, 60_000]);
  });

  it('leaves limits under the cap as the sequence set them', () => {
    const config = configFor('timeout 2000\ncapture limit 5\n', 60_000);
    expect([config.timeoutMs, config.captureLimitMs]).toEqual([2000, 5000]);
  });
});

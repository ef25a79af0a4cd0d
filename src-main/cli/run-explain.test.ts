// `memscope run --explain`: each step followed by the same plain sentences the UI shows.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, memscope } from './testing/run-json.ts';

describe('memscope run --explain', () => {
  it('explains the string demo step by step', () => {
    const r = memscope(['run', '--explain', join(EXAMPLES, 'return-string/return-string.wseq')]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const malloc = lines.findIndex((l) => l.includes('✓ ret = malloc(8)'));
    expect(lines.slice(malloc + 1).find((l) => l.includes('≈'))).toBe('       ≈ The host called `malloc(8)`; it returned 67104 (0x10620).');
    expect(r.stdout).toContain('≈ The 8 bytes at 0x10620 (`ret`) are now yours');
    expect(r.stdout).toContain('≈ The host read guest memory: `text` = "hello from C".');
    expect(r.stdout).toContain('≈ `ret` (0x10620, 8 bytes) was given back to the allocator');
    expect(memscope(['run', join(EXAMPLES, 'return-string/return-string.wseq')]).stdout).not.toContain('≈');
  });
});

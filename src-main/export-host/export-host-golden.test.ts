// `export-host --lang rust|go` for every demo, pinned by golden files (they cannot be compiled
// here: no wasmtime or wazero offline). UPDATE_GOLDEN=1 rewrites them after a deliberate change;
// review the diff against the APIs named in the README before committing.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportHost, type HostLanguage } from './index.ts';
import { EXPORTED_SEQUENCES } from './testing/demo-sequences.ts';

const GOLDEN = join(import.meta.dirname, 'testdata/golden');
const EXT: Record<string, string> = { rust: 'rs', go: 'go' };
const sequences = EXPORTED_SEQUENCES;

function generate(seq: string, language: HostLanguage): string {
  const text = readFileSync(seq, 'utf8');
  const module = /^module\s+"([^"]+)"/m.exec(text)![1]!;
  const moduleFile = join(dirname(seq), module);
  const result = exportHost({
    language, sequenceText: text, sequenceFile: seq, moduleBytes: readFileSync(moduleFile), moduleFile, outDir: dirname(seq),
  });
  if (!result.ok) throw new Error(result.message);
  return result.source;
}

describe.each(['rust', 'go'] as const)('export-host --lang %s goldens', (language) => {
  it.each(sequences.map((s) => [basename(s), s]))('%s', (name, seq) => {
    const file = join(GOLDEN, `${name.replace(/\.wseq$/, '')}.${EXT[language]}`);
    const source = generate(seq, language);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, source);
    }
    expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(source).toBe(readFileSync(file, 'utf8'));
    // Every step is there, each under a comment naming its line.
    for (const line of readFileSync(seq, 'utf8').split('\n').map((l, i) => [l, i + 1] as const)) {
      if (/^[a-z_(]/i.test(line[0]) && !/^(module|import|arg|env|dir|stdin|timeout|deterministic|tty)\b/.test(line[0])) {
        expect(source).toContain(`// line ${line[1]}: `);
      }
    }
  });
});

// The three fuzz targets and their oracles. A target never throws and never calls its own
// failure 'internal' (that is our bug); what it does return must be self-consistent. A finding
// is the input plus the first broken rule; findings/<target>/ keeps them as regression cases.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Result } from '../../shared/dto.ts';
import { inspectBytes } from '../module/inspect.ts';
import { exportSnapshot, loadSnapshot } from '../memory/snapshot.ts';
import { sparseImageFromBytes } from '../memory/sparse-image.ts';
import { evaluateExpression } from '../sequence/expr.ts';
import { parseSequence } from '../sequence/parse.ts';
import { sequenceLines } from '../../shared/sequence-text.ts';

export type TargetName = 'module' | 'sequence' | 'snapshot';
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'resources', 'examples');
export const FINDINGS = join(import.meta.dirname, 'findings');

/** What is wrong with how a target handled `input`, or null. */
export type Oracle = (input: Uint8Array) => string | null;

function guarded(run: () => string | null): string | null {
  try {
    return run();
  } catch (e) {
    return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

function notInternal(r: Result<unknown>): string | null {
  return !r.ok && r.error.code === 'internal' ? `answered internal: ${r.error.message}` : null;
}

const checkModule: Oracle = (bytes) => guarded(() => {
  // Cross-checked with V8: our reader must accept and reject exactly what V8 does.
  const r = inspectBytes(bytes);
  if (!r.ok && r.error.code !== 'malformed-module' && r.error.code !== 'unsupported') return notInternal(r) ?? `unexpected error code ${r.error.code}`;
  return null;
});

const checkSequence: Oracle = (bytes) => guarded(() => {
  const text = new TextDecoder().decode(bytes);
  const lines = sequenceLines(text);
  const parsed = parseSequence(text, 'fuzz.wseq');
  for (const e of parsed.errors) {
    const line = e.where?.line;
    if (e.code === 'internal') return `parse error marked internal: ${e.message}`;
    if (line === undefined || line < 1 || line > lines.length) return `error outside the text (line ${line}): ${e.message}`;
  }
  // The address box of the UI parses single expressions with the same grammar.
  for (const line of lines.slice(0, 8)) {
    const problem = notInternal(evaluateExpression(line, {}));
    if (problem) return problem;
  }
  return null;
});

const checkSnapshot: Oracle = (bytes) => guarded(() => {
  const r = loadSnapshot(bytes);
  if (!r.ok) return r.error.code === 'malformed-snapshot' ? null : notInternal(r) ?? `unexpected error code ${r.error.code}`;
  const snap = r.value;
  if (snap.pageMap().length !== Math.ceil(snap.size / 65536)) return 'page map does not cover the memory';
  const last = snap.read(Math.max(0, snap.size - 16), Math.min(16, snap.size));
  if (!last.ok) return `reading the last bytes failed: ${last.error.message}`;
  const past = notInternal(snap.read(snap.size, 1));
  if (past) return past;
  // Bound values are used by name (the address box, `memscope snapshot`): each must evaluate.
  for (const name of Object.keys(snap.manifest.bindings).slice(0, 16)) {
    const problem = notInternal(evaluateExpression(name, snap.manifest.bindings));
    if (problem) return `binding ${name}: ${problem}`;
  }
  return null;
});

export const ORACLES: Record<TargetName, Oracle> = { module: checkModule, sequence: checkSequence, snapshot: checkSnapshot };

function examples(ext: string): Uint8Array[] {
  return readdirSync(EXAMPLES, { recursive: true }).map(String).filter((f) => f.endsWith(ext)).sort()
    .map((f) => new Uint8Array(readFileSync(join(EXAMPLES, f))));
}

/** A small real snapshot: a few non-zero pages, regions and every kind of bound value. */
function snapshotSeed(): Uint8Array {
  const memory = new Uint8Array(4 * 65536);
  memory.set(new TextEncoder().encode('hello from the fuzzer'), 0x10620);
  memory[3 * 65536 + 7] = 0xab;
  const r = exportSnapshot(sparseImageFromBytes(memory), 'sparse', {
    moduleName: 'seed.wasm', moduleSha256: 'ab'.repeat(32), step: 1, line: 2, source: 'x = f()',
    regions: [{ id: 1, name: 's', kind: 'struct', start: 0x10620, size: 8, freed: false, createdStep: 0, type: '{ptr: u32, len: u32}' }],
    bindings: {
      n: { kind: 'int', value: '-5' }, f: { kind: 'float', value: 1.5 },
      t: { kind: 'text', value: 'hello', encoding: 'utf8', address: 0x10620, byteLength: 5 },
      b: { kind: 'bytes', hex: 'dead', address: 4 },
      s: { kind: 'struct', type: '{ptr: u32}', address: 8, size: 4, fields: { ptr: { kind: 'int', value: '1' } } },
      u: { kind: 'tuple', items: [{ kind: 'int', value: '1' }] },
    },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Real inputs to start mutating from. */
export function seeds(target: TargetName): Uint8Array[] {
  if (target === 'module') return examples('.wasm').filter((b) => b.length < 512 * 1024);
  if (target === 'sequence') return examples('.wseq');
  return [snapshotSeed()];
}

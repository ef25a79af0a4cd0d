// Adapts the sequence/ module to the worker: parse + validate a sequence and build its executor
// over a GuestPort. The one place that knows the executor's API.

import type { MemscopeError, ModuleInfo, Result } from '../../shared/dto.ts';
import type { Sequence } from './ast.ts';
import { SequenceExecutor } from './execute.ts';
import { parseSequence } from './parse.ts';
import type { GuestPort } from './port.ts';
import { validateSequence } from './validate.ts';

export interface LoadedSequence {
  text: string;
  file?: string;
  sequence: Sequence;
  executor: SequenceExecutor;
}

/** Parses and validates; the first error (with line:column) when the sequence cannot run. */
export function checkSequence(text: string, file: string | undefined, info: ModuleInfo): { sequence: Sequence; errors: MemscopeError[] } {
  const parsed = parseSequence(text, file);
  const errors = parsed.errors.length > 0 ? parsed.errors : validateSequence(parsed.sequence, info);
  return { sequence: parsed.sequence, errors };
}

export function loadSequence(text: string, file: string | undefined, info: ModuleInfo, port: GuestPort): Result<LoadedSequence> {
  const { sequence, errors } = checkSequence(text, file, info);
  if (errors[0]) return { ok: false, error: errors[0] };
  const loaded: LoadedSequence = { text, sequence, executor: new SequenceExecutor(sequence, port) };
  if (file !== undefined) loaded.file = file;
  return { ok: true, value: loaded };
}

// Adapts the sequence/ module to the worker: parse + validate a sequence and build its executor
// over a GuestPort. The one place that knows the executor's API.

import type { MemscopeError, ModuleInfo } from '../../shared/dto.ts';
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

/**
 * Parses (unless the caller already did: `parsed`) and validates; the first error (with
 * line:column) when the sequence cannot run.
 */
export function checkSequence(
  text: string, file: string | undefined, info: ModuleInfo, parsed = parseSequence(text, file),
): { sequence: Sequence; errors: MemscopeError[] } {
  const errors = parsed.errors.length > 0 ? parsed.errors : validateSequence(parsed.sequence, info);
  return { sequence: parsed.sequence, errors };
}

/** The executor for a sequence the controlling side already parsed and validated. */
export function loadChecked(text: string, file: string | undefined, sequence: Sequence, port: GuestPort): LoadedSequence {
  const loaded: LoadedSequence = { text, sequence, executor: new SequenceExecutor(sequence, port) };
  if (file !== undefined) loaded.file = file;
  return loaded;
}

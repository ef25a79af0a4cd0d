// Where an error happened, in words for the error bar: the file, the line:column of a sequence,
// or the byte offset (decimal and hex) and section of a module.

import type { ErrorLocation, MemscopeError } from '../../src-main/shared/dto.ts';

/**
 * The error bar's heading: the error's code, except for a step the session refused to run (a
 * press of F10 or F5; code `cannot-step`), headed in words: after the last of a sequence's
 * `steps` it says the sequence has ended, otherwise that it cannot step (no sequence,
 * one without steps, a step already running). "end of sequence" is said only while the refusal
 * is still the session's reason (`cannotStep`): an older one, shown until dismissed, keeps its words.
 */
export function errorHeading(error: MemscopeError, cannotStep: MemscopeError | null, nextStep: number, steps: number): string {
  if (error.code !== 'cannot-step') return error.code;
  const current = cannotStep !== null && cannotStep.message === error.message;
  return current && steps > 0 && nextStep >= steps ? 'end of sequence' : 'cannot step';
}

/** `message`, when given, keeps a section its text already names from being repeated. */
export function formatLocation(where: ErrorLocation | undefined, message = ''): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.line !== undefined) parts.push(`line ${where.line}${where.column !== undefined ? `:${where.column}` : ''}`);
  if (where.section !== undefined && !message.startsWith(`${where.section} section`)) parts.push(`${where.section} section`);
  if (where.offset !== undefined) parts.push(`byte offset ${where.offset} (0x${where.offset.toString(16)})`);
  const at = parts.join(', ');
  if (where.file !== undefined) return at ? `${where.file}: ${at}` : where.file;
  return at;
}

// The one wording of where in a binary an error is, shared by every command's one-line errors.

import type { ErrorLocation } from '../shared/dto.ts';

/** ` (section type, byte offset 8)`, ` (byte offset 40)`, or '' when the error has no position. */
export function whereSuffix(where: ErrorLocation | undefined): string {
  const parts: string[] = [];
  if (where?.section !== undefined) parts.push(`section ${where.section}`);
  if (where?.offset !== undefined) parts.push(`byte offset ${where.offset}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

// Where an error happened, in words for the error bar: the file, the line:column of a sequence,
// or the byte offset (decimal and hex) and section of a module.

import type { ErrorLocation } from '../../src-main/shared/dto.ts';

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

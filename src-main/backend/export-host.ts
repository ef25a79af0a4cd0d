// The app's "Export ▸ Host code": the current session's sequence as a JS, Rust or Go host
// program, its paths written as if the program sits beside the module and the sequence.

import type { FileData, HostLanguage } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { exportHost } from '../export-host/index.ts';
import type { LiveCurrent } from './session-host.ts';

const EXTENSION: Record<HostLanguage, string> = { js: 'mjs', rust: 'rs', go: 'go' };

export function hostProgram(c: LiveCurrent, language: HostLanguage): Result<FileData> {
  const text = c.session.sequenceText;
  if (text === null) return { ok: false, error: { code: 'usage', message: 'there is no sequence to export: write or open one first' } };
  const sequenceName = (c.session.sequenceName ?? 'sequence.wseq').replace(/^.*[\\/]/, '');
  const result = exportHost({
    language, sequenceText: text, sequenceFile: `/host/${sequenceName}`, moduleBytes: c.session.moduleBytes,
    moduleFile: `/host/${c.session.moduleName}`, outDir: '/host',
  });
  if (!result.ok) return { ok: false, error: { code: 'usage', message: result.message } };
  const base = sequenceName.replace(/\.wseq$/i, '');
  return { ok: true, value: { name: `${base}-host.${EXTENSION[language]}`, bytes: new TextEncoder().encode(result.source) } };
}

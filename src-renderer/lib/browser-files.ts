// Files in a plain browser: open through a hidden <input type=file>, save as a download.

import type { FileData, PickKind } from '../../src-main/shared/contract.ts';
import type { MemscopeError } from '../../src-main/shared/dto.ts';
import { dropConflict, splitDrop } from './drop-files.ts';

/** Files picked that cannot be opened: a refusal to show, not a cancel (which resolves null). */
export class PickRefused extends Error {
  constructor(readonly error: MemscopeError) {
    super(error.message);
  }
}

/** What a picker's rejection says in the error bar (a refusal as made; anything else: io). */
export function pickFailure(error: unknown): MemscopeError {
  if (error instanceof PickRefused) return error.error;
  return { code: 'io', message: `could not open the file: ${error instanceof Error ? error.message : String(error)}` };
}

export const ACCEPT: Record<PickKind, string> = {
  module: '.wasm,application/wasm,.js,.mjs,.cjs',
  sequence: '.wseq,.txt,text/plain',
  image: '.wasm,.core,.msnap,.bin',
};

export async function readFileData(file: File): Promise<FileData> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** A module's file, with the glue picked or dropped beside it (FileData.glue). */
export async function readModuleData(file: File, glue?: File): Promise<FileData> {
  const data = await readFileData(file);
  if (glue) data.glue = await readFileData(glue);
  return data;
}

/**
 * Resolves null when the person cancels the picker; rejects with PickRefused when what was
 * picked cannot be opened (two modules; a file the browser cannot read), which used to open the
 * first module or look like a cancel, without a word.
 */
export function pickBrowserFile(kind: PickKind): Promise<FileData | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT[kind];
    input.style.display = 'none';
    input.dataset.testid = `file-input-${kind}`;
    const done = (value: FileData | null) => {
      input.remove();
      resolve(value);
    };
    const refuse = (code: MemscopeError['code'], message: string) => {
      input.remove();
      reject(new PickRefused({ code, message }));
    };
    // A module may be picked with its Emscripten glue (both selected): the glue rides along.
    input.multiple = kind === 'module';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      const conflict = kind === 'module' ? dropConflict(files, 'picked') : null;
      if (conflict) return refuse('usage', conflict);
      const { wasm, glue } = kind === 'module' ? splitDrop(files) : {};
      const file = wasm ?? files[0];
      if (!file) return done(null);
      readModuleData(file, glue).then(done, (error: Error) => refuse('io', `cannot read ${JSON.stringify(file.name)}${glue ? ` or ${JSON.stringify(glue.name)}` : ''}: ${error.message}`));
    });
    input.addEventListener('cancel', () => done(null));
    document.body.append(input);
    input.click();
  });
}

export function downloadFile(file: FileData): boolean {
  const blob = new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.dataset.testid = 'download-link';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

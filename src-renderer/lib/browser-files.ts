// Files in a plain browser: open through a hidden <input type=file>, save as a download.

import type { FileData, PickKind } from '../../src-main/shared/contract.ts';
import { splitDrop } from './drop-files.ts';

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

/** Resolves null when the person cancels the picker. */
export function pickBrowserFile(kind: PickKind): Promise<FileData | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT[kind];
    input.style.display = 'none';
    input.dataset.testid = `file-input-${kind}`;
    const done = (value: FileData | null) => {
      input.remove();
      resolve(value);
    };
    // A module may be picked with its Emscripten glue (both selected): the glue rides along.
    input.multiple = kind === 'module';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      const { wasm, glue } = kind === 'module' ? splitDrop(files) : {};
      const file = wasm ?? files[0];
      if (file) readModuleData(file, glue).then(done, () => done(null));
      else done(null);
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

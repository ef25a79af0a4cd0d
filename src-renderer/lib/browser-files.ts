// Files in a plain browser: open through a hidden <input type=file>, save as a download.

import type { FileData, PickKind } from '../../src-main/shared/contract.ts';

export const ACCEPT: Record<PickKind, string> = {
  module: '.wasm,application/wasm',
  sequence: '.wseq,.txt,text/plain',
  image: '.wasm,.core,.msnap,.bin',
};

export async function readFileData(file: File): Promise<FileData> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
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
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) readFileData(file).then(done, () => done(null));
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

// IPC channel names shared by the main process and the preload (bundled into both).

export const CHANNEL = {
  /** invoke(name, params) → Result: every contract request. */
  request: 'memscope:request',
  /** invoke(kind) → FileData | null. */
  pickFile: 'memscope:pick-file',
  /** invoke(file) → boolean. */
  saveFile: 'memscope:save-file',
  /** send(name, payload): every contract event, main → renderer. */
  event: 'memscope:event',
} as const;

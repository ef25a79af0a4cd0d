// Collects the import calls a guest call makes (worker side): nested under the open CallRecord,
// which carries them to the controller, and counted (not kept) past a limit per call.

import type { ImportCallRecord } from '../../shared/dto.ts';

/** Import calls kept per guest call; later ones are counted in importsDropped. */
export const MAX_IMPORTS_PER_CALL = 1000;

export class CallRecorder {
  private current: ImportCallRecord[] | null = null;
  private dropped = 0;

  /** Opens a guest call; returns what close() will need. */
  open(): void {
    this.current = [];
    this.dropped = 0;
  }

  /** Closes the open call; returns its import records and how many were dropped. */
  close(): { imports: ImportCallRecord[]; dropped: number } {
    const out = { imports: this.current ?? [], dropped: this.dropped };
    this.current = null;
    this.dropped = 0;
    return out;
  }

  record(record: ImportCallRecord): void {
    if (this.current === null) return;
    if (this.current.length >= MAX_IMPORTS_PER_CALL) {
      this.dropped++;
      return;
    }
    this.current.push(record);
  }
}

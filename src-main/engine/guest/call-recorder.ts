// Collects the import calls a guest call makes (worker side): nested under the open CallRecord,
// which carries them to the controller, and counted (not kept) past a limit per call.
//
// Records are listed in the order the calls began. An import can call back into the guest
// (Emscripten's invoke_* runs a table function), and the imports made inside it end first; a
// slot taken when each call begins keeps the outer call above the ones it led to, and each
// record says how many calls it ran inside (`within`), for the log to indent it under them.

import type { ImportCallRecord } from '../../shared/dto.ts';

/** Import calls kept per guest call; later ones are counted in importsDropped. */
export const MAX_IMPORTS_PER_CALL = 1000;

export class CallRecorder {
  /**
   * `made`: where every import call begun is counted (REQUEST_BEGUN.IMPORTS, shared with the
   * controller, which reads it when it ends the worker and the records here with it); its
   * owner zeroes it as each step begins.
   */
  constructor(private readonly made: Int32Array = new Int32Array(1)) {}

  private current: (ImportCallRecord | null)[] | null = null;
  /** The slots of the calls begun and not yet ended, innermost last (-1: past the limit). */
  private slots: number[] = [];
  private dropped = 0;

  /** Opens a guest call; returns what close() will need. */
  open(): void {
    this.current = [];
    this.slots = [];
    this.dropped = 0;
  }

  /** Closes the open call; returns its import records and how many were dropped. */
  close(): { imports: ImportCallRecord[]; dropped: number } {
    // A call still open here never ended (the worker is going away): it has no record.
    const imports = (this.current ?? []).filter((r): r is ImportCallRecord => r !== null);
    const out = { imports, dropped: this.dropped };
    this.current = null;
    this.slots = [];
    this.dropped = 0;
    return out;
  }

  /** An import call begins: its record's place. */
  begin(): void {
    if (this.current === null) return;
    this.made[0]!++;
    if (this.current.length >= MAX_IMPORTS_PER_CALL) {
      this.slots.push(-1);
      return;
    }
    this.slots.push(this.current.length);
    this.current.push(null);
  }

  /** The innermost begun call ended with `record`. */
  end(record: ImportCallRecord): void {
    if (this.current === null) return;
    const slot = this.slots.pop();
    if (slot === undefined || slot < 0) this.dropped++;
    else this.current[slot] = this.slots.length > 0 ? { ...record, within: this.slots.length } : record;
  }
}

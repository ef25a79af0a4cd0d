// Requests to show memory from anywhere in the UI (call log rows, region chips, the module
// panel); the memory view is the only consumer and owns address and history.

export interface JumpRequest {
  address: number;
  /** Bytes to outline from the address, e.g. a touched range. */
  length: number;
  /** Increments so the same address can be requested twice. */
  seq: number;
}

class Navigation {
  jump = $state.raw<JumpRequest | null>(null);
  private seq = 0;

  goto(address: number, length = 1): void {
    this.jump = { address, length, seq: ++this.seq };
  }
}

export const navigation = new Navigation();

// Guest memory as the sequence executor sees it while the heap is tracked: every bounds check
// (which every host read and write goes through) also reports the range, so a read or write
// over a freed block can be reported as a use after free.

import { GuestMemory } from '../guest-memory.ts';

export class WatchedMemory extends GuestMemory {
  constructor(memory: GuestMemory, private readonly onAccess: (address: number, length: number) => void) {
    super(memory.memory, memory.unreachable);
  }

  override check(address: number, length: number): void {
    super.check(address, length);
    if (length > 0) this.onAccess(address, length);
  }
}

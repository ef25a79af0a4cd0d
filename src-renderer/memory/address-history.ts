// Back/forward history of visited addresses, like a browser's (a new visit drops the forward list).

export class AddressHistory {
  private entries: number[] = [];
  private index = -1;

  constructor(private readonly limit = 100) {}

  visit(address: number): void {
    if (this.entries[this.index] === address) return;
    this.entries = this.entries.slice(0, this.index + 1);
    this.entries.push(address);
    if (this.entries.length > this.limit) this.entries.shift();
    this.index = this.entries.length - 1;
  }

  get canBack(): boolean {
    return this.index > 0;
  }

  get canForward(): boolean {
    return this.index < this.entries.length - 1;
  }

  back(): number | null {
    return this.canBack ? this.entries[--this.index] : null;
  }

  forward(): number | null {
    return this.canForward ? this.entries[++this.index] : null;
  }
}

import { describe, expect, it } from 'vitest';
import { AddressHistory } from './address-history.ts';

describe('AddressHistory', () => {
  it('goes back and forward and drops the forward list on a new visit', () => {
    const h = new AddressHistory();
    h.visit(1);
    h.visit(2);
    h.visit(3);
    expect(h.back()).toBe(2);
    expect(h.back()).toBe(1);
    expect(h.back()).toBeNull();
    expect(h.forward()).toBe(2);
    h.visit(9);
    expect(h.canForward).toBe(false);
    expect(h.back()).toBe(2);
  });
  it('ignores repeats and keeps a bounded list', () => {
    const h = new AddressHistory(3);
    for (const a of [1, 1, 2, 3, 4]) h.visit(a);
    expect(h.back()).toBe(3);
    expect(h.back()).toBe(2);
    expect(h.canBack).toBe(false);
  });
});

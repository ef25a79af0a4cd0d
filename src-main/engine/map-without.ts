// Deleting from a Map that a step empties and the next one fills again, without V8's shrink.

/**
 * `map` without `key`: a new empty Map when `key` was its only entry, else `map` with it deleted.
 * Why: V8's Map.delete shrinks the table when it leaves the Map (nearly) empty, in its runtime,
 * and allocates the new table where the Map lives. A long-lived Map (old generation) that a
 * step empties (the ledger's live and freed blocks, the live allocs of the regions) allocated
 * a table in the old generation at every such delete, which grew it page by page: ~2% of a
 * recorded run's time in the shrink and its page faults, each ~10 µs on this kind of VM. A new
 * Map is young and cheap to make, and the old one's table goes with it.
 */
export function mapWithout<K, V>(map: Map<K, V>, key: K): Map<K, V> {
  if (map.size === 1 && map.has(key)) return new Map<K, V>();
  map.delete(key);
  return map;
}

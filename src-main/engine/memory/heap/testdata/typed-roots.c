// Statics whose DWARF types say whether a word in them may hold an address (typed-roots.test.ts):
// `table`'s entries are shorts, so a word of two of them that happens to equal a block's address
// keeps nothing; `kept` (a pointer) and `cookie` (a 32-bit integer, as uintptr_t may hold an address)
// keep the block they hold.
#include <stdint.h>
#include <stdlib.h>

uint16_t table[32];
void *kept;
uintptr_t cookie;

/** A block only `table`'s entries spell: half i of the address at table[at + i], as a table of shorts. */
uintptr_t spell(unsigned at, unsigned size) {
  uintptr_t p = (uintptr_t)malloc(size);
  for (unsigned i = 0; i < 2; i++) table[at + i] = (uint16_t)(p >> (16 * i));
  return p;
}

void *keep(unsigned size) { return kept = malloc(size); }

uintptr_t hide(unsigned size) { return cookie = (uintptr_t)malloc(size); }

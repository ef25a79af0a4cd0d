// A C struct with padding, filled by the guest at a host-allocated pointer and read back by the host.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

// Natural alignment on wasm32: each field starts at a multiple of its own size, and the struct's
// size is a multiple of its largest alignment (8, for the double).
//
//   offset  0  4  8                16 17                      29    32
//           +--+--+-----------------+--+-----------------------+-----+
//           |x |y |  weight (f64)   |t | name[12]              | pad |
//           +--+--+-----------------+--+-----------------------+-----+
struct point {
  int32_t x;
  int32_t y;
  double weight;
  uint8_t tag;
  char name[12];
};
_Static_assert(offsetof(struct point, weight) == 8, "weight at 8");
_Static_assert(offsetof(struct point, tag) == 16, "tag at 16");
_Static_assert(offsetof(struct point, name) == 17, "name at 17");
_Static_assert(sizeof(struct point) == 32, "3 bytes of tail padding");

// The host asks for the size instead of hard-coding it, then mallocs that many bytes.
__attribute__((export_name("point_size")))
uint32_t point_size(void) { return sizeof(struct point); }

// Fills *p. The host owns p (it malloc'ed it and frees it); the guest only writes into it.
// weight = x + y / 2, so (3, 4) gives exactly 5.0; name is NUL-padded to 12 bytes.
__attribute__((export_name("point_init")))
void point_init(struct point *p, int32_t x, int32_t y, uint8_t tag) {
  p->x = x;
  p->y = y;
  p->weight = x + y / 2.0;
  p->tag = tag;
  memset(p->name, 0, sizeof p->name);
  memcpy(p->name, "corner", 6);
}

// Reads a point the host may have changed: |x| + |y|.
__attribute__((export_name("point_manhattan")))
int32_t point_manhattan(const struct point *p) {
  int32_t ax = p->x < 0 ? -p->x : p->x;
  int32_t ay = p->y < 0 ? -p->y : p->y;
  return ax + ay;
}

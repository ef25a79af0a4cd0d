// A WASI command using stdin, an environment variable, the clock and random bytes.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// What the program saw, kept in static memory for the host to read after _start:
//
//   0        4        8                 16                24
//   +--------+--------+-----------------+-----------------+
//   | lines  | bytes  | realtime_ns u64 | random[8]       |
//   +--------+--------+-----------------+-----------------+
struct io_state {
  uint32_t lines;        // lines read from stdin
  uint32_t bytes;        // bytes read from stdin
  uint64_t realtime_ns;  // clock_gettime(CLOCK_REALTIME) at start, in nanoseconds
  uint8_t random[8];     // getentropy(): 8 bytes from random_get
};
_Static_assert(sizeof(struct io_state) == 24, "io_state is 24 bytes");

static struct io_state state;

__attribute__((export_name("io_state")))
struct io_state *io_state(void) { return &state; }

int main(void) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  state.realtime_ns = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
  getentropy(state.random, sizeof state.random);

  // No environment is visible unless the host grants it (`env "GREETING=hi"`).
  const char *greeting = getenv("GREETING");
  if (greeting == NULL) greeting = "(no GREETING)";

  // Echo each stdin line upper-cased, prefixed by the greeting.
  char line[256];
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t n = strlen(line);
    state.lines++;
    state.bytes += n;
    for (size_t i = 0; i < n; i++) line[i] = (char)toupper((unsigned char)line[i]);
    fputs(greeting, stdout);
    fputs(": ", stdout);
    fputs(line, stdout);
  }
  fflush(stdout);
  return 0;
}

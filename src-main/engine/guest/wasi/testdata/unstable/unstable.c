// A command calling the legacy `wasi_unstable` namespace (WASI snapshot 0), as modules built
// with wasi-libc and Rust before the preview1 rename do: no libc, the imports declared here.
// Writes a line, seeks stdout with snapshot 0's whence numbering, then exits with code 3.
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("wasi_unstable"), import_name(#name)))

typedef struct { const void *buf; uint32_t len; } ciovec;

IMPORT(fd_write) uint16_t fd_write(uint32_t fd, const ciovec *iovs, uint32_t n, uint32_t *written);
IMPORT(fd_seek) uint16_t fd_seek(uint32_t fd, int64_t offset, uint8_t whence, uint64_t *pos);
IMPORT(args_sizes_get) uint16_t args_sizes_get(uint32_t *argc, uint32_t *size);
IMPORT(proc_exit) _Noreturn void proc_exit(uint32_t code);

static char line[] = "hello from wasi_unstable, argc=?\n";

void _start(void) {
  uint32_t argc = 0, size = 0, written = 0;
  uint64_t pos = 0;
  args_sizes_get(&argc, &size);
  line[sizeof line - 3] = (char)('0' + argc % 10);
  ciovec iov = {line, sizeof line - 1};
  fd_write(1, &iov, 1, &written);
  // whence 0 is CUR in snapshot 0 (SET in preview1): stdout cannot seek either way (SPIPE 70).
  uint16_t err = fd_seek(1, 0, 0, &pos);
  proc_exit(err == 70 ? 3 : 4);
}

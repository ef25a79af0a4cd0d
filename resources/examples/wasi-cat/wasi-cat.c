// A WASI command like cat(1): copies each file named on the command line to stdout.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// The last chunk read stays in this buffer after main returns, so the host can inspect it:
// cat_buffer() gives its address, cat_total() the number of bytes copied to stdout in all.
static char buffer[4096];
static uint32_t total;

__attribute__((export_name("cat_buffer")))
char *cat_buffer(void) { return buffer; }

__attribute__((export_name("cat_total")))
uint32_t cat_total(void) { return total; }

// Writes "wasi-cat: <path>: <reason>\n" to stderr in one piece: stderr is unbuffered, so
// separate fputs calls would each become their own fd_write.
static void complain(const char *path, const char *reason) {
  static char line[512];
  line[0] = '\0';
  strncat(line, "wasi-cat: ", sizeof line - 1);
  strncat(line, path, sizeof line - 1 - strlen(line));
  strncat(line, ": ", sizeof line - 1 - strlen(line));
  strncat(line, reason, sizeof line - 1 - strlen(line));
  strncat(line, "\n", sizeof line - 1 - strlen(line));
  fputs(line, stderr);
}

// Copies one file to stdout; 0 on success, 1 (with a message on stderr) when it cannot be read.
static int cat_file(const char *path) {
  // fopen goes through wasi-libc's preopen table: a path outside every preopened directory
  // fails with ENOTCAPABLE before any path_open reaches the host.
  FILE *file = fopen(path, "rb");
  if (file == NULL) {
    complain(path, strerror(errno));
    return 1;
  }
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
    fwrite(buffer, 1, n, stdout);
    total += n;
  }
  fclose(file);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: wasi-cat FILE...\n", stderr);
    return 2;
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    status |= cat_file(argv[i]);
    // Flush after each file so stdout and stderr reach the host in the order they happened.
    fflush(stdout);
  }
  return status;
}

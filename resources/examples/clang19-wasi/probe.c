// A WASI command in C whose argv[1] picks a case: the cases (and output) wazero runs against
// every toolchain, plus two that call preview1 directly the way Zig's and TinyGo's std do.
//   ls DIR [repeat]   one "./NAME" line per entry; ENOTDIR when DIR is a file
//   stat              whether fds 0-3 are terminals
//   cat FILE          the file's bytes to stdout
//   args              argv and the environment, one per line
//   sleepmillis N     nanosleep N ms, then OK
//   poll [S] [MS]     STDIN if fd 0 is readable within S seconds + MS ms, else NOINPUT
//   zigcat PATH       path_open(fd 3, PATH) with PATH passed as is (Zig passes "/x" absolute)
//   dirfile PATH      path_open without O_DIRECTORY, then fd_readdir: TinyGo's os.Open + Readdirnames
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;

static void ls(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    if (errno == ENOTDIR) printf("ENOTDIR\n");
    else printf("%s\n", strerror(errno));
    return;
  }
  for (struct dirent *e = readdir(d); e; e = readdir(d)) printf("./%s\n", e->d_name);
  closedir(d);
}

static int cat(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "cat %s: %s\n", path, strerror(errno));
    return 1;
  }
  char buf[256];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
  fclose(f);
  return 0;
}

static void poll_stdin(int secs, int millis) {
  fd_set rfds;
  FD_ZERO(&rfds);
  FD_SET(0, &rfds);
  struct timeval tv = {secs, millis * 1000};
  int ready = select(1, &rfds, NULL, NULL, &tv);
  printf(ready > 0 && FD_ISSET(0, &rfds) ? "STDIN\n" : "NOINPUT\n");
}

static void sleep_millis(int millis) {
  struct timespec t = {0, millis * 1000000L}, rest;
  printf(nanosleep(&t, &rest) < 0 ? "ERR\n" : "OK\n");
}

// Opens PATH relative to fd 3 exactly as given (no wasi-libc preopen matching), prints it.
static int zig_cat(const char *path) {
  __wasi_fd_t fd;
  __wasi_errno_t err = __wasi_path_open(3, 0, path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd);
  if (err) {
    printf("path_open %s: errno %d\n", path, err);
    return 1;
  }
  char buf[256];
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
  size_t n = 0;
  while (__wasi_fd_read(fd, (const __wasi_iovec_t *)&iov, 1, &n) == 0 && n > 0) fwrite(buf, 1, n, stdout);
  (void)__wasi_fd_close(fd);
  return 0;
}

// Lists PATH with fd_readdir after opening it without O_DIRECTORY, printing the errno.
static void dir_file(const char *path) {
  __wasi_fd_t fd;
  __wasi_errno_t err = __wasi_path_open(3, 0, path, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_READDIR, 0, 0, &fd);
  if (err) {
    printf("path_open: errno %d\n", err);
    return;
  }
  uint8_t buf[128];
  __wasi_size_t used = 0;
  err = __wasi_fd_readdir(fd, buf, sizeof buf, 0, &used);
  printf("fd_readdir: errno %d%s\n", err, err == __WASI_ERRNO_BADF ? " (EBADF)" : err == __WASI_ERRNO_NOTDIR ? " (ENOTDIR)" : "");
  (void)__wasi_fd_close(fd);
}

int main(int argc, char **argv) {
  const char *cmd = argc > 1 ? argv[1] : "";
  const char *a2 = argc > 2 ? argv[2] : "";
  if (!strcmp(cmd, "ls")) {
    ls(a2);
    if (argc > 3 && !strcmp(argv[3], "repeat")) ls(a2);
  } else if (!strcmp(cmd, "stat")) {
    const char *names[] = {"stdin", "stdout", "stderr", "/"};
    for (int fd = 0; fd < 4; fd++) printf("%s isatty: %s\n", names[fd], isatty(fd) ? "true" : "false");
  } else if (!strcmp(cmd, "cat")) {
    return cat(a2);
  } else if (!strcmp(cmd, "args")) {
    for (int i = 0; i < argc; i++) printf("arg %s\n", argv[i]);
    for (char **e = environ; *e; e++) printf("env %s\n", *e);
  } else if (!strcmp(cmd, "sleepmillis")) {
    sleep_millis(atoi(a2));
  } else if (!strcmp(cmd, "poll")) {
    poll_stdin(atoi(a2), argc > 3 ? atoi(argv[3]) : 0);
  } else if (!strcmp(cmd, "zigcat")) {
    return zig_cat(a2);
  } else if (!strcmp(cmd, "dirfile")) {
    dir_file(a2);
  } else {
    fprintf(stderr, "unknown command: %s\n", cmd);
    return 1;
  }
  return 0;
}

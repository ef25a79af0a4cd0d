// WASI probe for the preview1 tests: argv[1] picks one behaviour, results go to stdout.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;

// Raw imports, to call functions wasi-libc does not expose or to pass bogus pointers.
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int32_t raw_proc_raise(int32_t sig);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("random_get")))
int32_t raw_random_get(int32_t buf, int32_t len);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t n, int32_t nwritten);

static int cmd_args(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("arg %s\n", argv[i]);
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  return 0;
}

static int cmd_cat(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { printf("open %s: errno %d\n", path, errno); return 1; }
  char buf[256];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
  fclose(f);
  return 0;
}

static int cmd_write(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) { printf("open %s: errno %d\n", path, errno); return 1; }
  ssize_t n = write(fd, text, strlen(text));
  printf("wrote %zd\n", n);
  close(fd);
  return 0;
}

static int cmd_ls(const char *path) {
  DIR *d = opendir(path);
  if (!d) { printf("opendir %s: errno %d\n", path, errno); return 1; }
  struct dirent *e;
  while ((e = readdir(d))) printf("%s %d\n", e->d_name, e->d_type);
  closedir(d);
  return 0;
}

// mkdir, rename, unlink, rmdir, seek, stat under a writable directory; prints every result.
static int cmd_fsops(const char *dir) {
  char a[256], b[256], sub[256];
  snprintf(a, sizeof a, "%s/a.txt", dir);
  snprintf(b, sizeof b, "%s/b.txt", dir);
  snprintf(sub, sizeof sub, "%s/sub", dir);
  printf("mkdir %d\n", mkdir(sub, 0755) == 0 ? 0 : errno);
  cmd_write(a, "0123456789");
  int fd = open(a, O_RDWR);
  printf("lseek %lld\n", (long long)lseek(fd, 4, SEEK_SET));
  char buf[4] = {0};
  printf("read %zd %.3s\n", read(fd, buf, 3), buf);
  printf("tell %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("end %lld\n", (long long)lseek(fd, -2, SEEK_END));
  printf("pread %zd\n", pread(fd, buf, 2, 0));
  close(fd);
  fd = open(a, O_WRONLY | O_APPEND);
  printf("append %zd\n", write(fd, "AB", 2));
  close(fd);
  struct stat st;
  printf("stat %d size %lld\n", stat(a, &st), (long long)st.st_size);
  printf("excl %d\n", open(a, O_WRONLY | O_CREAT | O_EXCL, 0644) < 0 ? errno : 0);
  printf("rename %d\n", rename(a, b) == 0 ? 0 : errno);
  printf("gone %d\n", access(a, F_OK) == 0 ? 0 : errno);
  printf("unlink %d\n", unlink(b) == 0 ? 0 : errno);
  printf("rmdir %d\n", rmdir(sub) == 0 ? 0 : errno);
  return 0;
}

// Denied operations: prints the errno each one gets.
static int cmd_deny(const char *dir, const char *existing) {
  char p[256];
  snprintf(p, sizeof p, "%s/new.txt", dir);
  printf("create %d\n", open(p, O_WRONLY | O_CREAT, 0644) < 0 ? errno : 0);
  printf("writeopen %d\n", open(existing, O_WRONLY) < 0 ? errno : 0);
  printf("unlink %d\n", unlink(existing) == 0 ? 0 : errno);
  snprintf(p, sizeof p, "%s/d", dir);
  printf("mkdir %d\n", mkdir(p, 0755) == 0 ? 0 : errno);
  snprintf(p, sizeof p, "%s/../../etc/passwd", dir);
  printf("dotdot %d\n", open(p, O_RDONLY) < 0 ? errno : 0);
  printf("outside %d\n", open("/etc/passwd", O_RDONLY) < 0 ? errno : 0);
  snprintf(p, sizeof p, "%s/escape", dir);
  printf("symlink %d\n", open(p, O_RDONLY) < 0 ? errno : 0);
  return 0;
}

static int cmd_order(void) {
  // Unbuffered writes straight to the fds, so the host sees exactly this order.
  write(1, "out1\n", 5);
  write(2, "err1\n", 5);
  write(1, "out2\n", 5);
  write(2, "err2\n", 5);
  return 0;
}

static int cmd_clock(void) {
  struct timespec r1, r2, m1, m2;
  clock_gettime(CLOCK_REALTIME, &r1);
  clock_gettime(CLOCK_REALTIME, &r2);
  clock_gettime(CLOCK_MONOTONIC, &m1);
  struct timespec nap = {0, 5000000};
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &m2);
  printf("real %lld.%09ld %lld.%09ld\n", (long long)r1.tv_sec, r1.tv_nsec, (long long)r2.tv_sec, r2.tv_nsec);
  printf("mono %lld.%09ld %lld.%09ld\n", (long long)m1.tv_sec, m1.tv_nsec, (long long)m2.tv_sec, m2.tv_nsec);
  unsigned char rnd[8];
  getentropy(rnd, sizeof rnd);
  printf("random");
  for (int i = 0; i < 8; i++) printf(" %02x", rnd[i]);
  printf("\n");
  __wasi_timestamp_t t;
  printf("badclock %d\n", __wasi_clock_time_get(2, 1, &t));
  return 0;
}

static int cmd_fault(void) {
  printf("random_get %d\n", raw_random_get(0x7ffffff0, 64));
  printf("fd_write %d\n", raw_fd_write(1, 0x7ffffff0, 1, 0x7ffffff8));
  return 0;
}

static int cmd_stdin(void) {
  char buf[64];
  size_t n = fread(buf, 1, sizeof buf - 1, stdin);
  buf[n] = 0;
  printf("stdin %zu [%s]\n", n, buf);
  return 0;
}

int main(int argc, char **argv) {
  const char *cmd = argc > 1 ? argv[1] : "args";
  if (!strcmp(cmd, "args")) return cmd_args(argc, argv);
  if (!strcmp(cmd, "cat") && argc > 2) return cmd_cat(argv[2]);
  if (!strcmp(cmd, "write") && argc > 3) return cmd_write(argv[2], argv[3]);
  if (!strcmp(cmd, "ls") && argc > 2) return cmd_ls(argv[2]);
  if (!strcmp(cmd, "fsops") && argc > 2) return cmd_fsops(argv[2]);
  if (!strcmp(cmd, "deny") && argc > 3) return cmd_deny(argv[2], argv[3]);
  if (!strcmp(cmd, "order")) return cmd_order();
  if (!strcmp(cmd, "clock")) return cmd_clock();
  if (!strcmp(cmd, "fault")) return cmd_fault();
  if (!strcmp(cmd, "stdin")) return cmd_stdin();
  if (!strcmp(cmd, "raise")) { printf("proc_raise %d\n", raw_proc_raise(6)); return 0; }
  if (!strcmp(cmd, "exit") && argc > 2) { printf("exiting\n"); exit(atoi(argv[2])); }
  printf("unknown command %s\n", cmd);
  return 2;
}

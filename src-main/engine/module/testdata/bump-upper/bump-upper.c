// Freestanding C (clang-19, no libc): a bump allocator that never frees, and a function that
// upper-cases text in place. For the starter (starter.test.ts): it names bump_alloc with an
// `allocator` line and calls upper on text it wrote.
extern unsigned char __heap_base;
static unsigned long top = 0;

__attribute__((export_name("bump_alloc")))
void *bump_alloc(unsigned long n) {
  if (!top) top = (unsigned long)&__heap_base;
  void *p = (void *)top;
  top += (n + 7) & ~7ul;
  return p;
}

__attribute__((export_name("upper")))
void upper(char *s, unsigned long len) {
  for (unsigned long i = 0; i < len; i++) if (s[i] >= 'a' && s[i] <= 'z') s[i] -= 32;
}

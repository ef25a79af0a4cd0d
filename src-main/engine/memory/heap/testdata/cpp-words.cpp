// A C++ object over wasi-libc's malloc (ledger-cpp.test.ts): `new Words` and the vector's buffer
// are malloc blocks, the std::strings are short enough to live inside the vector's elements, and
// growing the vector allocates a bigger buffer and frees the old one inside the call. The host
// owns the Words object through its handle and ends it with words_delete; words_join hands back
// a malloc'd buffer the host frees.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct Words {
  std::vector<std::string> items;
};

#define EXPORT(name) extern "C" __attribute__((export_name(#name)))

EXPORT(words_new) Words *words_new() { return new Words(); }
EXPORT(words_add) void words_add(Words *w, const char *s, size_t n) { w->items.emplace_back(s, n); }
EXPORT(words_count) size_t words_count(Words *w) { return w->items.size(); }
// The words joined by spaces, in a buffer the caller frees with free(); its length in *out_len.
EXPORT(words_join) char *words_join(Words *w, size_t *out_len) {
  std::string all;
  for (size_t i = 0; i < w->items.size(); i++) {
    if (i) all += ' ';
    all += w->items[i];
  }
  char *p = (char *)malloc(all.size());
  memcpy(p, all.data(), all.size());
  *out_len = all.size();
  printf("joined %zu words\n", w->items.size());
  fflush(stdout);
  return p;
}
EXPORT(words_delete) void words_delete(Words *w) { delete w; }

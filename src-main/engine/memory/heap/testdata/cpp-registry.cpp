// C++ (libc++ over wasi-libc's malloc) for heap-mark.test.ts: strings owned by a static vector
// of unique_ptrs, still reachable while the vector holds them; forget_one releases the last one
// without deleting it, so the steps after a mark lose a block allocated before it.
#include <memory>
#include <string>
#include <vector>

static std::vector<std::unique_ptr<std::string>> owned;

extern "C" {
__attribute__((export_name("remember"))) void remember(const char *p, unsigned long n) {
  std::string k(p, n);
  k += " (long enough to leave the small-string buffer)";
  owned.push_back(std::make_unique<std::string>(k));
}
__attribute__((export_name("forget_one"))) void forget_one() {
  if (!owned.empty()) { (void)owned.back().release(); owned.pop_back(); }
}
}

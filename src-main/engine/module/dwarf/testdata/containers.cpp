// libc++'s containers in statics, for the container views (containers.test.ts): a vector, a
// short string (its bytes inline), a long one (on the heap), a vector of strings, a unique_ptr.
#include <memory>
#include <string>
#include <vector>

static std::vector<int> nums;
static std::string shortName;
static std::string longName;
static std::vector<std::string> names;
static std::unique_ptr<long long> boxed;

extern "C" __attribute__((export_name("fill"))) int fill(int n) {
  for (int i = 0; i < n; i++) nums.push_back(i * 10);
  shortName = "ada";
  longName = "a string too long for the inline buffer";
  names.push_back("grace");
  boxed.reset(new long long(42));
  return (int)(nums.size() + shortName.size() + longName.size() + names.size());
}

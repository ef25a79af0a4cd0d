// libc++'s containers and smart pointers in statics, for their views (containers.test.ts): a
// vector, a short string (its bytes inline), a long one (on the heap), a vector of strings, a
// unique_ptr, two shared_ptrs and a weak_ptr to one int, a map, a set, an unordered_map, a
// list of strings (one too long for its inline buffer), a forward_list, a deque, a
// string_view, an array, spans of dynamic and fixed extent (C++20), optionals, one left empty,
// variants and a tuple. Each is set in fill(), so -O1 keeps them in memory; a few are not
// static, where -O1 would still split or fold them.
#include <array>
#include <deque>
#include <forward_list>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

static std::vector<int> nums;
static std::string shortName;
static std::string longName;
static std::vector<std::string> names;
static std::unique_ptr<long long> boxed;
static std::shared_ptr<int> shared;
static std::shared_ptr<int> other;
static std::weak_ptr<int> weak;
static std::map<std::string, int> ages;
static std::set<int> primes;
static std::unordered_map<int, int> squares;
static std::list<std::string> words;
static std::forward_list<double> readings;
static std::deque<int> rounds;
// Not static: -O1 drops a static string_view's pointer where it can compute it.
std::string_view view;
// Not static: -O1 would fold a static array written and read only here.
std::array<int, 4> quad;
static std::span<int> window;
// -O1 keeps it as its int and a flag byte it describes through a computation (statics.ts reads
// both as the optional at its address).
static std::optional<int> maybe;
static std::optional<std::string> label;
// Not static: -O1 drops a static optional it never sets.
std::optional<int> never;
std::variant<int, double, std::string> choice;
std::variant<int, double, std::string> number;
std::tuple<int, double, std::string> record;
// A fixed extent has no empty state: it starts on quad.
static std::span<int, 2> pair(quad.data(), 2);

extern "C" __attribute__((export_name("fill"))) int fill(int n) {
  // Read before they are set, so -O1 keeps them in memory: -1 and 0 on the first call.
  int before = maybe.value_or(-1) + (int)label.value_or("").size() + never.value_or(0) +
               (int)choice.index() + (int)number.index() + std::get<0>(record);
  for (int i = 0; i < n; i++) nums.push_back(i * 10);
  shortName = "ada";
  longName = "a string too long for the inline buffer";
  names.push_back("grace");
  boxed.reset(new long long(42));
  shared = std::make_shared<int>(7);
  other = shared;
  weak = shared;
  ages["grace"] = 85;
  ages["ada"] = 36;
  for (int p : {5, 2, 3}) primes.insert(p);
  squares[3] = 9;
  // Past the inline buffer: its node holds a pointer to its bytes on the heap.
  words.push_back("lovelace, the first programmer");
  words.push_front("ada");
  readings.push_front(2.5);
  readings.push_front(0.5);
  // Past its first block of 1,024 ints: a deque of two blocks, the first partly popped.
  for (int i = 0; i < 1030; i++) rounds.push_back(i);
  for (int i = 0; i < 3; i++) rounds.pop_front();
  rounds.push_front(-1);
  view = std::string_view(longName).substr(2, 6);
  quad = {1, 2, 3, n};
  window = std::span<int>(nums.data() + 1, 2);
  // A view over nums's buffer, listed before nums: the buffer is still named by its owner.
  pair = std::span<int, 2>(nums.data(), 2);
  maybe = n;
  label = "ada";
  choice = std::string("grace");
  number = 2.5;
  record = {n, 0.25, "lovelace"};
  return (int)(nums.size() + shortName.size() + longName.size() + names.size() + *other + weak.use_count() +
               ages.size() + primes.size() + squares.size() + words.size() + view.size() + quad[3] + window[0] +
               (int)readings.front() + rounds.size() + pair[1] + before);
}

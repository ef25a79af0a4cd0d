// Collections inside collections and structs, for the nodes of nested collections
// (node-blocks.test.ts): a struct static holding a map of sets and a vector of structs that
// each hold a list, a map whose values are lists, an array of forward_lists, a type that holds
// itself through another (a Branch's Twig holds Branches), and a singleton behind a raw pointer.
#include <array>
#include <forward_list>
#include <list>
#include <map>
#include <set>
#include <string>
#include <vector>

struct Team {
  std::string name;
  std::list<int> scores;
};

struct Registry {
  std::map<std::string, std::set<int>> groups;
  std::vector<Team> teams;
  int version;
};

struct Branch;
struct Twig {
  std::vector<Branch> branches;
};
struct Branch {
  Twig twig;
  std::list<int> leaves;
};

static Registry registry;
static std::map<int, std::list<std::string>> byLength;
static std::array<std::forward_list<int>, 2> lanes;
static Branch tree;
// A singleton on the heap, as many programs keep one: its map's nodes are reached through it.
static Registry *instance;
// A second pointer to it: its nodes keep the name they were found by first.
static Registry *alias;

extern "C" __attribute__((export_name("fill"))) int fill(int n) {
  registry.groups["odd"] = {1, 3};
  registry.groups["even"].insert(2);
  registry.teams.push_back(Team{"ada", {}});
  registry.teams.push_back(Team{"grace", {}});
  registry.teams[1].scores.push_back(n);
  registry.teams[1].scores.push_back(n * 2);
  registry.version = n;
  byLength[3].push_back("ada");
  byLength[5].push_back("grace");
  lanes[1].push_front(7);
  tree.leaves.push_back(1);
  tree.twig.branches.resize(1);
  tree.twig.branches[0].leaves.push_back(2);
  // A level deeper: what DWARF types through the vector's pointer, not the static's own type.
  tree.twig.branches[0].twig.branches.resize(1);
  tree.twig.branches[0].twig.branches[0].leaves.push_back(3);
  instance = new Registry();
  instance->groups["solo"].insert(9);
  alias = instance;
  return (int)(registry.groups.size() + registry.teams.size() + byLength.size()) + lanes[1].front() + (int)tree.twig.branches.size() + (int)alias->groups.size();
}

// C++ new[] and delete[] over libc++'s operator new (patterns.test.ts; build line in build.sh):
// an array of objects with a destructor carries a cookie (its count) before the elements, so
// the pointer the program holds is 4 bytes past the block's start.
#include <cstddef>
#include <cstdint>

struct Node { int value; ~Node() { value = -1; } };

static int *volatile plain;

extern "C" {
__attribute__((export_name("make_ints"))) int *make_ints(int n) { int *p = new int[n]; for (int i = 0; i < n; i++) p[i] = i; return p; }
__attribute__((export_name("drop_ints"))) void drop_ints(int *p) { delete[] p; }
__attribute__((export_name("make_nodes"))) Node *make_nodes(int n) { Node *p = new Node[n]; for (int i = 0; i < n; i++) p[i].value = i; return p; }
__attribute__((export_name("drop_nodes"))) void drop_nodes(Node *p) { delete[] p; }
__attribute__((export_name("one_node"))) Node *one_node() { return new Node{7}; }
__attribute__((export_name("drop_node"))) void drop_node(Node *p) { delete p; }
}

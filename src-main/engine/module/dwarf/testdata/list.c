// A linked list kept in a static, for heap/typed-blocks.test.ts: each node is a heap block the
// one before it points to, typed through `head` by DWARF (`head[0].next[0].next`). Built by build.sh.
#include <stdlib.h>
#include <string.h>

struct node { int value; char *label; struct node *next; };
struct node *head;

__attribute__((export_name("push"))) int push(int value) {
  struct node *n = malloc(sizeof *n);
  n->value = value;
  n->label = strdup("node");
  n->next = head;
  head = n;
  return value;
}

// Multiplies each value by `factor`, from the head on: a watch over a node sees its value
// written, read through `head` (`head[0].next[0].value = 10, was 1`: write-format.ts).
__attribute__((export_name("scale_all"))) void scale_all(int factor) {
  for (struct node *n = head; n; n = n->next) n->value *= factor;
}

// A singly linked list built by the guest in linear memory: the host follows the pointers.
#include <stdint.h>
#include <stdlib.h>

// One node, 8 bytes, malloc'ed by the guest:
//
//   0             4
//   +-------------+-------------+
//   | value i32   | next u32    |  next = 0 ends the list
//   +-------------+-------------+
struct node {
  int32_t value;
  struct node *next;
};
_Static_assert(sizeof(struct node) == 8, "a node is 8 bytes on wasm32");

// list_push(head, value): a new node in front of head; returns the new head (head may be 0).
__attribute__((export_name("list_push")))
struct node *list_push(struct node *head, int32_t value) {
  struct node *n = malloc(sizeof *n);
  n->value = value;
  n->next = head;
  return n;
}

// list_sum(head): the sum of all values, walking next pointers until 0.
__attribute__((export_name("list_sum")))
int32_t list_sum(const struct node *head) {
  int32_t sum = 0;
  for (; head != NULL; head = head->next) sum += head->value;
  return sum;
}

// list_free(head): frees every node. The guest allocated them, so the guest frees them.
__attribute__((export_name("list_free")))
void list_free(struct node *head) {
  while (head != NULL) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
}

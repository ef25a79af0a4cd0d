// Statics of each kind the debug adapter's Variables view reads and sets (kinds.test.ts).
// Build: clang-19 --target=wasm32-wasi -g -O0 -mexec-model=reactor -Wl,--export=malloc,--export=free -o kinds.wasm kinds.c
#include <stdlib.h>
#include <string.h>

struct flags { unsigned ready : 1; signed level : 3; unsigned mode : 4; };
union word { int i; float f; unsigned char b[4]; };
enum color { RED, GREEN = 5, BLUE };
struct empty {};
struct point { int x; int y; };

int big[10000];
struct flags fl = { 1, -2, 9 };
union word w = { .i = 0x3f800000 };
enum color col = GREEN;
struct empty nothing;
struct point pt = { 1, 2 };
struct point *nullp;
struct point *pastp;
int *freedp;
char name[8] = "ada";
unsigned short us = 7;
float ratio = 1.5f;
double dbl = 2.25;
long long wide = -5;
unsigned char uc = 200;
char *text = "hello";

// Every static reachable from an export, so the linker keeps each one.
__attribute__((export_name("addresses"))) int addresses(void) {
  return (int)big + (int)&fl + (int)&w + (int)&col + (int)&nothing + (int)&pt + (int)&nullp + (int)&pastp
    + (int)&freedp + (int)name + (int)&us + (int)&ratio + (int)&dbl + (int)&wide + (int)&uc + (int)&text;
}

__attribute__((export_name("setup"))) int setup(void) {
  for (int i = 0; i < 10000; i++) big[i] = i;
  pastp = &pt + 1;
  freedp = malloc(16);
  *freedp = 42;
  free(freedp);
  return 0;
}

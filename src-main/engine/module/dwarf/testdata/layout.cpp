// Statics whose bytes have parts, for dwarf/layout.test.ts: nested structs, an array of structs,
// a C11-style anonymous union, bit fields, a base class, and a struct with more parts than a
// layout keeps (MAX_LAYOUT_PARTS), and a pointer to a list node. No standard library.
struct vec2 { float x, y; };
struct body { vec2 at; vec2 speed[2]; unsigned char tag; };
body bodies[3];

struct flags { unsigned ready : 1; unsigned mode : 3; unsigned short count; };
flags state;

struct value {
  int kind;
  union { int i; double d; char bytes[8]; };
};
value slot;

struct shape { int id; };
struct circle : shape { float r; };
circle ring;
shape *any_shape = &ring;  // a base class pointer: what it points at may be a circle, not shapes

// A short or a long text, as libc++'s string keeps its characters: a pointer only in the second.
union text { char small[8]; struct { char *data; int length; } big; };
text message;

struct node { int value; node *next; };
node *head;  // a pointer to a self-referential struct: its pointee's own pointer carries none

struct wide { int cells[64][5]; };
wide big;

#define TEN(p) int p##0, p##1, p##2, p##3, p##4, p##5, p##6, p##7, p##8, p##9;
#define HUNDRED(p) TEN(p##0) TEN(p##1) TEN(p##2) TEN(p##3) TEN(p##4) TEN(p##5) TEN(p##6) TEN(p##7) TEN(p##8) TEN(p##9)
struct many { HUNDRED(a) HUNDRED(b) HUNDRED(c) };
many lots;

// An enum with a negative enumerator, alone and as a member of an array of structs.
enum phase { IDLE, RUNNING = 2, FAILED = -1 };
phase current = RUNNING;
struct task { phase at; int id; };
task tasks[2] = {{FAILED, 1}, {IDLE, 2}};

// A flags enum: each enumerator its own bit, a value their OR (and a bit none names).
enum access { NO_ACCESS = 0, READ = 1, WRITE = 2, EXEC = 4 };
access perms = READ;
access odd = EXEC;

extern "C" __attribute__((export_name("touch"))) int touch() {
  bodies[1].speed[1].y = 2.5f;
  state.mode = 5;
  slot.d = 1.0;
  ring.id = 7;
  any_shape = any_shape ? any_shape : &ring;
  big.cells[3][4] = 1;
  lots.c99 = 2;
  head = head ? head->next : 0;
  message.big.length = 3;
  current = FAILED;
  tasks[1].at = (phase)7;  // no enumerator has this value
  perms = (access)(READ | WRITE);
  odd = (access)(EXEC | 8);
  return state.count + ring.id + slot.kind + big.cells[0][0];
}

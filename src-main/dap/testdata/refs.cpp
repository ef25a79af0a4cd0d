// C++ references the CLI's statics and the Variables view read as their address and the object
// they name: plain, through a typedef (whose name has no `&` to tell it by), and as members.
// Build: clang++-19 --target=wasm32-wasi -g -O0 -fno-exceptions -mexec-model=reactor -o refs.wasm refs.cpp
using IntRef = int &;
struct Pair { int a; int b; };
using PairRef = const Pair &;

int count = 7;
Pair pair = { 1, 2 };
// `used`: uses of a constant reference are folded to the object, and the linker drops it.
__attribute__((used)) int &plain = count;
__attribute__((used)) IntRef named = count;
__attribute__((used)) PairRef whole = pair;
struct Holder { IntRef n; int &&moved; };
int spare = 5;
Holder holder = { count, static_cast<int &&>(spare) };

extern "C" __attribute__((export_name("bump"))) int bump() {
  named += 1;
  pair.b = 40;
  return plain + whole.a + holder.n + holder.moved;
}

// bump(times): per turn, i's store, then total.a's, then total.b's: three writes a watch on
// total and one on the local i see interleaved (reverse-watch-sets.test.ts).
struct acc { int a; int b; };

struct acc total;

__attribute__((export_name("bump"))) void bump(int times) {
  for (int i = 0; i < times; i++) {
    total.a += i;
    total.b = total.a * 2;
  }
}

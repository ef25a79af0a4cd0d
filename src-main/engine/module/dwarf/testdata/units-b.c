// The second unit of units-dwarf5.wasm (see units-a.c).
int beta_total = 2;
long beta_other = 3;
int second_value(void) { return beta_total + (int)beta_other; }

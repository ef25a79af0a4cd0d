// More statics than the DAP's Statics scope lists at one level (dap.test.ts): 210 ints,
// g100 … g309, each holding its own number, all summed by sum() so the linker keeps them.
#define S(n) int g##n = n;
#define T(n) S(n##0) S(n##1) S(n##2) S(n##3) S(n##4) S(n##5) S(n##6) S(n##7) S(n##8) S(n##9)
#define H(n) T(n##0) T(n##1) T(n##2) T(n##3) T(n##4) T(n##5) T(n##6) T(n##7) T(n##8) T(n##9)
H(1) H(2) T(30)

#undef S
#define S(n) +g##n
__attribute__((export_name("sum"))) int sum(void) { return 0 H(1) H(2) T(30); }

// A data breakpoint on a page the guest grows (grow-page.test.ts): set after the grow, kept when
// the run goes back to before it and the client sends its list again, stopping at the write.
// Build: clang-19 --target=wasm32-wasi -g -O0 -mexec-model=reactor -o grow-page.wasm grow-page.c

// Two 64 KiB pages to start with; grow(1) adds a third, [0x20000, 0x30000).
__attribute__((export_name("grow"))) int grow(int pages) {
  return __builtin_wasm_memory_grow(0, pages);
}

// Writes v into the page grow(1) added.
__attribute__((export_name("poke_new_page"))) void poke_new_page(int v) {
  *(volatile int *)0x20064 = v;
}

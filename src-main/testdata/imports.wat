;; A module that imports its memory, a table and a global and exports none of them, as
;; Emscripten's side modules and `-Wl,--import-memory` builds do: `put` stores at an address,
;; `sum` adds the imported global's value (0 as Memscope makes it) and the table's size.
(module
  (import "env" "memory" (memory 1 4))
  (import "env" "__indirect_function_table" (table 2 funcref))
  (import "env" "__memory_base" (global $base i32))
  (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "sum") (result i32) (i32.add (global.get $base) (table.size 0))))

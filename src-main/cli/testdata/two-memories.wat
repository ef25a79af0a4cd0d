;; Two memories (multi-memory), which the V8 Memscope runs on refuses: `inspect` says so, and where.
(module (memory (export "a") 1) (memory (export "b") 1))

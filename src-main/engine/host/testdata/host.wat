;; Test module for the runtime: WASI stdio and exit, environment, an unresolved import, AssemblyScript
;; abort/trace, and memory growth. Build: wat2wasm host.wat -o host.wasm (wabt 1.0.32; see README).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  ;; Nothing provides env.mystery: the runtime stubs it (returns 0) or, in strict mode, refuses.
  (import "env" "mystery" (func $mystery (param i32) (result i32)))
  ;; Bound to the builtins by the tests' import bindings.
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "trace" (func $trace (param i32 i32 f64 f64 f64 f64 f64)))

  (memory (export "memory") 1)

  ;; iovecs at 0 (3 x {buf, len}); text at 64..
  ;;   64 "out1\n"   80 "err1\n"   96 "out2\n"
  (data (i32.const 0) "\40\00\00\00\05\00\00\00\50\00\00\00\05\00\00\00\60\00\00\00\05\00\00\00")
  (data (i32.const 64) "out1\n")
  (data (i32.const 80) "err1\n")
  (data (i32.const 96) "out2\n")
  ;; AssemblyScript strings: u32 byte length at ptr-4, then UTF-16LE.
  ;;   at 204: length 8, at 208: "boom"   at 220: length 10, at 224: "as.ts"
  (data (i32.const 204) "\08\00\00\00b\00o\00o\00m\00")
  (data (i32.const 220) "\0a\00\00\00a\00s\00.\00t\00s\00")

  ;; chatter(): stdout, stderr, stdout, in that order, one fd_write each (nwritten at 128).
  (func (export "chatter")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 128)))
    (drop (call $fd_write (i32.const 2) (i32.const 8) (i32.const 1) (i32.const 128)))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 128))))

  ;; quit(code): proc_exit(code); never returns.
  (func (export "quit") (param $code i32)
    (call $proc_exit (local.get $code)))

  ;; env_count(): how many environment variables the guest sees.
  (func (export "env_count") (result i32)
    (drop (call $environ_sizes_get (i32.const 136) (i32.const 140)))
    (i32.load (i32.const 136)))

  ;; use_mystery(x): mystery(x) + 1 (1 when stubbed).
  (func (export "use_mystery") (param $x i32) (result i32)
    (i32.add (call $mystery (local.get $x)) (i32.const 1)))

  ;; fail(): AssemblyScript abort("boom", "as.ts", 7, 3).
  (func (export "fail")
    (call $abort (i32.const 208) (i32.const 224) (i32.const 7) (i32.const 3)))

  ;; say(): AssemblyScript trace("boom", 2, 1.5, 2.5, 0, 0, 0).
  (func (export "say")
    (call $trace (i32.const 208) (i32.const 2) (f64.const 1.5) (f64.const 2.5) (f64.const 0) (f64.const 0) (f64.const 0)))

  ;; grow(pages): memory.grow; the old size in pages, or -1 when refused.
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))

  ;; poke(addr, value): stores a byte (so a step has a change to record).
  (func (export "poke") (param $addr i32) (param $value i32)
    (i32.store8 (local.get $addr) (local.get $value)))
)

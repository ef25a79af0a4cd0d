;; Wasm exceptions (the exception-handling proposal, as C++ with -fwasm-exceptions throws them)
;; that reach the host: through a tag the module imports (env.__cpp_exception, which the host
;; must supply), one it exports, and one it keeps to itself; and one it throws and catches.
;; Built with `wat2wasm --enable-exceptions`.
(module
  (import "env" "__cpp_exception" (tag $cpp (param i32)))
  (tag $oops (export "oops") (param i32 i64))
  (tag $own (param i32))
  (memory (export "memory") 1)
  (func (export "throw_imported") (param i32) (throw $cpp (local.get 0)))
  (func (export "throw_exported") (param i32) (throw $oops (local.get 0) (i64.const 99)))
  (func $throw_own (export "throw_own") (param i32) (throw $own (local.get 0)))
  ;; Throws its own tag and catches it: the caught value plus 100.
  (func (export "catch_own") (param i32) (result i32)
    (try (result i32)
      (do (call $throw_own (local.get 0)) (i32.const 0))
      (catch $own (i32.add (i32.const 100))))))

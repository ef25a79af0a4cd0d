;; Float results of -0: the call's row, the binding and --json must each keep the sign.
;; Built with: wat2wasm negative-zero.wat -o negative-zero.wasm
(module
  (func (export "negz") (result f64) f64.const -0)
  (func (export "negzf") (result f32) f32.const -0))

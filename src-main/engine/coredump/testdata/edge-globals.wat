;; Globals whose values a JS number cannot carry exactly, for the coredump round trip
;; (coredump.test.ts). `set` stores them at run time, so only a live read finds them:
;;   f32_snan   a signalling f32 NaN with payload 0x200001 (a JS number would quiet it)
;;   f64_nan    a negative f64 NaN with payload 0xabc
;;   f32_neg0, f64_neg0   -0 (String(-0) says 0)
;;   i64_min, i64_max     the i64 extremes (beyond a double's 53 bits)
;;   lanes                a v128, which has no JS value at all (Global.value throws)
;; `declared_nan` is private and immutable: the dump takes its declared value, which the
;; module reader keeps as bits.
(module
  (memory (export "memory") 1)
  (global $f32_snan (export "f32_snan") (mut f32) (f32.const 0))
  (global $f64_nan (export "f64_nan") (mut f64) (f64.const 0))
  (global $f32_neg0 (export "f32_neg0") (mut f32) (f32.const 1))
  (global $f64_neg0 (export "f64_neg0") (mut f64) (f64.const 1))
  (global $i64_min (export "i64_min") (mut i64) (i64.const 0))
  (global $i64_max (export "i64_max") (mut i64) (i64.const 0))
  (global $declared_nan f64 (f64.const -nan:0x4))
  (global $lanes (export "lanes") (mut v128) (v128.const i32x4 0 0 0 0))
  (func (export "set")
    (global.set $f32_snan (f32.reinterpret_i32 (i32.const 0x7fa00001)))
    (global.set $f64_nan (f64.reinterpret_i64 (i64.const 0xfff0000000000abc)))
    (global.set $f32_neg0 (f32.const -0))
    (global.set $f64_neg0 (f64.const -0))
    (global.set $i64_min (i64.const 0x8000000000000000))
    (global.set $i64_max (i64.const 0x7fffffffffffffff))
    (global.set $lanes (v128.const i32x4 0x03020100 0x07060504 0x0b0a0908 0x8f0e0d0c))))

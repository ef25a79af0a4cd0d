;; A guest whose output carries terminal control codes, NULs and stderr, for the Output panel
;; (e2e/page2-output.spec.ts). Each export writes one string through WASI fd_write. Built with:
;;   wat2wasm --debug-names page2-controls.wat -o page2-controls.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "earlier line\n")                     ;; 13 bytes
  (data (i32.const 96) "\1bcafter reset\n")                   ;; 14 bytes: ESC c, full reset
  (data (i32.const 128) "\1b[?1049hin alt\n")                 ;; 15 bytes: alternate screen
  (data (i32.const 160) "\1b[2A\1b[1Gover\n")                 ;; 13 bytes: cursor up 2, column 1
  (data (i32.const 192) "\1b[2J\1b[Hcleared?\n")              ;; 16 bytes: erase display, home
  (data (i32.const 224) "ptr\00\00\n")                        ;; 6 bytes: two NULs
  (data (i32.const 256) "oops\nagain\n")                      ;; 11 bytes, to stderr
  (data (i32.const 288) "\1b[32mgreen\1b[0m\n")               ;; 15 bytes: ANSI colour

  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func (export "before") (call $write (i32.const 1) (i32.const 64) (i32.const 13)))
  (func (export "full_reset") (call $write (i32.const 1) (i32.const 96) (i32.const 14)))
  (func (export "alt_screen") (call $write (i32.const 1) (i32.const 128) (i32.const 15)))
  (func (export "cursor_up") (call $write (i32.const 1) (i32.const 160) (i32.const 13)))
  (func (export "erase_all") (call $write (i32.const 1) (i32.const 192) (i32.const 16)))
  (func (export "nuls") (call $write (i32.const 1) (i32.const 224) (i32.const 6)))
  (func (export "err") (call $write (i32.const 2) (i32.const 256) (i32.const 11)))
  (func (export "green") (call $write (i32.const 1) (i32.const 288) (i32.const 15)))
)

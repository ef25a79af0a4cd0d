;; A guest that never returns: spin() loops forever, so the host must stop it from outside.
(module
  (memory (export "memory") 1)

  ;; A recognisable marker at 0 so the memory view has something to show from the start.
  (data (i32.const 0) "infinite-loop demo: spin() never returns")

  ;; fill(ptr, len, byte): memset, so there is fresh data to look at after the guest is stopped.
  (func $fill (export "fill") (param $ptr i32) (param $len i32) (param $byte i32)
    (memory.fill (local.get $ptr) (local.get $byte) (local.get $len)))

  ;; spin(): an empty loop with no exit. Nothing inside the guest can stop it; the host
  ;; terminates the worker thread when the step's time limit runs out.
  (func $spin (export "spin")
    (loop $forever
      (br $forever)))

  ;; spin_counting(): loops forever too, but bumps a u32 counter at address 64 on every turn.
  (func $spin_counting (export "spin_counting")
    (loop $forever
      (i32.store (i32.const 64) (i32.add (i32.load (i32.const 64)) (i32.const 1)))
      (br $forever)))
)

;; The component model's canonical ABI by hand: cabi_realloc, and results through a return area.
(module
  (memory (export "memory") 1)

  ;; The next free byte of a bump allocator. Blocks are never reused; memory grows on demand.
  (global $next (mut i32) (i32.const 4096))

  ;; cabi_realloc(old_ptr, old_size, align, new_size) -> ptr
  ;; The one allocator a canonical-ABI module exports. The host calls it with old_ptr = 0 and
  ;; old_size = 0 to allocate (for strings it passes align 1); a non-zero old_ptr reallocates
  ;; by copying min(old_size, new_size) bytes to the new block.
  (func $cabi_realloc (export "cabi_realloc")
    (param $old_ptr i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32) (local $end i32)
    ;; ptr = next rounded up to a multiple of align (align is a power of two)
    (local.set $ptr
      (i32.and
        (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $new_size)))
    ;; grow by whole pages until end fits; unreachable when the engine refuses the growth
    (block $fits
      (loop $more
        (br_if $fits (i32.le_u (local.get $end) (i32.mul (memory.size) (i32.const 65536))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (unreachable)))
        (br $more)))
    (if (local.get $old_ptr)
      (then
        (memory.copy (local.get $ptr) (local.get $old_ptr)
          (select (local.get $old_size) (local.get $new_size)
            (i32.lt_u (local.get $old_size) (local.get $new_size))))))
    (global.set $next (local.get $end))
    (local.get $ptr))

  ;; shout(ptr, len) -> retptr
  ;; Takes a string (ptr, len) and returns a new one: the text upper-cased with "!" appended.
  ;; A string result is two flat values, more than a core function may return under the
  ;; canonical ABI, so the callee writes {ptr, len} into a return area it owns and returns the
  ;; area's address. The return area is static at 1024:
  ;;   1024: u32 ptr of the new string     1028: u32 len
  (func $shout (export "shout") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32) (local $i i32) (local $c i32)
    (local.set $out (call $cabi_realloc (i32.const 0) (i32.const 0) (i32.const 1)
      (i32.add (local.get $len) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $c (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store8 (i32.add (local.get $out) (local.get $len)) (i32.const 33))
    (i32.store (i32.const 1024) (local.get $out))
    (i32.store (i32.const 1028) (i32.add (local.get $len) (i32.const 1)))
    (i32.const 1024))

  ;; cabi_post_shout(retptr): the canonical ABI's post-return hook, called by the host once it
  ;; has copied the result out; the guest may free the result here. A bump allocator frees
  ;; nothing, so this only clears the return area to show it is no longer valid.
  (func $cabi_post_shout (export "cabi_post_shout") (param $retptr i32)
    (i64.store (local.get $retptr) (i64.const 0)))
)

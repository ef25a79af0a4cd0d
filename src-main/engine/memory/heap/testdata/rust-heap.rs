// Rust's heap as a program uses it, for the leak scan and the double-free check (rust-heap.test.ts;
// build lines in build.sh, wasm32-wasi and wasm32-unknown-unknown). rustc -O deletes an
// allocation nothing observable uses, so every block here escapes: `keep` leaks its Vec with
// Box::leak and writes the address into a static with write_volatile (still reachable); `lose`
// forgets a String whose pointer it only writes, volatile, into its own frame (a leak: after the
// call only the free stack points to it). The host allocates and frees through Rust's `alloc`
// and `dealloc(p, size)` exports.
use std::alloc::Layout;
use std::ptr::{addr_of_mut, write_volatile};

static mut KEPT: *mut u32 = std::ptr::null_mut();

#[no_mangle]
pub extern "C" fn alloc(size: usize) -> *mut u8 {
    unsafe { std::alloc::alloc(Layout::from_size_align(size, 1).unwrap()) }
}

#[no_mangle]
pub unsafe extern "C" fn dealloc(p: *mut u8, size: usize) {
    std::alloc::dealloc(p, Layout::from_size_align(size, 1).unwrap())
}

/// A Vec of n words 0..n, leaked as a boxed slice whose address KEPT holds: still reachable.
#[no_mangle]
pub extern "C" fn keep(n: u32) {
    let v: Vec<u32> = (0..n).collect();
    unsafe { write_volatile(addr_of_mut!(KEPT), Box::leak(v.into_boxed_slice()).as_mut_ptr()) };
}

/// A String copied from the host's bytes, forgotten: nothing in use keeps it.
#[no_mangle]
pub unsafe extern "C" fn lose(p: *const u8, len: usize) {
    let s = String::from_utf8_lossy(std::slice::from_raw_parts(p, len)).into_owned();
    let mut sink: *const u8 = std::ptr::null();
    write_volatile(&mut sink, s.as_ptr());
    std::mem::forget(s);
}

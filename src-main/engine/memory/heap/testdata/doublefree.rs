// A double free in unsafe Rust, for the dlmalloc walker's double-free check on the dlmalloc
// crate std uses on wasm32-unknown-unknown (double-free.test.ts; build line in build.sh).
use std::alloc::{alloc, dealloc, Layout};

#[no_mangle]
pub extern "C" fn allocate(size: usize) -> *mut u8 {
    unsafe { alloc(Layout::from_size_align(size, 4).unwrap()) }
}

#[no_mangle]
pub extern "C" fn deallocate(ptr: *mut u8, size: usize) {
    unsafe { dealloc(ptr, Layout::from_size_align(size, 4).unwrap()) }
}

#[no_mangle]
pub extern "C" fn free_twice(ptr: *mut u8, size: usize) {
    deallocate(ptr, size);
    deallocate(ptr, size);
}

#[no_mangle]
pub extern "C" fn free_apart(a: *mut u8, x: *mut u8, size: usize) {
    deallocate(a, size);
    deallocate(x, size);
    deallocate(a, size);
}

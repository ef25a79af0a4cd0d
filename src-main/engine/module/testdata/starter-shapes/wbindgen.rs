// wasm-bindgen's allocator exports written by hand (starter.test.ts): __wbindgen_free takes
// (ptr, size, align), and the text greet hands back, packed as (ptr << 32) | len, is a block the
// host frees with it, as wasm-bindgen's JavaScript glue does.
use std::alloc::{alloc, dealloc, Layout};

#[no_mangle]
pub extern "C" fn __wbindgen_malloc(size: usize, align: usize) -> *mut u8 {
    unsafe { alloc(Layout::from_size_align(size, align).unwrap()) }
}

#[no_mangle]
pub extern "C" fn __wbindgen_free(ptr: *mut u8, size: usize, align: usize) {
    unsafe { dealloc(ptr, Layout::from_size_align(size, align).unwrap()) }
}

#[no_mangle]
pub extern "C" fn greet(ptr: *const u8, len: usize) -> u64 {
    let name = unsafe { std::slice::from_raw_parts(ptr, len) };
    let mut out = b"hi ".to_vec();
    out.extend_from_slice(name);
    let out = out.into_boxed_slice();
    let n = out.len() as u64;
    ((Box::into_raw(out) as *mut u8 as u64) << 32) | n
}

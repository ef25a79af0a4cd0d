//! A Rust library whose allocator pair follows no convention Memscope knows by name:
//! `alloc_buf(len)` / `free_buf(ptr, len)`, the way hand-written hosts' guides often name it.
//! A sequence names them with `allocator alloc_buf free_buf`; `memscope new` guesses that line.

use std::alloc::{alloc, dealloc, Layout};

fn layout(len: usize) -> Layout {
    Layout::from_size_align(len.max(1), 1).unwrap()
}

#[no_mangle]
pub extern "C" fn alloc_buf(len: usize) -> *mut u8 {
    unsafe { alloc(layout(len)) }
}

#[no_mangle]
pub unsafe extern "C" fn free_buf(ptr: *mut u8, len: usize) {
    dealloc(ptr, layout(len))
}

/// Writes {ptr: u32, len: u32} of "Hello, <name>!" (a boxed str: allocated with exactly its length) to `out`.
#[no_mangle]
pub unsafe extern "C" fn greet(name: *const u8, len: usize, out: *mut u32) {
    let name = std::str::from_utf8_unchecked(std::slice::from_raw_parts(name, len));
    let text = format!("Hello, {}!", name).into_boxed_str();
    let n = text.len();
    let ptr = Box::into_raw(text) as *mut u8;
    out.write_unaligned(ptr as u32);
    out.add(1).write_unaligned(n as u32);
}

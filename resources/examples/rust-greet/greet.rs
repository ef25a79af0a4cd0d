//! The seed story in Rust: the host places a name in guest memory with `alloc`, the guest
//! returns a greeting through a result pointer and as a packed i64, and the host gives every
//! block back with `dealloc(ptr, len)` -- Rust's allocator needs the size back on free.

use std::alloc::{alloc as raw_alloc, dealloc as raw_dealloc, Layout};
use std::slice;

/// Blocks are byte arrays with alignment 1, so `dealloc` can rebuild the layout from the size.
fn layout(len: usize) -> Layout {
    Layout::from_size_align(len.max(1), 1).unwrap()
}

/// Allocates `len` bytes the host may fill; returns 0 if the allocator refused.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    unsafe { raw_alloc(layout(len)) }
}

/// Frees a block from `alloc` (or a greeting); `len` must be the size it was allocated with.
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    raw_dealloc(ptr, layout(len))
}

/// "hello, <name>!" in a new block of exactly its length (the caller deallocs it).
unsafe fn greeting(name: *const u8, len: usize) -> (*mut u8, usize) {
    let name = slice::from_raw_parts(name, len);
    let mut text = Vec::with_capacity(len + 8);
    text.extend_from_slice(b"hello, ");
    text.extend_from_slice(name);
    text.push(b'!');
    let out = alloc(text.len());
    out.copy_from(text.as_ptr(), text.len());
    (out, text.len())
}

/// Writes {ptr: u32, len: u32} of the greeting to `ret` (8 bytes the host allocated).
#[no_mangle]
pub unsafe extern "C" fn greet(name: *const u8, len: usize, ret: *mut u32) {
    let (ptr, n) = greeting(name, len);
    ret.write_unaligned(ptr as u32);
    ret.add(1).write_unaligned(n as u32);
}

/// The same greeting as one i64: ptr << 32 | len.
#[no_mangle]
pub unsafe extern "C" fn greet_packed(name: *const u8, len: usize) -> u64 {
    let (ptr, n) = greeting(name, len);
    (ptr as u64) << 32 | n as u64
}

// A Rust library exporting its allocator as alloc(size, align) and dealloc(ptr, size, align), a
// pair no convention names (starter.test.ts): the starter's `allocator alloc dealloc` line, and
// steps that call alloc with the alignment, since a step's alloc(n) is then this export.
use std::alloc::{alloc as raw_alloc, dealloc as raw_dealloc, Layout};

#[no_mangle]
pub extern "C" fn alloc(size: usize, align: usize) -> *mut u8 {
    unsafe { raw_alloc(Layout::from_size_align(size, align).unwrap()) }
}

#[no_mangle]
pub extern "C" fn dealloc(ptr: *mut u8, size: usize, align: usize) {
    unsafe { raw_dealloc(ptr, Layout::from_size_align(size, align).unwrap()) }
}

/// Writes {ptr, len} of a boxed "ferris" through `ret`.
#[no_mangle]
pub extern "C" fn get_name(ret: *mut u32) {
    let name: Box<str> = "ferris".into();
    let len = name.len() as u32;
    let ptr = Box::into_raw(name) as *mut u8 as u32;
    unsafe {
        *ret = ptr;
        *ret.add(1) = len;
    }
}

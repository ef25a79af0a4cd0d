// A Rust guest for the heap walker tests (wasm32-unknown-unknown: std's allocator is the
// `dlmalloc` crate's port of dlmalloc). The host allocates through allocate/deallocate, these
// exports allocate and free inside the guest, and the test knows every requested size.
use std::alloc::{alloc, dealloc, Layout};

#[no_mangle]
pub extern "C" fn allocate(size: usize) -> *mut u8 {
    unsafe { alloc(Layout::from_size_align(size, 1).unwrap()) }
}

#[no_mangle]
pub extern "C" fn deallocate(ptr: *mut u8, size: usize) {
    unsafe { dealloc(ptr, Layout::from_size_align(size, 1).unwrap()) }
}

/// keep(out, n, size): n blocks of size, 2*size, ... bytes, their addresses in out[0..n).
#[no_mangle]
pub extern "C" fn keep(out: *mut u32, n: u32, size: u32) {
    for i in 0..n {
        let bytes = vec![0xabu8; (size * (i + 1)) as usize].into_boxed_slice();
        unsafe { *out.add(i as usize) = Box::into_raw(bytes) as *mut u8 as u32 };
    }
}

/// greeting(): 14 bytes the guest allocates and the host must give back with deallocate(p, 14).
#[no_mangle]
pub extern "C" fn greeting() -> *mut u8 {
    let text: Box<[u8]> = b"hello, memory!".to_vec().into_boxed_slice();
    Box::into_raw(text) as *mut u8
}

// A Rust cdylib that exports no allocator: count() reads bytes the host must place itself.
#[no_mangle]
pub extern "C" fn count(p: *const u8, n: usize) -> usize {
    let s = unsafe { std::slice::from_raw_parts(p, n) };
    s.iter().filter(|&&b| b == b' ').count() + 1
}

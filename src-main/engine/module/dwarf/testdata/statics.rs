// Rust statics in a no_std cdylib (only this crate's debug info: std's would be megabytes).
#![no_std]
use core::sync::atomic::{AtomicU32, Ordering};

static mut COUNTER: u32 = 0;
static HITS: AtomicU32 = AtomicU32::new(0);
#[no_mangle]
pub static GREETING: &str = "hello";

mod inner {
    pub static mut TABLE: [u16; 8] = [0; 8];
}

#[no_mangle]
pub extern "C" fn bump() -> u32 {
    unsafe {
        COUNTER += 1;
        inner::TABLE[(COUNTER & 7) as usize] = COUNTER as u16;
        HITS.fetch_add(1, Ordering::Relaxed) + COUNTER + GREETING.len() as u32
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

// Rust statics whose types the Statics panel spells (statics.test.ts): an array of arrays, which
// rustc describes as nested array types (C's `int g[2][3]` is one type with two bounds), and a
// fn pointer, whose type rustc names itself (`fn(u32) -> u32`). A no_std cdylib, as statics.rs.
#![no_std]

fn twice(a: u32) -> u32 { a * 2 }
fn thrice(a: u32) -> u32 { a * 3 }

#[no_mangle]
pub static mut GRID: [[u8; 3]; 2] = [[1, 2, 3], [4, 5, 6]];
#[no_mangle]
pub static mut OP: fn(u32) -> u32 = twice;

#[no_mangle]
pub extern "C" fn bump() -> u32 {
    unsafe {
        GRID[1][2] = 60;
        OP = thrice;
        OP(GRID[0][1] as u32)
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

// Rust enums as statics, for dwarf/layout.test.ts: a C-like enum, a tagged enum of a tuple, a
// struct and a unit variant, one inside a struct, an Option with a tag of its own and one whose
// None is a niche (a null reference). Which variant the bytes hold, and so what they are, is
// read from the discriminant DWARF names. `touch` moves each to another variant; #[no_mangle] keeps the
// statics (exported) where the optimizer would drop writes nothing reads.
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

pub enum Shape { Circle(f32), Rect { w: u16, h: u16 }, Empty }
pub struct Slot { pub id: u8, pub shape: Shape }
#[derive(Clone, Copy)]
pub enum Mode { Idle, Busy = 5 }

#[no_mangle]
pub static mut SHAPE: Shape = Shape::Rect { w: 3, h: 4 };
#[no_mangle]
pub static mut SLOT: Slot = Slot { id: 1, shape: Shape::Empty };
#[no_mangle]
pub static mut MAYBE: Option<u32> = Some(7);
static NUMBER: u8 = 42;
#[no_mangle]
pub static mut MODE: Mode = Mode::Busy;
#[no_mangle]
pub static mut NICHE: Option<&'static u8> = None;

#[no_mangle]
pub extern "C" fn touch() -> u32 {
    unsafe {
        SHAPE = Shape::Circle(1.5);
        SLOT.shape = Shape::Rect { w: 5, h: 6 };
        MAYBE = None;
        NICHE = Some(&NUMBER);
        MODE = Mode::Idle;
        SLOT.id as u32
    }
}

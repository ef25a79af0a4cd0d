// Rust Vec growth and Box drop (rustc 1.63), for patterns.test.ts (build lines in build.sh).
use std::cell::RefCell;

thread_local! { static KEPT: RefCell<Vec<u32>> = RefCell::new(Vec::new()); }
static mut BOXED: Option<Box<[u8; 40]>> = None;

#[no_mangle]
pub extern "C" fn push(n: u32) -> usize {
    KEPT.with(|k| { let mut k = k.borrow_mut(); for i in 0..n { k.push(i); } k.as_ptr() as usize })
}
#[no_mangle]
pub extern "C" fn shrink() -> usize { KEPT.with(|k| { let mut k = k.borrow_mut(); k.truncate(1); k.shrink_to_fit(); k.as_ptr() as usize }) }
#[no_mangle]
pub extern "C" fn clear() { KEPT.with(|k| *k.borrow_mut() = Vec::new()) }
#[no_mangle]
pub extern "C" fn boxed() -> usize { unsafe { BOXED = Some(Box::new([7u8; 40])); BOXED.as_ref().unwrap().as_ptr() as usize } }
#[no_mangle]
pub extern "C" fn unbox() { unsafe { BOXED = None } }
#[no_mangle]
pub extern "C" fn temp(n: usize) -> usize { let v: Vec<u8> = vec![1; n]; v.iter().map(|&x| x as usize).sum() }

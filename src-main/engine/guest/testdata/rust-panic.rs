// Two Rust panics on wasm32-wasi, built by Debian's rustc 1.63 (build: see README.md):
// an explicit panic! with a formatted message and an index out of bounds.
#[no_mangle]
pub extern "C" fn checked_div(a: i32, b: i32) -> i32 {
    if b == 0 {
        panic!("division by zero: {} / {}", a, b);
    }
    a / b
}

#[no_mangle]
pub extern "C" fn index(i: usize) -> i32 {
    let v = [1, 2, 3];
    v[i]
}

fn main() {}

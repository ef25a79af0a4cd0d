// A Rust library built the way release pipelines ship it: no names, no producers section.
// What is left to recognise it by is std's panic locations in the data (toolchain.ts).
#[no_mangle]
pub extern "C" fn quotient(a: i32, b: i32) -> i32 {
    a.checked_div(b).expect("division by zero")
}

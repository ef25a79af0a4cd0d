// Rust's std containers in statics, for the container views (containers.test.ts): a Vec, a
// String, a Vec of Strings, a Box, a &str and a &[u16]. fill(n) pushes n numbers and the names.
static mut NUMS: Vec<u32> = Vec::new();
static mut TITLE: String = String::new();
static mut NAMES: Vec<String> = Vec::new();
static mut BOXED: Option<Box<u64>> = None;
#[no_mangle]
pub static mut GREETING: &str = "hello";
#[no_mangle]
pub static mut PRIMES: &[u16] = &[2, 3, 5, 7];

#[no_mangle]
pub extern "C" fn fill(n: u32) -> u32 {
    unsafe {
        for i in 0..n {
            NUMS.push(i * 10);
        }
        TITLE.push_str("memscope title");
        NAMES.push(String::from("ada"));
        NAMES.push(String::from("grace"));
        BOXED = Some(Box::new(42));
        (GREETING.len() + PRIMES.len() + NAMES.len()) as u32
    }
}

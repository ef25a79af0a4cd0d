// Rust's HashMap (hashbrown) on the heap, for the leak scan (rust-map.test.ts): a map holds only
// a pointer to its table's control bytes, which lie past the buckets, so nothing points to the
// table's start. `count_word` keeps words in a map in a static (still reachable); `lose_map`
// builds a boxed map and forgets the box (a leak, and its table and keys with it).
use std::collections::HashMap;
use std::sync::Mutex;

static COUNTS: Mutex<Option<HashMap<String, u32>>> = Mutex::new(None);

#[no_mangle]
pub extern "C" fn alloc_buf(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

#[no_mangle]
pub unsafe extern "C" fn free_buf(p: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(p, 0, len));
}

fn word(p: *const u8, len: usize) -> String {
    String::from_utf8_lossy(unsafe { std::slice::from_raw_parts(p, len) }).into_owned()
}

/// Counts the word in the static map; returns how often it has been seen.
#[no_mangle]
pub extern "C" fn count_word(p: *const u8, len: usize) -> u32 {
    let mut g = COUNTS.lock().unwrap();
    let c = g.get_or_insert_with(HashMap::new).entry(word(p, len)).or_insert(0);
    *c += 1;
    *c
}

/// A boxed map holding the word, whose box nothing keeps.
#[no_mangle]
pub extern "C" fn lose_map(p: *const u8, len: usize) {
    let mut m = Box::new(HashMap::new());
    m.insert(word(p, len), 1u32);
    let _ = Box::into_raw(m);
}

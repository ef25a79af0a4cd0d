// Rust's std containers and counted pointers in statics, for their views (containers.test.ts):
// a Vec, a String, a Vec of Strings, a Box, a &str, a &[u16], two Rcs and a Weak to one u32, a
// HashMap and a HashSet, a BTreeMap deep enough to have internal nodes and a BTreeSet, a
// VecDeque wrapped around the end of its buffer, a LinkedList. fill(n)
// pushes n numbers and the names, and makes the rest. Built for
// wasm32-unknown-unknown, where std's hash keys are fixed: the buckets' order is the same each run.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::rc::{Rc, Weak};

static mut NUMS: Vec<u32> = Vec::new();
static mut TITLE: String = String::new();
static mut NAMES: Vec<String> = Vec::new();
static mut BOXED: Option<Box<u64>> = None;
static mut SHARED: Option<Rc<u32>> = None;
static mut OTHER: Option<Rc<u32>> = None;
static mut WEAK: Option<Weak<u32>> = None;
static mut COUNTS: Option<HashMap<String, u32>> = None;
static mut SEEN: Option<HashSet<u32>> = None;
static mut ORDERED: Option<BTreeMap<u32, u32>> = None;
static mut TAGS: Option<BTreeSet<&'static str>> = None;
static mut QUEUE: Option<VecDeque<u32>> = None;
static mut CHAIN: LinkedList<u64> = LinkedList::new();
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
        let shared = Rc::new(7);
        WEAK = Some(Rc::downgrade(&shared));
        OTHER = Some(shared.clone());
        SHARED = Some(shared);
        let mut counts = HashMap::new();
        counts.insert(String::from("ada"), 1);
        counts.insert(String::from("grace"), 2);
        COUNTS = Some(counts);
        SEEN = Some([3, 5].iter().copied().collect());
        ORDERED = Some((1..=30).map(|i| (i, i * i)).collect());
        TAGS = Some(["b", "a", "c"].iter().copied().collect());
        // Eight slots: 0..6 pushed, three popped from the front, three more pushed past the end.
        let mut queue = VecDeque::with_capacity(4);
        queue.extend(0..6);
        queue.drain(..3);
        queue.extend(100..103);
        QUEUE = Some(queue);
        // Each element in a node of its own: 6, 7, 8 from front to back.
        CHAIN.push_back(7);
        CHAIN.push_back(8);
        CHAIN.push_front(6);
        (GREETING.len() + PRIMES.len() + NAMES.len()) as u32 + **SHARED.as_ref().unwrap() + **OTHER.as_ref().unwrap() + WEAK.as_ref().unwrap().strong_count() as u32
            + COUNTS.as_ref().unwrap().len() as u32 + SEEN.as_ref().unwrap().len() as u32
            + ORDERED.as_ref().unwrap().len() as u32 + TAGS.as_ref().unwrap().len() as u32
            + QUEUE.as_ref().unwrap().len() as u32 + CHAIN.len() as u32
    }
}

//! A WASI command in Rust whose argv[1] picks a case: the same cases (and output) as the
//! probe programs wazero runs against every toolchain, so both hosts can be compared.
//!   ls DIR [repeat]   one "./NAME" line per entry; ENOTDIR when DIR is a file
//!   stat              whether fds 0-3 are terminals
//!   cat FILE          the file's bytes to stdout
//!   args              argv and the environment, one per line
//!   sleepmillis N     sleeps N ms (poll_oneoff), then OK
//!   poll [S] [MS]     STDIN if fd 0 is readable within S seconds + MS ms, else NOINPUT

use std::env;
use std::fs;
use std::io::{self, Read, Write};
use std::process::exit;
use std::thread;
use std::time::Duration;

/// wasi-libc's errno for "not a directory" (WASI errno 54).
const ENOTDIR: i32 = 54;

/// struct pollfd in wasi-libc: { fd i32 @0, events i16 @4, revents i16 @6 }.
#[repr(C)]
struct PollFd {
    fd: i32,
    events: i16,
    revents: i16,
}
const POLLRDNORM: i16 = 0x1;

extern "C" {
    // wasi-libc is linked into every wasm32-wasi Rust program; std does not wrap these two.
    fn isatty(fd: i32) -> i32;
    fn poll(fds: *mut PollFd, nfds: usize, timeout_ms: i32) -> i32;
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    match arg(1) {
        "ls" => {
            ls(arg(2));
            if arg(3) == "repeat" {
                ls(arg(2));
            }
        }
        "stat" => {
            for (name, fd) in [("stdin", 0), ("stdout", 1), ("stderr", 2), ("/", 3)] {
                println!("{} isatty: {}", name, unsafe { isatty(fd) } != 0);
            }
        }
        "cat" => cat(arg(2)),
        "args" => {
            for a in &args {
                println!("arg {}", a);
            }
            for (k, v) in env::vars() {
                println!("env {}={}", k, v);
            }
        }
        "sleepmillis" => {
            thread::sleep(Duration::from_millis(arg(2).parse().unwrap_or(0)));
            println!("OK");
        }
        "poll" => {
            let secs: i32 = arg(2).parse().unwrap_or(0);
            let millis: i32 = arg(3).parse().unwrap_or(0);
            let mut fd = PollFd { fd: 0, events: POLLRDNORM, revents: 0 };
            let ready = unsafe { poll(&mut fd, 1, secs * 1000 + millis) };
            println!("{}", if ready > 0 && fd.revents & POLLRDNORM != 0 { "STDIN" } else { "NOINPUT" });
        }
        other => {
            writeln!(io::stderr(), "unknown command: {}", other).unwrap();
            exit(1);
        }
    }
}

fn ls(dir: &str) {
    match fs::read_dir(dir) {
        Ok(entries) => {
            for e in entries {
                println!("{}", e.unwrap().path().display());
            }
        }
        Err(e) if e.raw_os_error() == Some(ENOTDIR) => println!("ENOTDIR"),
        Err(e) => println!("errno=={}", e.raw_os_error().unwrap_or(-1)),
    }
}

fn cat(path: &str) {
    let mut text = Vec::new();
    match fs::File::open(path).and_then(|mut f| f.read_to_end(&mut text)) {
        Ok(_) => io::stdout().write_all(&text).unwrap(),
        Err(e) => {
            writeln!(io::stderr(), "cat {}: {}", path, e).unwrap();
            exit(1);
        }
    }
}

// The small wasm module the rewritten guest reports its writes to. Appending is a
// wasm-to-wasm call that stores one 12-byte entry in the recorder's own memory (no JavaScript on
// the hot path); only a full buffer, a watch hit or a memory.grow reach JavaScript.
//
//   log memory: entry* ; entry = site:u32 @0 | start:u32 @4 | end:u32 @8   (pos = bytes used)

/** Entries the log holds before it calls `full` (1 MiB of entries). */
export const LOG_BYTES = 12 * 87_381;

/** The recorder in text form; instrument.ts assembles it with Binaryen (once per module prepared). */
export const RECORDER_WAT = `(module
  (import "host" "full" (func $full))
  (import "host" "watch" (func $watch (param i32 i32 i32 i32)))
  (import "host" "grew" (func $grew (param i32 i32)))
  (import "host" "popped" (func $popped (param i32)))
  (memory (export "log") 17)
  (global $pos (export "pos") (mut i32) (i32.const 0))
  (func (export "append") (param $site i32) (param $start i32) (param $end i32)
    (if (i32.or (i32.eqz (local.get $site)) (i32.eq (local.get $start) (local.get $end))) (then (return)))
    (i32.store (global.get $pos) (local.get $site))
    (i32.store offset=4 (global.get $pos) (local.get $start))
    (i32.store offset=8 (global.get $pos) (local.get $end))
    (global.set $pos (i32.add (global.get $pos) (i32.const 12)))
    (if (i32.ge_u (global.get $pos) (i32.const ${LOG_BYTES})) (then (call $full))))
  (func (export "watch") (param i32 i32 i32 i32) (call $watch (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "grew") (param i32 i32) (call $grew (local.get 0) (local.get 1)))
  (func (export "popped") (param i32) (call $popped (local.get 0))))`;

export interface RecorderHost {
  /** The log is full: read entries [0, pos) and set pos to 0. */
  full(): void;
  /**
   * A write overlapped the watched hull (after the write); `frameBase`, the writing function's
   * frame base (FrameLocals) when DWARF places its variables from one, else -1.
   */
  watch(site: number, address: number, length: number, frameBase: number): void;
  /** memory.grow at `site` returned `oldPages` (-1: refused). */
  grew(site: number, oldPages: number): void;
  /** A function was entered with the stack pointer at `stackPointer`, above the lowest byte of a watch on a frame. */
  popped(stackPointer: number): void;
}

export interface Recorder {
  log: WebAssembly.Memory;
  pos: WebAssembly.Global;
  append(site: number, start: number, end: number): void;
  /** The hook functions, in the guest's hook table order. */
  hooks: [unknown, unknown, unknown, unknown];
}

/** Instantiates the recorder from its binary (RECORDER_WAT assembled). */
export function createRecorder(bytes: Uint8Array, host: RecorderHost): Recorder {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), {
    host: {
      full: () => host.full(),
      watch: (s: number, a: number, n: number, base: number) => host.watch(s, a >>> 0, n >>> 0, base === -1 ? -1 : base >>> 0),
      grew: (s: number, old: number) => host.grew(s, old),
      popped: (sp: number) => host.popped(sp >>> 0),
    },
  });
  const e = instance.exports as Record<string, unknown>;
  return {
    log: e.log as WebAssembly.Memory,
    pos: e.pos as WebAssembly.Global,
    append: e.append as Recorder['append'],
    hooks: [e.append, e.watch, e.grew, e.popped],
  };
}

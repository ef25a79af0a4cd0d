// The syntax tree of a `.wseq` call sequence: directives (session inputs) and steps (one per line).

import type { BookmarkColour } from '../../shared/dto.ts';

/** A 1-based position and the length of the text it covers, on one line. */
export interface Span {
  line: number;
  column: number;
  length: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>';
export type UnaryOp = '-' | '~';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { kind: 'int'; value: bigint; span: Span }
  | { kind: 'float'; value: number; span: Span }
  /** `value` decodes `\xNN` as U+00NN; `bytes` keeps it as the raw byte (other text as UTF-8). */
  | { kind: 'string'; value: string; bytes: Uint8Array; span: Span }
  | { kind: 'name'; name: string; span: Span }
  | { kind: 'field'; object: Expr; field: string; span: Span }
  | { kind: 'unary'; op: UnaryOp; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  /**
   * `&table`, `&statics::COUNTER`, `&"name with (spaces)"`: the address of a static variable the
   * module's DWARF names; with `path`, of a part of it (`&origin.y`, `&grid[1][2]`: members by
   * name, elements by index). Checking the sequence against the module (validate.ts) fills in
   * `address` and `size`; an expression nothing checked cannot be evaluated.
   */
  | { kind: 'static'; name: string; path?: StaticPath; span: Span; address?: bigint; size?: number | null };

/** A part of a static: member names and element indices, in order (`.speed[1].y`: 'speed', 1, 'y'). */
export type StaticPath = (string | number)[];

export type NumType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'u64' | 'i64' | 'f32' | 'f64';
export const NUM_TYPES: readonly NumType[] = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'u64', 'i64', 'f32', 'f64'];

export interface StructField {
  name: string;
  type: FieldType;
  span: Span;
}

export type FieldType = { kind: 'num'; type: NumType } | { kind: 'struct'; fields: StructField[] };

export type ReadType = FieldType | { kind: 'utf8' } | { kind: 'utf16' } | { kind: 'bytes' };
export type WriteType = { kind: 'num'; type: NumType } | { kind: 'utf8' } | { kind: 'utf16' } | { kind: 'bytes' };

/** A name a step binds. `_` is accepted in tuples and binds nothing. */
export interface Target {
  name: string;
  span: Span;
}

interface StepBase {
  /** 0-based position among the steps. */
  index: number;
  line: number;
  /** The step's own text: the line without its comment, trimmed (for records). */
  text: string;
  /** The whole source line (for carets). */
  source: string;
  /** Covers `text`. */
  span: Span;
}

export type Step = StepBase & StepBody;

export type StepBody =
  /**
   * `x = f(a)`, `(a, b) = f()`, `f()`. `alloc`/`free` are pseudo-calls unless the module exports
   * them. `free!(p)` (force) makes a free the heap ledger would refuse (double or invalid free).
   */
  | { kind: 'call'; targets: Target[]; tuple: boolean; callee: string; calleeSpan: Span; args: Expr[]; force?: boolean }
  | { kind: 'assign'; target: Target; expr: Expr }
  | { kind: 'read'; target: Target | null; type: ReadType; typeText: string; address: Expr; length: Expr | null }
  /** `n = write utf8 "x" @ p` binds the number of bytes written. */
  | { kind: 'write'; target: Target | null; type: WriteType; value: Expr; address: Expr }
  | { kind: 'expect'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'snapshot'; label: string }
  /** `expect no leaks`: no heap block allocated since the start (or the last mark) is live. */
  | { kind: 'expect-no-leaks' }
  | { kind: 'expect-no-heap-problems' }
  /** `mark "name"`: where the next `expect no leaks` starts counting. */
  | { kind: 'mark'; label: string }

  /**
   * `watch NAME @ ADDR [LEN] [stop]`: from this step on, every write to the range is recorded
   * (writer, old and new bytes); with `stop`, the first one ends the guest call. LEN defaults to 4.
   */
  | { kind: 'watch'; name: string; nameSpan: Span; address: Expr; length: Expr | null; stop: boolean };

export type DirectiveBody =
  | { kind: 'module'; path: string }
  | { kind: 'import'; module: string; name: string; builtin: string; builtinSpan: Span }
  /**
   * `allocator ALLOC [FREE]`: the module's allocator, named by the sequence when its exports
   * follow no convention Memscope knows (`allocator alloc_buf free_buf`).
   */
  | { kind: 'allocator'; alloc: string; allocSpan: Span; free: string | null; freeSpan: Span | null }
  | { kind: 'arg'; values: string[] }
  | { kind: 'env'; value: string }
  | { kind: 'dir'; host: string; guest: string; writable: boolean }
  | { kind: 'stdin'; bytes: Uint8Array }
  | { kind: 'timeout'; ms: number }
  /** `capture limit SECONDS`: the budget of Memscope's change capture after a step (SessionConfig.captureLimitMs). */
  | { kind: 'capture-limit'; seconds: number }
  /**
   * `memory cap 4 GiB`: the most memory the guest may grow to, in bytes (SessionConfig.memoryCapBytes):
   * whole 64 KiB pages, one page to 4 GiB (wasm32's 65536 pages).
   */
  | { kind: 'memory-cap'; bytes: number }
  | { kind: 'deterministic' }
  /** stdio reports a terminal (character device), for programs that line-buffer only on a tty. */
  | { kind: 'tty' }
  /** `trace writes`: record which function wrote each changed byte (instruments the module). */
  | { kind: 'trace-writes' }
  /**
   * `bookmark "name" @ ADDR [SIZE] [colour]`: a named range for the memory view, kept with the
   * sequence. It runs nothing, so it may stand on any line (the app appends it at the end).
   */
  | { kind: 'bookmark'; name: string; start: number; size: number; colour: BookmarkColour };

export type Directive = DirectiveBody & { line: number; source: string; span: Span };

export interface Sequence {
  /** The file name used in error locations. */
  file?: string;
  directives: Directive[];
  steps: Step[];
}

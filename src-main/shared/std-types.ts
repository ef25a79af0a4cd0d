// The standard library's containers and smart pointers, read as what they hold: Rust's Vec,
// String, &str and slices, libc++'s vector, string, string_view and span (either extent); Rust's
// Rc, Arc and Weak, libc++'s unique_ptr, shared_ptr and weak_ptr as the pointers they are; Rust's
// cells and atomics and C++'s std::array as what they wrap. (Maps, sets and other collections whose
// elements are not one run of memory: std-collections.ts.) DWARF describes each as the struct it
// is (`Vec<u32>` is `{ buf: { ptr: { pointer: { pointer: *const u32 } }, cap }, len }`), which
// says nothing about the elements; a debugger shows them instead, as rust-gdb's and lldb's
// formatters do. Each is recognised by its type's name and the members it has, and read from
// those members' bytes, so any layout the compiler gives them (field order, libc++'s string
// layouts) reads right; a struct that only looks like one is left alone.
//
// wasm32 layouts, as rustc 1.63 and clang-19's libc++ give them (offsets are DWARF's, not these):
//   Vec<T>        { buf: RawVec { ptr: Unique { pointer: NonNull { pointer: *const T } }, cap }, len }
//                 later rustc: { buf: RawVec { inner: RawVecInner { ptr: Unique<u8>, cap, alloc }, _marker }, len }
//   String        { vec: Vec<u8> }                                  UTF-8, len bytes
//   &str, &[T]    { data_ptr: *const T, length }                    (and Box<str>, Box<[T]>)
//   std::vector   { __begin_, __end_, __end_cap_ }                  (end - begin) / sizeof(T) elements
//   string_view, span<T> { __data_, __size_ }                       (a span of dynamic extent)
//   span<T, N>    { __data_ }                                       N elements, as its type's name says
//   std::string   { __r_: { __value_: union __rep {
//                     __s: { __data_[11], __size_ : 7, __is_long_ : 1 },   short: the bytes inline
//                     __l: { __data_ *, __size_, __cap_ : 31, __is_long_ : 1 } } } }   long: on the heap
//   Rc<T>, Arc<T>, Weak<T> { ptr: NonNull { pointer: *const RcBox<T> } }   RcBox { strong, weak, value }
//   unique_ptr<T> { __ptr_: { __value_: T * } }
//   shared_ptr<T>, weak_ptr<T> { __ptr_: T *, __cntrl_: __shared_weak_count * }
//                  __shared_weak_count { vtable, __shared_owners_, __shared_weak_owners_ }  (each count - 1)

import type { PointedType, StaticField, StaticLayout, StructLayout } from './dto.ts';

/** Where a container's elements are, as its bytes say. */
export interface Container {
  /** What its count is called where it comes from: Rust's `len`, C++'s `size`. */
  word: 'len' | 'size';
  /** It holds text (String, &str, std::string): its elements are bytes of UTF-8. */
  text: boolean;
  /** The first element's address: on the heap, or inside the container (a short std::string). */
  address: number;
  /** Its elements are inside its own bytes (a short std::string's), at `address`. */
  inline: boolean;
  count: number;
  /** The elements' type (ModuleInfo.staticTypes); null when DWARF does not type them. */
  element: PointedType | null;
}

/** What a container's type is and how its members place its elements, found once per layout. */
export interface Shape {
  word: Container['word'];
  text: boolean;
  /** The member holding its elements' heap address: what types the heap block. */
  pointer: PointerAt;
  /**
   * It views elements another value owns (&str, a slice, string_view, span), so its pointer
   * names their block only when no owner's does: `names`, not a span over it.
   */
  views: boolean;
  /** From the container's own bytes: its elements' address (`inline`: an offset into those bytes), count and type. */
  place(bytes: Uint8Array, types: readonly PointedType[]): { at: number; inline: boolean; count: number; element: PointedType | null } | null;
}

/** A typed pointer member, by its offset from the value's start, and its pointee (ModuleInfo.staticTypes). */
export interface PointerAt {
  offset: number;
  pointee: number;
}

/** A member found by path, with its offset from the outermost struct's start. */
export interface At {
  field: StaticField;
  offset: number;
}

/** A value by its type's name and layout: a static, a part, a pointed-to type. */
export type Named = { type: string | null; layout?: StaticLayout };

/**
 * A recogniser of one kind of standard type: for a struct whose type's name (qualifiers aside)
 * `names` matches, what `build` finds in its layout (null: not one after all), found once per
 * layout, as the panel asks again at every row it draws.
 */
export function recogniser<T>(names: RegExp, build: (type: string, layout: StructLayout) => T | null): (p: Named) => T | null {
  const found = new WeakMap<StaticLayout, T | null>();
  return (p) => {
    if (!p.layout || p.layout.kind !== 'struct' || p.type === null) return null;
    const type = bare(p.type);
    if (!names.test(type)) return null;
    let t = found.get(p.layout);
    if (t === undefined) {
      t = build(type, p.layout);
      found.set(p.layout, t);
    }
    return t;
  };
}

/** The container a value is (by its type's name and members, so any name: rustc's fat pointers), or null for any other value. */
export const containerShape = recogniser(/./, recognise);

/** The container whose `bytes` are at `address`, with its elements placed; null when it is none or its bytes say nothing sensible. */
export function containerOf(p: Named, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined): Container | null {
  const shape = containerShape(p);
  const placed = shape?.place(bytes, types ?? []);
  if (!shape || !placed) return null;
  const { at, inline, count, element } = placed;
  // Text is bytes: a container of wider characters (std::u16string) lists them as elements.
  return { word: shape.word, text: shape.text && (element === null || element.size === 1), address: inline ? address + at : at, inline, count, element };
}

/** A type's name without the qualifiers in front: a map's key is a `const std::string`. */
function bare(type: string): string {
  return type.replace(/^((const|volatile) )+/, '');
}

const RUST_VEC = /^(alloc::vec::)?Vec</;
const RUST_STRING = /^(alloc::string::)?String$/;
/** rustc's fat pointers to text (`&str`, `&mut str`, `Box<str>`); others (`&[u16]`, `Box<[T]>`) hold elements. */
const RUST_STR = /^(&(mut )?|\*(const|mut) |(alloc::boxed::)?Box<)str\b/;
/** A fat pointer that owns its elements (`Box<str>`, `Box<[T]>`); the others view them. */
const RUST_BOX = /^(alloc::boxed::)?Box</;
const CXX_VECTOR = /^(std::(__\w+::)?)?vector</;
const CXX_STRING = /^(std::(__\w+::)?)?(string$|basic_string<char\b)/;
/** libc++'s views, { __data_, __size_ }: string_view's characters, a dynamic-extent span's elements. */
const CXX_VIEW = /^(std::(__\w+::)?)?(string_view$|basic_string_view<char\b|span<)/;

function recognise(type: string, layout: StructLayout): Shape | null {
  if (RUST_STRING.test(type)) {
    const vec = fieldAt(layout, ['vec']);
    const inner = vec && RUST_VEC.test(vec.field.type) ? rustVec(vec.field.layout, vec.offset) : null;
    return inner && { word: 'len', text: true, views: false, ...inner };
  }
  if (RUST_VEC.test(type)) {
    const inner = rustVec(layout, 0);
    return inner && { word: 'len', text: false, views: false, ...inner };
  }
  const data = fieldAt(layout, ['data_ptr']);
  const length = fieldAt(layout, ['length']);
  if (data?.field.pointee !== undefined && length) {
    return { word: 'len', text: RUST_STR.test(type), views: !RUST_BOX.test(type), ...pointed(data, (bytes) => numberAt(bytes, length)) };
  }
  if (CXX_VECTOR.test(type)) {
    const begin = fieldAt(layout, ['__begin_']);
    const end = fieldAt(layout, ['__end_']);
    if (begin?.field.pointee === undefined || !end) return null;
    return {
      word: 'size', text: false, views: false, pointer: pointerOf(begin),
      place: (bytes, types) => {
        const [first, last, size] = [numberAt(bytes, begin), numberAt(bytes, end), types[begin.field.pointee!]?.size ?? 0];
        if (first === null || last === null || size === 0 || last < first || (last - first) % size !== 0) return null;
        return { at: first, inline: false, count: (last - first) / size, element: types[begin.field.pointee!] ?? null };
      },
    };
  }
  if (CXX_STRING.test(type)) return cxxString(layout);
  if (CXX_VIEW.test(type)) {
    const [data, size] = [fieldAt(layout, ['__data_']), fieldAt(layout, ['__size_'])];
    if (data?.field.pointee === undefined) return null;
    if (size) return { word: 'size', text: !/span</.test(type), views: true, ...pointed(data, (bytes) => numberAt(bytes, size)) };
    // A span of fixed extent keeps no size: its type's name says it (`span<int, 2UL>`).
    const extent = /^[^<]*span<.*, (\d+)U?L?L?>$/.exec(type)?.[1];
    return extent !== undefined ? { word: 'size', text: false, views: true, ...pointed(data, () => Number(extent)) } : null;
  }
  return null;
}

/**
 * A Vec's elements: the pointer inside `buf` (however many wrappers deep) and `len`. Their type
 * is the Vec's T (StructLayout.element) where DWARF gives it: later rustc's buffer pointer is a
 * `Unique<u8>` whatever T is (`buf: { inner: RawVecInner { ptr, cap, alloc }, _marker }`).
 */
function rustVec(layout: StaticLayout | undefined, base: number): Pick<Shape, 'pointer' | 'place'> | null {
  if (layout?.kind !== 'struct') return null;
  const buf = fieldAt(layout, ['buf'], base);
  const len = fieldAt(layout, ['len'], base);
  const ptr = buf?.field.layout ? firstPointer(buf.field.layout, buf.offset) : null;
  return ptr && len ? pointed(ptr, (bytes) => numberAt(bytes, len), layout.element) : null;
}

/** Elements at the address the pointer `ptr` holds, `count` of them as `bytes` say, of type `element` when given, else its pointee. */
function pointed(ptr: At, count: (bytes: Uint8Array) => number | null, element?: number): Pick<Shape, 'pointer' | 'place'> {
  const pointer = pointerOf(ptr, element);
  return {
    pointer,
    place: (bytes, types) => {
      const [at, n] = [numberAt(bytes, ptr), count(bytes)];
      return at === null || n === null ? null : { at, inline: false, count: n, element: types[pointer.pointee] ?? null };
    },
  };
}

/** A typed pointer member as a PointerAt: to its pointee, or to `element` when the container's type parameter says better. */
function pointerOf(ptr: At, element?: number): PointerAt {
  return { offset: ptr.offset, pointee: element ?? ptr.field.pointee! };
}

/** libc++'s std::string: its bytes inline while short, on the heap once long, as `__is_long_` says. */
function cxxString(layout: StructLayout): Shape | null {
  const rep = ['__r_', '__value_'];
  const isLong = fieldAt(layout, [...rep, '__s', '__is_long_']);
  const shortData = fieldAt(layout, [...rep, '__s', '__data_']);
  const shortSize = fieldAt(layout, [...rep, '__s', '__size_']);
  const longData = fieldAt(layout, [...rep, '__l', '__data_']);
  const longSize = fieldAt(layout, [...rep, '__l', '__size_']);
  if (!isLong || !shortData || !shortSize || longData?.field.pointee === undefined || !longSize) return null;
  return {
    word: 'size', text: true, views: false, pointer: pointerOf(longData),
    place: (bytes, types) => {
      const element = types[longData.field.pointee!] ?? null;
      if (numberAt(bytes, isLong) === 1) {
        const [at, count] = [numberAt(bytes, longData), numberAt(bytes, longSize)];
        return at === null || count === null ? null : { at, inline: false, count, element };
      }
      const count = numberAt(bytes, shortSize);
      return count === null || count > (shortData.field.size ?? 0) ? null : { at: shortData.offset, inline: true, count, element };
    },
  };
}

/** The member at `path` (names, outermost first) of `layout`, its offset counted from `base`. */
export function fieldAt(layout: StaticLayout | undefined, path: readonly string[], base = 0): At | null {
  let offset = base;
  let found: StaticField | undefined;
  let inside = layout;
  for (const name of path) {
    found = inside?.kind === 'struct' ? inside.fields.find((f) => f.name === name) : undefined;
    if (!found) return null;
    offset += found.offset;
    inside = found.layout;
  }
  return found ? { field: found, offset } : null;
}

/** Whether `fields` are a tuple's elements as rustc names them (`__0`, `__1`…; the DWARF layout names a C++ tuple's so too). */
export function isTuple(fields: readonly { name: string }[]): boolean {
  return fields.length > 0 && fields.every((f) => /^__\d+$/.test(f.name));
}

/** An array's element as a part at offset 0, its size the array's stride (what partsOf places at each index). */
export function arrayElement(layout: StaticLayout & { kind: 'array' }): StaticField {
  const { stride, element, scalar, enumerators, layout: inner, pointee, functionPointer } = layout;
  return {
    name: '', offset: 0, size: stride, type: element, ...(scalar ? { scalar } : {}),
    ...(enumerators ? { enumerators } : {}), ...(inner ? { layout: inner } : {}), ...(pointee !== undefined ? { pointee } : {}),
    ...(functionPointer ? { functionPointer } : {}),
  };
}

/** The first typed pointer member, depth first: what `Unique<T>` and `NonNull<T>` wrap. */
export function firstPointer(layout: StaticLayout, base: number): At | null {
  if (layout.kind !== 'struct') return null;
  for (const field of layout.fields) {
    if (field.scalar === 'pointer' && field.pointee !== undefined) return { field, offset: base + field.offset };
    const inner = field.layout ? firstPointer(field.layout, base + field.offset) : null;
    if (inner) return inner;
  }
  return null;
}

/** The unsigned number a member's bytes (or bits) hold; null when the bytes are short of it or it is wider than 4 bytes. */
export function numberAt(bytes: Uint8Array, { field, offset }: At): number | null {
  const size = field.size ?? 0;
  if (size < 1 || size > 4 || offset + size > bytes.length) return null;
  let n = 0;
  for (let i = size - 1; i >= 0; i--) n = n * 256 + bytes[offset + i]!;
  return field.bits ? Math.floor(n / 2 ** field.bits.shift) % 2 ** field.bits.width : n;
}

/**
 * A smart pointer: the member holding its address, and for a counted one, where its owners are
 * counted (in the block it points at for Rust, in its control block for libc++).
 */
export interface SmartPointer {
  pointer: PointerAt;
  counts: Counts | null;
  /** A weak one (Weak, weak_ptr) owns nothing: as Shape.views. */
  views: boolean;
}

/**
 * Where a counted pointer's owners are counted: two 4-byte counts in the block the member at
 * `block` points at. Fixed by each library's ABI, as DWARF may not describe the block at all
 * (libc++'s control block is compiled into the library, not the program): Rust's RcBox and
 * ArcInner are #[repr(C)] { strong, weak, value }; libc++'s __shared_weak_count is { vtable,
 * __shared_owners_, __shared_weak_owners_ }, each count stored minus one.
 */
export interface Counts {
  block: number;
  strongAt: number;
  stored: 'rust' | 'libc++';
}

const RUST_COUNTED = /^(alloc::(rc|sync)::)?(Rc|Arc|Weak)</;
const CXX_UNIQUE = /^(std::(__\w+::)?)?unique_ptr</;
const CXX_SHARED = /^(std::(__\w+::)?)?(shared_ptr|weak_ptr)</;

/** The smart pointer a value is, or null for any other value. */
export const smartPointer = recogniser(new RegExp([RUST_COUNTED, CXX_UNIQUE, CXX_SHARED].map((r) => r.source).join('|')), recognisePointer);

function recognisePointer(type: string, layout: StructLayout): SmartPointer | null {
  if (RUST_COUNTED.test(type)) {
    const ptr = firstPointer(layout, 0);
    return ptr && { pointer: pointerOf(ptr), counts: { block: ptr.offset, strongAt: 0, stored: 'rust' }, views: /^(alloc::(rc|sync)::)?Weak</.test(type) };
  }
  if (CXX_UNIQUE.test(type)) {
    const ptr = fieldAt(layout, ['__ptr_']);
    const inner = ptr?.field.pointee !== undefined ? ptr : ptr?.field.layout ? firstPointer(ptr.field.layout, ptr.offset) : null;
    return inner ? { pointer: pointerOf(inner), counts: null, views: false } : null;
  }
  if (CXX_SHARED.test(type)) {
    const [ptr, control] = [fieldAt(layout, ['__ptr_']), fieldAt(layout, ['__cntrl_'])];
    if (ptr?.field.pointee === undefined) return null;
    return { pointer: pointerOf(ptr), counts: control ? { block: control.offset, strongAt: 4, stored: 'libc++' } : null, views: /weak_ptr</.test(type) };
  }
  return null;
}

/** Bytes of a count block read for ownerCounts. */
export const COUNT_BYTES = 12;

/**
 * A counted pointer's owners as its language's API counts them, from the COUNT_BYTES at its
 * count block: Rust's strong_count and weak_count (the weak field counts all the strong ones as
 * one more), libc++'s use_count and weak_ptrs (each stored minus one, so -1 is none; the weak
 * count has one more for the shared owners while any are left).
 */
export function ownerCounts(counts: Counts, block: Uint8Array): { strong: number; weak: number } | null {
  if (block.length < counts.strongAt + 8) return null;
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  if (counts.stored === 'rust') {
    const [strong, weak] = [view.getUint32(counts.strongAt, true), view.getUint32(counts.strongAt + 4, true)];
    return { strong, weak: strong > 0 ? weak - 1 : weak };
  }
  const [strong, weak] = [view.getInt32(counts.strongAt, true) + 1, view.getInt32(counts.strongAt + 4, true) + 1];
  return { strong, weak: strong > 0 ? weak - 1 : weak };
}

/**
 * Rust's wrappers that are their one field and nothing more (#[repr(transparent)]): a cell, an
 * atomic, a non-null or unique pointer, a MaybeUninit (a union of its value and nothing); and
 * C++'s std::array, which is its C array `__elems_`. A debugger shows what they wrap: `strong = 2`, not
 * `strong = { value: { value: 2 } }`.
 */
const TRANSPARENT = /^((std::(__\w+::)?)?array<|(core::(cell|ptr|mem|mem::maybe_uninit|mem::manually_drop|num|sync::atomic|pin)::)?(Cell|UnsafeCell|SyncUnsafeCell|NonNull|Unique|ManuallyDrop|MaybeUninit|Wrapping|Saturating|Pin)<|(core::sync::atomic::)?Atomic(Bool|[IU](8|16|32|64|size)|Ptr<)|(core::num::)?NonZero[IU](8|16|32|64|128|size)$)/;

/**
 * What a value reads as: itself, or what the Rust wrappers around it wrap (TRANSPARENT),
 * however deep; the field at their start, of their size, so its bytes and address are theirs.
 */
export function transparent<T extends { type: string | null; size?: number | null; layout?: StaticLayout }>(p: T): T | StaticField {
  let inner: T | StaticField = p;
  for (let depth = 0; depth < 8; depth++) {
    const layout: StaticLayout | undefined = inner.layout;
    if (layout?.kind !== 'struct' || layout.variants || inner.type === null || !TRANSPARENT.test(bare(inner.type))) break;
    const sized: StaticField[] = layout.fields.filter((f) => f.size !== 0);
    if (sized.length !== 1 || sized[0]!.offset !== 0) break;
    inner = sized[0]!;
  }
  return inner;
}

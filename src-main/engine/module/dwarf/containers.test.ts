// Standard containers and smart pointers read as what they hold (shared/std-types.ts), from
// real builds (testdata/build.sh: containers.rs with rustc 1.63 and std, containers.cpp with
// clang++-19 and libc++), before and after fill(3) puts numbers and names in them: their values,
// what they open into, and the heap blocks they own named through them.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { blockParts, bytesToRead, MAX_ELEMENTS, opensInto, partPath, partsOf, valueText } from '../../../shared/static-values.ts';
import { followText, fullText, mapParts, readerOf, staticValue } from '../../../shared/static-follow.ts';
import { mapEntries } from '../../../shared/std-collections.ts';
import { pointeePlace, typedBlockText } from '../../../shared/statics.ts';
import { hexAddress } from '../../../shared/hex.ts';
import { leakReference } from '../../../shared/heap-format.ts';
import type { Session } from '../../index.ts';
import type { StaticField, StaticLayout, StaticVariable, StructLayout } from '../../../shared/dto.ts';

const open = openSessionsDisposedAfterEach();
const TESTDATA = join(import.meta.dirname, 'testdata');

/** `name = value` for each static named, as the CLI and the DAP read them. */
async function values(session: Session, names: readonly string[]): Promise<string[]> {
  const read = readerOf(session);
  return Promise.all(names.map(async (name) => {
    const v = session.info.statics!.find((s) => s.name === name)!;
    return `${name} = ${(await staticValue(v, session.info.staticTypes, read))?.text}`;
  }));
}

/** `path = value` for each entry of the map or set `name` (a static, or `name.__0` inside its Option). */
async function entries(session: Session, name: string, field?: string): Promise<string[]> {
  const read = readerOf(session);
  const types = session.info.staticTypes;
  const v = session.info.statics!.find((s) => s.name === name)!;
  const bytes = (await read(v.address, v.size!))!;
  const inner = field ? partsOf(v.layout!, MAX_ELEMENTS, bytes).find((p) => p.name === field)! : null;
  const [part, path] = inner ? [inner, partPath(name, field!)] : [v, name];
  const found = (await mapParts(part, path, v.address + (inner?.offset ?? 0), bytes.subarray(inner?.offset ?? 0), types, read)) ?? [];
  return Promise.all(found.map(async (e) => `${e.path} = ${await fullText(e.part, e.address, e.bytes, types, read)}`));
}

/** The entries of the map, set or deque `name` (its `field` inside its Option), with their addresses. */
async function mapPartsOf(session: Session, name: string, field: string): Promise<{ name: string; address: number }[]> {
  const read = readerOf(session);
  const v = session.info.statics!.find((s) => s.name === name)!;
  const bytes = (await read(v.address, v.size!))!;
  const inner = partsOf(v.layout!, MAX_ELEMENTS, bytes).find((p) => p.name === field)!;
  return (await mapParts(inner, name, v.address + inner.offset, bytes.subarray(inner.offset), session.info.staticTypes, read)) ?? [];
}

/** `path = value` for each part the static `name` opens into. */
async function opened(session: Session, name: string): Promise<string[]> {
  const read = readerOf(session);
  const types = session.info.staticTypes;
  const v = session.info.statics!.find((s) => s.name === name)!;
  const into = opensInto(v, v.name, v.address, await read(v.address, v.size!), types);
  if (!into) return [];
  const out: string[] = [];
  // As the app and the DAP read parts: one read, whose bytes say a Rust enum's variant.
  const bytes = await read(into.address, bytesToRead(into.layout));
  for (const p of partsOf(into.layout, MAX_ELEMENTS, bytes)) {
    const address = into.address + p.offset;
    const own = (await read(address, p.size!))!;
    out.push(`${partPath(into.path, p.name)} = ${[valueText(p, own, types), await followText(p, address, own, types, read)].filter((t) => t !== null).join(' ')}`);
  }
  return out;
}

describe('standard containers', () => {
  it("Rust's Vec, String, &str and slices read as their elements, and open into them", async () => {
    const session = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    const names = ['containers::NUMS', 'containers::TITLE', 'containers::NAMES', 'containers::GREETING', 'containers::PRIMES'];
    expect(await values(session, names)).toEqual([
      'containers::NUMS = len 0 []', 'containers::TITLE = len 0 ""', 'containers::NAMES = len 0 []',
      'containers::GREETING = len 5 "hello"', 'containers::PRIMES = len 4 [2, 3, 5, 7]',
    ]);
    expect(await opened(session, 'containers::NUMS')).toEqual([]);
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    expect(await values(session, names)).toEqual([
      'containers::NUMS = len 3 [0, 10 (0xa), 20 (0x14)]', 'containers::TITLE = len 14 "memscope title"',
      'containers::NAMES = len 2 ["ada", "grace"]',
      'containers::GREETING = len 5 "hello"', 'containers::PRIMES = len 4 [2, 3, 5, 7]',
    ]);
    expect(await opened(session, 'containers::NUMS')).toEqual(['containers::NUMS[0] = 0', 'containers::NUMS[1] = 10 (0xa)', 'containers::NUMS[2] = 20 (0x14)']);
    expect(await opened(session, 'containers::NAMES')).toEqual(['containers::NAMES[0] = len 3 "ada"', 'containers::NAMES[1] = len 5 "grace"']);
    // Text does not open into its bytes; a slice opens as a Vec does.
    expect(await opened(session, 'containers::TITLE')).toEqual([]);
    expect(await opened(session, 'containers::PRIMES')).toEqual(['containers::PRIMES[0] = 2', 'containers::PRIMES[1] = 3', 'containers::PRIMES[2] = 5', 'containers::PRIMES[3] = 7']);
  });

  it("a later rustc's Vec, whose buffer pointer is a type-erased Unique<u8>, reads as the Vec's T", async () => {
    // Only rustc 1.63 installs here. Later ones lay a Vec out as { buf: RawVec { inner:
    // RawVecInner { ptr: Unique<u8>, cap: Cap(usize), alloc }, _marker: PhantomData<T> }, len }
    // (library/alloc/src/raw_vec.rs); NUMS's real layout and bytes are given that shape here.
    const session = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    const types = session.info.staticTypes!;
    const nums = session.info.statics!.find((v) => v.name === 'containers::NUMS')!;
    const u8 = types.findIndex((t) => t.type === 'u8');
    const struct = (fields: StaticField[]): StaticLayout => ({ kind: 'struct', fields });
    const unique = struct([{ name: 'pointer', offset: 0, size: 4, type: 'NonNull<u8>', layout: struct([{ name: 'pointer', offset: 0, size: 4, type: '*const u8', scalar: 'pointer', pointee: u8 }]) }]);
    const inner = struct([
      { name: 'ptr', offset: 0, size: 4, type: 'Unique<u8>', layout: unique },
      { name: 'cap', offset: 4, size: 4, type: 'Cap', layout: struct([{ name: '__0', offset: 0, size: 4, type: 'usize', scalar: 'unsigned' }]) },
    ]);
    const buf: StaticField = { name: 'buf', offset: 0, size: 8, type: 'RawVec<u32, alloc::alloc::Global>', layout: struct([{ name: 'inner', offset: 0, size: 8, type: 'RawVecInner<alloc::alloc::Global>', layout: inner }]) };
    const len: StaticField = { name: 'len', offset: 8, size: 4, type: 'usize', scalar: 'unsigned' };
    const later = { ...nums, layout: { kind: 'struct', fields: [buf, len], element: (nums.layout as StructLayout).element } } satisfies StaticVariable;
    const read = readerOf(session);
    expect((await staticValue(later, types, read))?.text).toBe('len 3 [0, 10 (0xa), 20 (0x14)]');
    // Without the Vec's T, as the pointer types them: the first three bytes.
    const erased = { ...later, layout: { kind: 'struct', fields: [buf, len] } } satisfies StaticVariable;
    expect((await staticValue(erased, types, read))?.text).toBe('len 3 [0, 0, 0]');
  });

  it("the heap blocks a container owns are named through it: NAMES's buffer, each String's bytes", async () => {
    const session = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    const typed = heap.value.typedBlocks ?? [];
    expect(typed.map((t) => `${t.name}: ${t.pointee.type}`).sort()).toEqual([
      'containers::BOXED.__0: u64',
      // A LinkedList's nodes by their elements (the LinkedList test).
      'containers::CHAIN[0]: u64', 'containers::CHAIN[1]: u64', 'containers::CHAIN[2]: u64',
      'containers::NAMES: String', 'containers::NAMES[0]: u8', 'containers::NAMES[1]: u8',
      'containers::NUMS: u32',
      // A ring's buffer by its path: its index there is not the element's place in the queue.
      'containers::QUEUE.__0.buf.ptr.pointer.pointer: u32',
      'containers::SHARED.__0: RcBox<u32>', 'containers::TITLE: u8',
    ]);
    // A byte of the second String's text, and the length word of the second String in NAMES's buffer.
    const grace = typed.find((t) => t.name === 'containers::NAMES[1]')!;
    expect(pointeePlace(grace, grace.address + 2)).toBe('containers::NAMES[1][2] (u8)');
    const buffer = typed.find((t) => t.name === 'containers::NAMES')!;
    expect(pointeePlace(buffer, buffer.address + 12 + 8)).toBe('containers::NAMES[1].vec.len (usize)');
  });

  it("libc++'s vector and string read as their elements: a short string's bytes inline, a long one's on the heap", async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    const names = ['nums', 'shortName', 'longName', 'names'];
    expect(await values(session, names)).toEqual(['nums = size 0 []', 'shortName = size 0 ""', 'longName = size 0 ""', 'names = size 0 []']);
    await session.run();
    expect(await values(session, names)).toEqual([
      'nums = size 3 [0, 10 (0xa), 20 (0x14)]', 'shortName = size 3 "ada"',
      'longName = size 39 "a string too long for the inline buffer"', 'names = size 1 ["grace"]',
    ]);
    expect(await opened(session, 'nums')).toEqual(['nums[0] = 0', 'nums[1] = 10 (0xa)', 'nums[2] = 20 (0x14)']);
    expect(await opened(session, 'names')).toEqual(['names[0] = size 5 "grace"']);
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    // make_shared puts the int inside its control block's allocation: shared points into its middle.
    // nums's buffer is named by nums, though the span `pair` over it comes first in memory.
    // A map's, set's or list's members point at node bases: they type nothing, and its nodes are
    // named by their entries (the next test). A deque's point at its blocks, named by their paths.
    const typed = heap.value.typedBlocks ?? [];
    expect(typed.filter((t) => t.node === undefined).map((t) => t.name).sort()).toEqual([
      'boxed', 'longName', 'names', 'nums', 'rounds.__map_.__first_', 'rounds.__map_.__first_[0]', 'rounds.__map_.__first_[1]', 'words[1]',
    ]);
    const second = typed.find((t) => t.name === 'rounds.__map_.__first_[1]')!;
    expect(pointeePlace(second, second.address + 8)).toBe('rounds.__map_.__first_[1][2] (int)');
    // The deque's second block is said from its map's slot, not from a stale word beside the stack.
    const scanned = await session.heap({ references: true });
    if (!scanned.ok) throw new Error(scanned.error.message);
    expect(leakReference(scanned.value, second.address)).toMatch(/^still pointed to from 0x[0-9a-f]+, in rounds\.__map_\.__first_\[1\] \(int \*\), the 12 B block at 0x[0-9a-f]+$/);
  });

  it('smart pointers read as their address, and counted ones with their owners as the language counts them', async () => {
    const rust = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    await rust.run();
    expect(await values(rust, ['containers::SHARED', 'containers::BOXED'])).toEqual([
      expect.stringMatching(/^containers::SHARED = Some\(0x[0-9a-f]+\) \(strong 2, weak 1\)$/), expect.stringMatching(/^containers::BOXED = Some\(0x[0-9a-f]+\)$/),
    ]);
    // Two Rcs and a Weak: strong_count 2 and weak_count 1, and what each points at.
    const rc = /^0x[0-9a-f]+ \(strong 2, weak 1\)$/;
    expect((await opened(rust, 'containers::SHARED'))[0]).toMatch(/^containers::SHARED\.__0 = /);
    expect((await opened(rust, 'containers::SHARED'))[0]!.split(' = ')[1]).toMatch(rc);
    expect((await opened(rust, 'containers::WEAK'))[0]!.split(' = ')[1]).toMatch(rc);
    const cpp = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    const before = await values(cpp, ['boxed', 'shared', 'weak']);
    expect(before).toEqual(['boxed = 0x0', 'shared = 0x0', 'weak = 0x0']);
    await cpp.run();
    const after = await values(cpp, ['boxed', 'shared', 'other', 'weak']);
    expect(after[0]).toMatch(/^boxed = 0x[0-9a-f]+$/);
    expect(after.slice(1)).toEqual([expect.stringMatching(/^shared = 0x[0-9a-f]+ \(strong 2, weak 1\)$/), expect.stringMatching(/^other = 0x[0-9a-f]+ \(strong 2, weak 1\)$/), expect.stringMatching(/^weak = 0x[0-9a-f]+ \(strong 2, weak 1\)$/)]);
    expect(await opened(cpp, 'boxed')).toEqual(['boxed[0] = 42 (0x2a)']);
    expect(await opened(cpp, 'shared')).toEqual(['shared[0] = 7']);
  });

  it("Rust's HashMap and HashSet read as their entries, found through the table's control bytes", async () => {
    const session = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    expect(await values(session, ['containers::COUNTS', 'containers::SEEN'])).toEqual(['containers::COUNTS = None', 'containers::SEEN = None']);
    await session.run();
    // Bucket order: std's hash keys are fixed on wasm32-unknown-unknown, so it is the same each run.
    expect(await values(session, ['containers::COUNTS', 'containers::SEEN'])).toEqual([
      'containers::COUNTS = Some(len 2) {"ada": 1, "grace": 2}', 'containers::SEEN = Some(len 2) {3, 5}',
    ]);
    expect(await opened(session, 'containers::COUNTS')).toEqual(['containers::COUNTS.__0 = len 2 {"ada": 1, "grace": 2}']);
    // Each opens into its entries, a map's named by their keys, a set's by their place.
    expect(await entries(session, 'containers::COUNTS', '__0')).toEqual(['containers::COUNTS.__0["ada"] = 1', 'containers::COUNTS.__0["grace"] = 2']);
    expect(await entries(session, 'containers::SEEN', '__0')).toEqual(['containers::SEEN.__0[0] = 3', 'containers::SEEN.__0[1] = 5']);
  });

  it("Rust's BTreeMap and BTreeSet read in key order, through internal nodes", async () => {
    const session = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    expect(await values(session, ['containers::ORDERED', 'containers::TAGS'])).toEqual([
      'containers::ORDERED = Some(len 30) {1: 1, 2: 4, 3: 9, 4: 16 (0x10), 5: 25 (0x19), 6: 36 (0x24), 7: 49 (0x31), 8: 64 (0x40), …}',
      'containers::TAGS = Some(len 3) {"a", "b", "c"}',
    ]);
    // 30 keys need a root with leaves below it: all of them, in order, by key.
    const ordered = await entries(session, 'containers::ORDERED', '__0');
    expect(ordered).toHaveLength(30);
    expect(ordered.slice(9, 12)).toEqual(['containers::ORDERED.__0[10] = 100 (0x64)', 'containers::ORDERED.__0[11] = 121 (0x79)', 'containers::ORDERED.__0[12] = 144 (0x90)']);
    expect(ordered.at(-1)).toBe('containers::ORDERED.__0[30] = 900 (0x384)');
    expect(await entries(session, 'containers::TAGS', '__0')).toEqual(['containers::TAGS.__0[0] = len 1 "a"', 'containers::TAGS.__0[1] = len 1 "b"', 'containers::TAGS.__0[2] = len 1 "c"']);
  });

  it("Rust's VecDeque reads front to back around the end of its ring", async () => {
    const session = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    expect(await values(session, ['containers::QUEUE'])).toEqual(['containers::QUEUE = Some(len 6) [3, 4, 5, 100 (0x64), 101 (0x65), 102 (0x66)]']);
    const queue = await entries(session, 'containers::QUEUE', '__0');
    expect(queue.map((e) => e.split(' = ')[1])).toEqual(['3', '4', '5', '100 (0x64)', '101 (0x65)', '102 (0x66)']);
    // The last is at the buffer's start: below the first.
    const address = (await mapPartsOf(session, 'containers::QUEUE', '__0')).map((e) => e.address);
    expect(address[5]).toBeLessThan(address[0]!);
  });

  it("Rust's LinkedList reads front to back along its nodes, each node a heap block named by its element", async () => {
    const session = await open(join(TESTDATA, 'containers-rust.wasm'), { sequence: 'fill(3)\n' });
    expect(await values(session, ['containers::CHAIN'])).toEqual(['containers::CHAIN = len 0 []']);
    await session.run();
    expect(await values(session, ['containers::CHAIN'])).toEqual(['containers::CHAIN = len 3 [6, 7, 8]']);
    expect(await entries(session, 'containers::CHAIN')).toEqual(['containers::CHAIN[0] = 6', 'containers::CHAIN[1] = 7', 'containers::CHAIN[2] = 8']);
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    // A Rust node holds its element first, its links after it.
    const nodes = (heap.value.typedBlocks ?? []).filter((t) => t.name.startsWith('containers::CHAIN'));
    expect(nodes.map((t) => `${t.name} @${t.node}`).sort()).toEqual(['containers::CHAIN[0] @0', 'containers::CHAIN[1] @0', 'containers::CHAIN[2] @0']);
    const [first, second, third] = [0, 1, 2].map((i) => nodes.find((t) => t.name === `containers::CHAIN[${i}]`)!);
    expect(pointeePlace(first!, first!.address)).toBe('containers::CHAIN[0] (u64)');
    // The middle node is pointed to by both neighbours' links: the last's `prev` (at 12) comes first in memory.
    expect(leakReference(heap.value, second!.address)).toBe(`still pointed to from ${hexAddress(third!.address + 12)}, in the node of containers::CHAIN[2], outside its entry, the 20 B block at ${hexAddress(third!.address)}`);
  });

  it("libc++'s map and set read in key order, walking the tree; an unordered_map along its list; a list front to back", async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    const names = ['ages', 'primes', 'squares', 'words', 'readings', 'rounds'];
    expect(await values(session, names)).toEqual(['ages = size 0 {}', 'primes = size 0 {}', 'squares = size 0 {}', 'words = size 0 []', 'readings = empty []', 'rounds = size 0 []']);
    await session.run();
    const head = (await readerOf(session)(session.info.statics!.find((v) => v.name === 'readings')!.address, 4))!;
    expect(await values(session, names)).toEqual([
      'ages = size 2 {"ada": 36 (0x24), "grace": 85 (0x55)}', 'primes = size 3 {2, 3, 5}', 'squares = size 1 {3: 9}', 'words = size 2 ["ada", "lovelace, the first programmer"]',
      // A forward_list keeps no count: its first node's address, then its values (doubles, at 8 in their nodes).
      `readings = 0x${new DataView(head.buffer, head.byteOffset).getUint32(0, true).toString(16)} [0.5, 2.5]`,
      'rounds = size 1028 [-1, 3, 4, 5, 6, 7, 8, 9, …]',
    ]);
    expect(await entries(session, 'words')).toEqual(['words[0] = size 3 "ada"', 'words[1] = size 30 "lovelace, the first programmer"']);
    expect(await entries(session, 'readings')).toEqual(['readings[0] = 0.5', 'readings[1] = 2.5']);
  });

  it("the nodes of libc++'s map, set, unordered_map, list and forward_list are heap blocks named by their entries", async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    const typed = heap.value.typedBlocks ?? [];
    const node = (name: string) => typed.find((t) => t.name === name && t.node !== undefined)!;
    // Each entry as the Statics panel opens it, its value after the node's links (a tree's at 16).
    expect(typed.filter((t) => t.node !== undefined).map((t) => `${t.name} @${t.node}`).sort()).toEqual([
      'ages["ada"] @16', 'ages["grace"] @16', 'primes[0] @16', 'primes[1] @16', 'primes[2] @16',
      'readings[0] @8', 'readings[1] @8', 'squares[3] @8', 'words[0] @8', 'words[1] @8',
    ]);
    const ada = node('ages["ada"]');
    expect(typedBlockText(ada)).toBe('the node of ages["ada"] (__value_type<…>)');
    expect(pointeePlace(ada, ada.address + 4)).toBe('the node of ages["ada"], outside its entry');
    expect(pointeePlace(ada, ada.address + 16 + 12)).toBe('ages["ada"].__cc_.second (int)');
    expect(pointeePlace(ada, ada.address + ada.size)).toBeNull();
    expect(blockParts(node('primes[0]'))).toBeNull();
    expect(blockParts(ada)).toMatchObject({ path: 'ages["ada"]', address: ada.address + 16 });
    // The pointers in an entry are followed as a static's: the long string's bytes are words[1]'s.
    const long = node('words[1]');
    const bytes = typed.find((t) => t.name === 'words[1]' && t.node === undefined)!;
    expect(typedBlockText(bytes)).toBe('what words[1] points at (char)');
    expect(leakReference(heap.value, bytes.address)).toBe(`still pointed to from ${hexAddress(long.address + 8)}, in words[1].__r_.__value_.__l.__data_ (pointer), the 28 B block at ${hexAddress(long.address)}`);
    // One node pointing at the next: said by the node it is in.
    const second = node('readings[1]');
    expect(leakReference(heap.value, second.address)).toBe(`still pointed to from ${hexAddress(node('readings[0]').address)}, in the node of readings[0], outside its entry, the 28 B block at ${hexAddress(node('readings[0]').address)}`);
  });

  it("libc++'s optional reads as nullopt or its value alone, a variant as the alternative it holds, a tuple as its elements", async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    const names = ['maybe', 'label', 'never', 'choice', 'number'];
    expect(await values(session, names)).toEqual(['maybe = nullopt', 'label = nullopt', 'never = nullopt', 'choice = 0', 'number = 0']);
    expect(await opened(session, 'maybe')).toEqual([]);
    await session.run();
    // label's value is a std::string: DWARF types it by the typedef value_type, the optional's
    // _Tp says what it is; a variant's alternatives are its _Types, in order.
    expect(await values(session, names)).toEqual(['maybe = 3', 'label = size 3 "ada"', 'never = nullopt', 'choice = size 5 "grace"', 'number = 2.5']);
    expect(await opened(session, 'maybe')).toEqual(['maybe.__val_ = 3']);
    expect(await opened(session, 'label')).toEqual(['label.__val_ = size 3 "ada"']);
    expect(await opened(session, 'choice')).toEqual(['choice.__value = size 5 "grace"']);
    // A tuple reads as its elements, named as Rust names a tuple's; a short string in it as its
    // text, its bytes being the tuple's own.
    expect(await values(session, ['record'])).toEqual(['record = (3, 0.25, "lovelace")']);
    expect(await opened(session, 'record')).toEqual(['record.__0 = 3', 'record.__1 = 0.25', 'record.__2 = size 8 "lovelace"']);
    // An index no alternative has: a variant left valueless by an exception.
    const choice = session.info.statics!.find((v) => v.name === 'choice')!;
    expect(valueText(choice, new Uint8Array(24).fill(0xff), session.info.staticTypes)).toBe('valueless_by_exception');
  });

  it("libc++'s deque reads across its blocks of 1,024 ints, in order, through its map of blocks", async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    const read = readerOf(session);
    const rounds = session.info.statics!.find((v) => v.name === 'rounds')!;
    const found = (await mapEntries(rounds, rounds.address, (await read(rounds.address, rounds.size!))!, session.info.staticTypes, read, 2000))!;
    const ints = found.entries.map((e) => new DataView(e.key.bytes.buffer, e.key.bytes.byteOffset).getInt32(0, true));
    // push_back 0…1029, pop_front three times, push_front -1.
    expect(found.count).toBe(1028);
    expect(ints).toEqual([-1, ...Array.from({ length: 1027 }, (_, i) => i + 3)]);
    // Two blocks: the addresses step by 4 within one and jump between them.
    const jumps = found.entries.slice(1).filter((e, i) => e.key.address !== found.entries[i]!.key.address + 4);
    expect(jumps).toHaveLength(1);
  });

  it("libc++'s string_view and span read as what they view, a std::array as its elements", async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    expect(await values(session, ['view', 'quad', 'window', 'pair'])).toEqual(['view = size 6 "string"', 'quad = [1, 2, 3, 3]', 'window = size 2 [10 (0xa), 20 (0x14)]', 'pair = size 2 [0, 10 (0xa)]']);
    // A fixed extent is its type's: span<int, 2UL> keeps only its pointer.
    expect(await opened(session, 'pair')).toEqual(['pair[0] = 0', 'pair[1] = 10 (0xa)']);
    expect(await opened(session, 'window')).toEqual(['window[0] = 10 (0xa)', 'window[1] = 20 (0x14)']);
    expect(await opened(session, 'quad')).toEqual(['quad[0] = 1', 'quad[1] = 2', 'quad[2] = 3', 'quad[3] = 3']);
    expect(await entries(session, 'ages')).toEqual(['ages["ada"] = 36 (0x24)', 'ages["grace"] = 85 (0x55)']);
    expect(await entries(session, 'primes')).toEqual(['primes[0] = 2', 'primes[1] = 3', 'primes[2] = 5']);
    expect(await entries(session, 'squares')).toEqual(['squares[3] = 9']);
  });

  it('corrupt memory ends a walk and a read: a tree or forward_list whose node points back, a huge length, a table out of memory', async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'), { sequence: 'fill(3)\n' });
    await session.run();
    const at = (name: string) => session.info.statics!.find((v) => v.name === name)!.address;
    const word = async (address: number) => new DataView((await readerOf(session)(address, 4))!.buffer).getUint32(0, true);
    // ages' first node (its __begin_node_) gets itself as its right child: walked again, it would never end.
    const first = await word(at('ages'));
    expect((await session.writeMemory(first + 4, new Uint8Array(new Uint32Array([first]).buffer))).ok).toBe(true);
    expect(await values(session, ['ages'])).toEqual(['ages = size 2 {"ada": 36 (0x24), …}']);
    expect(await entries(session, 'ages')).toEqual(['ages["ada"] = 36 (0x24)']);
    // readings' second node gets its first as its next: read once each, and not called whole.
    const one = await word(at('readings'));
    const two = await word(one);
    expect((await session.writeMemory(two, new Uint8Array(new Uint32Array([one]).buffer))).ok).toBe(true);
    expect((await values(session, ['readings']))[0]).toMatch(/^readings = 0x[0-9a-f]+ \[0\.5, 2\.5, …\]$/);
    // nums claims 2^32 - 1 ints: its first 8 are read, and it opens into its first 100.
    expect((await session.writeMemory(at('nums') + 4, new Uint8Array([0xfc, 0xff, 0xff, 0xff]))).ok).toBe(true);
    expect((await values(session, ['nums']))[0]).toMatch(/^nums = size \d+ \[0, 10 \(0xa\), 20 \(0x14\), .*, …\]$/);
    expect(await opened(session, 'nums')).toHaveLength(100);
  });

  it('bytes that cannot be a container read as the struct they are', async () => {
    const session = await open(join(TESTDATA, 'containers-cpp.wasm'));
    const types = session.info.staticTypes;
    const nums = session.info.statics!.find((s) => s.name === 'nums')!;
    const words = (...w: number[]) => new Uint8Array(new Uint32Array(w).buffer);
    // __end_ before __begin_, or not a whole number of ints past it.
    expect(valueText(nums, words(0x100, 0x80, 0x100), types)).toBe('{ __begin_: 0x100, __end_: 0x80, __end_cap_: { __value_: 0x100 } }');
    expect(valueText(nums, words(0x100, 0x106, 0x110), types)).toBe('{ __begin_: 0x100, __end_: 0x106, __end_cap_: { __value_: 0x110 } }');
    // A short string claiming more bytes than it holds inline (its size is the last byte's low 7 bits).
    const shortName = session.info.statics!.find((s) => s.name === 'shortName')!;
    expect(valueText(shortName, new Uint8Array([0x61, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f]), types)).toMatch(/^\{ __r_: /);
  });
});

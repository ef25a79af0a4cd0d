// Collections of the standard library whose elements are not one run of memory, read entry by
// entry: Rust's HashMap and HashSet (hashbrown), BTreeMap and BTreeSet, VecDeque (a ring) and
// LinkedList (a chain of nodes); libc++'s map, set (a red-black tree), unordered_map,
// unordered_set (a list of hash nodes), list (a ring of nodes around a sentinel), forward_list
// (a chain of nodes) and deque (blocks through a map of pointers). Their members say where the
// entries are but not always what they are: the element type is then the table's type
// parameter, which the DWARF layout keeps (StructLayout.element). This file finds the entries
// and their bytes; static-values.ts reads them as values.

import type { PointedType, StaticField, StaticLayout } from './dto.ts';
import { hexAddress } from './hex.ts';
import { arrayElement, fieldAt, firstPointer, isTuple, numberAt, recogniser, transparent, type At, type Named } from './std-types.ts';

/** Reads `length` bytes of guest memory at `address` (fewer at memory's end); null when it cannot. */
type ReadMemory = (address: number, length: number) => Promise<Uint8Array | null>;

/**
 * Rust's HashMap<K, V> and HashSet<T>: a hashbrown table of (K, V) or (T, ()) buckets. Its
 * RawTableInner holds `bucket_mask` (buckets - 1, a power of two less one), `ctrl`, a pointer to
 * one control byte per bucket, and `items`. The buckets lie just below the control bytes, in
 * reverse: bucket i at ctrl - (i + 1) * sizeof(T); it is full when its control byte's top bit is
 * clear (0x80 and up mark empty and deleted ones). The element type is RawTable's T
 * (StructLayout.element), as no member is typed with it.
 */
interface HashTable {
  mask: At;
  ctrl: At;
  items: At;
  element: number;
}

/** The hash table a value is, or null for any other value. */
const hashTable = recogniser(/^(std::collections::hash::(map|set)::)?Hash(Map|Set)</, (_, layout): HashTable | null => {
  const raw = tableIn(layout, 0);
  const inner = raw && fieldAt(raw.layout, ['table'], raw.offset);
  const [mask, ctrl, items] = inner?.field.layout ? [['bucket_mask'], ['ctrl'], ['items']].map((path) => fieldAt(inner.field.layout, path, inner.offset)) : [];
  const pointer = ctrl?.field.layout ? firstPointer(ctrl.field.layout, ctrl.offset) : null;
  return raw && mask && pointer && items ? { mask, ctrl: pointer, items, element: raw.layout.element! } : null;
});

/** The first struct with an element type (a RawTable, a __tree) inside `layout`, depth first, and its offset. */
function tableIn(layout: StaticLayout, base: number): { layout: StaticLayout & { kind: 'struct' }; offset: number } | null {
  if (layout.kind !== 'struct') return null;
  if (layout.element !== undefined) return { layout, offset: base };
  for (const field of layout.fields) {
    const inner = field.layout ? tableIn(field.layout, base + field.offset) : null;
    if (inner) return inner;
  }
  return null;
}

/** What a hash table's own bytes say: its buckets, where its control bytes are, and its items. */
function tableOf(t: HashTable, bytes: Uint8Array): { buckets: number; ctrl: number; items: number } | null {
  const [mask, ctrl, items] = [numberAt(bytes, t.mask), numberAt(bytes, t.ctrl), numberAt(bytes, t.items)];
  return mask === null || ctrl === null || items === null || ctrl === 0 ? null : { buckets: mask + 1, ctrl, items };
}

/**
 * libc++'s node-based collections: std::map and std::set (a red-black tree, `__tree`), their
 * unordered kinds (a singly linked list of hash nodes, `__hash_table`) and std::list (a ring of
 * nodes through a sentinel, `__end_`). wasm32 node layouts:
 *   __tree_node   { __left_, __right_, __parent_, __is_black_ (byte), pad, __value_ @16 }
 *   __hash_node   { __next_, __hash_, __value_ @8 }
 *   __list_node   { __prev_, __next_, __value_ @8 }
 * A tree walks in order from `__begin_node_` to its end node, which lives in the map object
 * itself (`__pair1_.__value_`, whose `__left_` is the root); a hash table from the `__next_` of
 * the node before its first (`__p1_.__value_`) to a null; a list from its sentinel's `__next_`
 * back to the sentinel. The value type is the collection's `_Tp` (StructLayout.element): a set's
 * key, a list's element, or a map's __value_type { __cc_: pair { first, second } }.
 */
interface NodeTable {
  kind: 'tree' | 'hash' | 'list';
  /** Where the first node's address is. */
  first: At;
  /** A tree's end node or a list's sentinel, by its offset in the object: the walk stops at its address. */
  end: number;
  size: At;
  element: number;
}

/** Offsets of a node's parts (wasm32), as above. */
const TREE_NODE = { left: 0, right: 4, parent: 8, value: 16 } as const;
const HASH_NODE = { next: 0, value: 8 } as const;
const LIST_NODE = { next: 4, value: 8 } as const;

const CXX_TREE = /^(std::(__\w+::)?)?(map|multimap|set|multiset)</;
const CXX_HASH = /^(std::(__\w+::)?)?unordered_(map|multimap|set|multiset)</;

/** The libc++ tree, hash table or list a value is, or null for any other value. */
const nodeTable = recogniser(/^(std::(__\w+::)?)?((unordered_)?(map|multimap|set|multiset)|list)</, (type, layout): NodeTable | null => {
  const kind = CXX_TREE.test(type) ? 'tree' : CXX_HASH.test(type) ? 'hash' : 'list';
  const table = tableIn(layout, 0);
  if (!table) return null;
  const at = (...paths: string[][]) => paths.map((path) => fieldAt(table.layout, path, table.offset));
  const element = table.layout.element!;
  if (kind === 'tree') {
    const [first, end, size] = at(['__begin_node_'], ['__pair1_', '__value_'], ['__pair3_', '__value_']);
    return first && end && size ? { kind, first, end: end.offset, size, element } : null;
  }
  if (kind === 'hash') {
    const [first, size] = at(['__p1_', '__value_', '__next_'], ['__p2_', '__value_']);
    return first && size ? { kind, first, end: -1, size, element } : null;
  }
  const [end, first, size] = at(['__end_'], ['__end_', '__next_'], ['__size_alloc_', '__value_']);
  return end && first && size ? { kind, first, end: end.offset, size, element } : null;
});

/** A key, value or set member: its part of the element, its address and its bytes. */
export interface Slot {
  part: StaticField;
  address: number;
  bytes: Uint8Array;
}

/** One entry: a map's key and value, or a set's member as `key` with no value. */
export interface Entry {
  key: Slot;
  value: Slot | null;
  /** Where the whole entry (a map's __value_type, a set's member) starts, when it has a node of its own (Found.node). */
  node?: number;
}

/** A collection's first entries and how many it has. */
export interface Found {
  count: number;
  entries: Entry[];
  /**
   * The entries' type when each has a node of its own, one heap block per entry (libc++'s
   * trees, hash tables, lists and forward_lists, Rust's LinkedList): what types those blocks
   * (heap/node-blocks.ts).
   */
  node?: PointedType;
}

/** The first `max` entries of a collection whose own bytes, at `address`, are `bytes`, with how many it has; null when its bytes lead nowhere readable. */
type Entries = (address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, max: number) => Promise<Found | null>;

/** How one kind of collection is read: whether it is a sequence, what its own bytes say of it, and its entries. */
interface Walker {
  /** A VecDeque's or list's entries are a sequence (`[1, 2]`), not a map's or set's (`{…}`). */
  sequence: boolean;
  /**
   * Its members point at control bytes or node bases, not at what it holds (a hash table, a
   * tree, a list), so they would type its blocks wrongly; a deque's and a forward_list's point
   * at its elements and nodes as they are.
   */
  misleads: boolean;
  /** Each entry is in a node of its own, one heap block each (Found.node): libc++'s trees, hash tables, lists and forward_lists, Rust's LinkedList. */
  nodes: boolean;
  /** Its count as its language calls it (`len 2`, `size 3`); a forward_list, which keeps none, its first node's address. */
  summary(bytes: Uint8Array): string | null;
  entries: Entries;
}

/** `len 2`, `size 3`: a count a collection keeps, as its language calls it. */
const counted = (word: 'len' | 'size', count: (bytes: Uint8Array) => number | null) => (bytes: Uint8Array): string | null => {
  const n = count(bytes);
  return n === null ? null : `${word} ${n}`;
};

/** How the collection `p` is read, or null when it is none (HashMap, BTreeSet, VecDeque, LinkedList, std::map, unordered_…, list, forward_list, deque). */
function walkerOf(p: Named): Walker | null {
  const hash = hashTable(p);
  if (hash) return { sequence: false, misleads: true, nodes: false, summary: counted('len', (bytes) => tableOf(hash, bytes)?.items ?? null), entries: (_, bytes, types, read, max) => hashEntries(hash, bytes, types, read, max) };
  const tree = bTree(p);
  if (tree) return { sequence: false, misleads: true, nodes: false, summary: counted('len', (bytes) => numberAt(bytes, tree.length)), entries: (_, bytes, types, read, max) => bTreeEntries(tree, bytes, types, read, max) };
  const r = ring(p);
  if (r) return { sequence: true, misleads: false, nodes: false, summary: counted('len', (bytes) => ringOf(r, bytes)?.len ?? null), entries: (_, bytes, types, read, max) => ringEntries(r, bytes, types, read, max) };
  const nodes = nodeTable(p);
  if (nodes) return { sequence: nodes.kind === 'list', misleads: true, nodes: true, summary: counted('size', (bytes) => numberAt(bytes, nodes.size)), entries: (address, bytes, types, read, max) => nodeEntries(nodes, address, bytes, types, read, max) };
  const chain = forwardList(p) ?? linkedList(p);
  if (chain) return { sequence: true, misleads: false, nodes: true, summary: (bytes) => chainHead(chain, bytes), entries: (_, bytes, types, read, max) => chainEntries(chain, bytes, types, read, max) };
  const blocks = deque(p);
  if (blocks) return { sequence: true, misleads: false, nodes: false, summary: counted('size', (bytes) => numberAt(bytes, blocks.size)), entries: (_, bytes, types, read, max) => dequeEntries(blocks, bytes, types, read, max) };
  return null;
}

/** A collection read entry by entry (HashMap, BTreeSet, VecDeque, LinkedList, std::map, unordered_…, list, forward_list, deque). */
export function isMap(p: Named): boolean {
  return walkerOf(p) !== null;
}

/** Whether its entries are a sequence (a VecDeque, a list, a deque: `[1, 2]`), not a map's or set's (`{…}`). */
export function isSequence(p: Named): boolean {
  return walkerOf(p)?.sequence ?? false;
}

/** Whether a collection's members point at other things than what it holds (Walker.misleads): they must not type its heap blocks. */
export function pointersMislead(p: Named): boolean {
  return walkerOf(p)?.misleads ?? false;
}

/** Whether each of a collection's entries is in a node of its own, one heap block each (Walker.nodes). */
export function hasNodes(p: Named): boolean {
  return walkerOf(p)?.nodes ?? false;
}

/** What a collection's own bytes say of it: how many entries, as its language calls that (`len 2`, `size 3`), or a forward_list's first node; null for none. */
export function mapCount(p: Named, bytes: Uint8Array): string | null {
  return walkerOf(p)?.summary(bytes) ?? null;
}

/** Control bytes read at most for a hash table's entries: its first full buckets are among them. */
const CONTROL_BYTES = 4096;

/** Memory reads a walk of a tree or list makes at most: a corrupt one must not walk forever. */
const MAX_NODE_READS = 1024;

/**
 * The first `max` entries of the map or set `p` whose own bytes, at `address`, are `bytes`, in
 * bucket order (a hash table) or key order (a tree), with how many it has; null when it is no
 * map or its bytes lead nowhere readable.
 */
export async function mapEntries(p: Named, address: number, bytes: Uint8Array,
  types: readonly PointedType[] | undefined, read: ReadMemory, max: number): Promise<Found | null> {
  return walkerOf(p)?.entries(address, bytes, types, read, max) ?? null;
}

/** A hash table's entries: its full buckets, found by their control bytes. */
async function hashEntries(hash: HashTable, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, max: number): Promise<Found | null> {
  const table = tableOf(hash, bytes);
  const element = types?.[hash.element];
  if (!table || !element) return null;
  if (table.items === 0) return { count: 0, entries: [] };
  const control = await read(table.ctrl, Math.min(table.buckets, CONTROL_BYTES));
  if (!control) return null;
  const full: number[] = [];
  for (let i = 0; i < control.length && full.length < max; i++) if ((control[i]! & 0x80) === 0) full.push(i);
  const entries = await Promise.all(full.map(async (i) => {
    const at = table.ctrl - (i + 1) * element.size;
    const own = await read(at, element.size);
    return own && own.length === element.size ? entryAt(element, at, own) : null;
  }));
  return { count: table.items, entries: entries.filter((e) => e !== null) };
}

/** A libc++ tree's, hash table's or list's entries, node by node (a tree in key order). */
async function nodeEntries(nodes: NodeTable, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, max: number): Promise<Found | null> {
  const element = types?.[nodes.element];
  const count = numberAt(bytes, nodes.size);
  let node = numberAt(bytes, nodes.first);
  if (!element || count === null || node === null) return null;
  let reads = 0;
  /** The 4-byte word at `at`; null past the read budget or where memory cannot be read. */
  const word = async (at: number): Promise<number | null> => {
    if (++reads > MAX_NODE_READS) return null;
    const b = await read(at, 4);
    return b && b.length === 4 ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) : null;
  };
  const valueAt = { tree: TREE_NODE, hash: HASH_NODE, list: LIST_NODE }[nodes.kind].value;
  const end = address + nodes.end;
  const entries: Entry[] = [];
  // A node met again is a cycle only corrupt memory makes: the walk ends there.
  const seen = new Set<number>();
  while (node && node !== end && !seen.has(node) && entries.length < max && ++reads <= MAX_NODE_READS) {
    seen.add(node);
    const own = await read(node + valueAt, element.size);
    if (!own || own.length < element.size) break;
    entries.push({ ...entryAt(element, node + valueAt, own), node: node + valueAt });
    node = nodes.kind === 'tree' ? await successor(node, word) : await word(node + (nodes.kind === 'hash' ? HASH_NODE : LIST_NODE).next);
  }
  return { count, entries, node: element };
}

/** The node after `node` in a red-black tree: the leftmost below its right child, else the first ancestor it is left of. */
async function successor(node: number, word: (at: number) => Promise<number | null>): Promise<number | null> {
  let next = await word(node + TREE_NODE.right);
  if (next === null) return null;
  if (next !== 0) {
    for (let left = await word(next + TREE_NODE.left); left; left = await word(next + TREE_NODE.left)) next = left;
    return next;
  }
  let child = node;
  let parent = await word(child + TREE_NODE.parent);
  while (parent && (await word(parent + TREE_NODE.left)) !== child) {
    child = parent;
    parent = await word(child + TREE_NODE.parent);
  }
  return parent;
}

/** A pointed-to type as a part at offset 0: an element that is its own key (a set's member, a deque's element). */
function asPart(element: PointedType): StaticField {
  return { ...element, name: '', offset: 0 };
}

/**
 * An element's key and value: Rust's (K, V) tuple (`__0`, `__1`; a set's (T, ()) has no bytes
 * for the ()), libc++'s __value_type { __cc_: pair { first, second } }; else the element is a
 * set's member itself.
 */
function entryAt(element: PointedType, address: number, bytes: Uint8Array): Entry {
  const layout = element.layout?.kind === 'struct' ? element.layout : null;
  const cc = layout?.fields.find((f) => f.name === '__cc_');
  const pair = cc?.layout?.kind === 'struct' ? cc.layout.fields.map((f) => ({ ...f, offset: cc.offset + f.offset })) : null;
  const tuple = layout && isTuple(layout.fields) ? layout.fields : null;
  const parts = (pair ?? tuple)?.filter((f) => f.size !== 0);
  const slot = (f: StaticField): Slot => ({ part: f, address: address + f.offset, bytes: bytes.subarray(f.offset, f.offset + (f.size ?? 0)) });
  if (!parts || parts.length === 0 || parts.length > 2) return { key: slot(asPart(element)), value: null };
  return { key: slot(parts[0]!), value: parts[1] ? slot(parts[1]) : null };
}

/**
 * Rust's BTreeMap<K, V> and BTreeSet<T> (a BTreeMap<T, ()>): `root`, an Option<NodeRef { height,
 * node }> (None when `node` is null), and `length`. A node is a LeafNode { parent, keys:
 * [MaybeUninit<K>; 11], vals: [MaybeUninit<V>; 11], parent_idx, len: u16 }; an internal one
 * (height > 0) has `edges`, len + 1 child pointers, right after it. In order: each edge's
 * subtree, then the key beside it.
 */
interface BTree {
  height: At;
  node: At;
  length: At;
  /** The LeafNode<K, V> type (ModuleInfo.staticTypes). */
  leaf: number;
}

const bTree = recogniser(/^(alloc::collections::btree::(map|set)::)?BTree(Map|Set)</, (_, outer): BTree | null => {
  // A BTreeSet's map, else the map itself.
  const map = fieldAt(outer, ['map']);
  const [layout, base] = map?.field.layout ? [map.field.layout, map.offset] : [outer, 0];
  const root = fieldAt(layout, ['root'], base);
  const length = fieldAt(layout, ['length'], base);
  const some = someOf(root?.field.layout);
  const ref = some ? fieldAt(some, ['__0'], root!.offset) : null;
  const height = ref ? fieldAt(ref.field.layout, ['height'], ref.offset) : null;
  const nodeField = ref ? fieldAt(ref.field.layout, ['node'], ref.offset) : null;
  const node = nodeField?.field.layout ? firstPointer(nodeField.field.layout, nodeField.offset) : null;
  return height && node && length ? { height, node, length, leaf: node.field.pointee! } : null;
});

/** Edges of an internal node at most (B = 6: 11 keys, 12 edges). */
const MAX_EDGES = 12;

async function bTreeEntries(t: BTree, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, max: number): Promise<Found | null> {
  const leaf = types?.[t.leaf];
  const [count, root, height] = [numberAt(bytes, t.length), numberAt(bytes, t.node), numberAt(bytes, t.height)];
  const [keys, vals, len] = [['keys'], ['vals'], ['len']].map((path) => fieldAt(leaf?.layout, path));
  const [keyArray, valArray] = [keys?.field.layout, vals?.field.layout];
  if (!leaf || count === null || root === null || height === null || keyArray?.kind !== 'array' || !len) return null;
  const entries: Entry[] = [];
  if (root === 0) return { count, entries };
  // Each key and value is a MaybeUninit<K>: read as the K it wraps. A set's values take no
  // bytes, and DWARF lays out no array of them.
  const keyPart = transparent(arrayElement(keyArray));
  const valPart = valArray?.kind === 'array' ? transparent(arrayElement(valArray)) : null;
  // Edges right after the leaf's fields, at pointer alignment.
  const edgesAt = Math.ceil(leaf.size / 4) * 4;
  let reads = 0;
  const walk = async (node: number, depth: number): Promise<void> => {
    if (entries.length >= max || ++reads > MAX_NODE_READS || depth > 32) return;
    const own = await read(node, edgesAt + (depth > 0 ? 4 * MAX_EDGES : 0));
    const n = own ? numberAt(own, len) : null;
    if (!own || n === null || n > 11) return;
    const edge = (i: number) => new DataView(own.buffer, own.byteOffset + edgesAt + 4 * i, 4).getUint32(0, true);
    for (let i = 0; i <= n && entries.length < max; i++) {
      if (depth > 0 && own.length >= edgesAt + 4 * (i + 1)) await walk(edge(i), depth - 1);
      if (i === n || entries.length >= max) break;
      const slot = (array: At, stride: number, part: StaticField): Slot => {
        const at = array.offset + i * stride;
        return { part, address: node + at, bytes: own.subarray(at, at + (part.size ?? 0)) };
      };
      entries.push({ key: slot(keys!, keyArray.stride, keyPart), value: valPart?.size && valArray?.kind === 'array' ? slot(vals!, valArray.stride, valPart) : null });
    }
  };
  await walk(root, height);
  return { count, entries };
}

/**
 * Rust's VecDeque<T>: a ring buffer in a RawVec (`buf`: ptr, cap). Rust 1.63 keeps `tail` (the
 * first element) and `head` (one past the last) in a power-of-two capacity, so its length is
 * (head - tail) & (cap - 1); later versions keep `head` (the first) and `len`. Element i is at
 * ptr + ((first + i) % cap) * sizeof(T).
 */
interface Ring {
  ptr: At;
  /** The element type: the VecDeque's T where DWARF gives it (a later buffer pointer is a `Unique<u8>`), else the pointer's. */
  element: number;
  cap: At;
  first: At;
  /** Rust 1.63's one-past-the-last index, else null. */
  head: At | null;
  /** Later versions' length, else null. */
  len: At | null;
}

const ring = recogniser(/^(alloc::collections::vec_deque::)?VecDeque</, (_, layout): Ring | null => {
  const buf = fieldAt(layout, ['buf']);
  const ptr = buf?.field.layout ? firstPointer(buf.field.layout, buf.offset) : null;
  const cap = buf ? fieldAt(buf.field.layout, ['cap'], buf.offset) ?? fieldAt(buf.field.layout, ['inner', 'cap'], buf.offset) : null;
  const [tail, head, len] = [['tail'], ['head'], ['len']].map((path) => fieldAt(layout, path));
  if (!ptr || !cap || !head || !(tail || len)) return null;
  return { ptr, element: layout.element ?? ptr.field.pointee!, cap, first: tail ?? head, head: tail ? head : null, len: tail ? null : len! };
});

/** A ring's buffer, capacity, first index and length, as its own bytes say. */
function ringOf(r: Ring, bytes: Uint8Array): { ptr: number; cap: number; first: number; len: number } | null {
  const [ptr, cap, first] = [numberAt(bytes, r.ptr), numberAt(bytes, r.cap), numberAt(bytes, r.first)];
  if (ptr === null || cap === null || first === null || cap === 0) return cap === 0 && ptr !== null && first !== null ? { ptr, cap, first, len: 0 } : null;
  const len = r.head ? ((numberAt(bytes, r.head) ?? first) - first) & (cap - 1) : numberAt(bytes, r.len!);
  return len === null || len > cap ? null : { ptr, cap, first, len };
}

async function ringEntries(r: Ring, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, max: number): Promise<Found | null> {
  const placed = ringOf(r, bytes);
  const element = types?.[r.element];
  if (!placed || !element) return null;
  const addresses = Array.from({ length: Math.min(placed.len, max) }, (_, i) => placed.ptr + ((placed.first + i) % placed.cap) * element.size);
  return { count: placed.len, entries: await elementsAt(addresses, element, read) };
}

/** A sequence's elements at `addresses`, each read as `element`; those memory cannot give are left out. */
async function elementsAt(addresses: readonly number[], element: PointedType, read: ReadMemory): Promise<Entry[]> {
  const entries = await Promise.all(addresses.map(async (at) => {
    const own = await read(at, element.size);
    return own && own.length === element.size ? { key: { part: asPart(element), address: at, bytes: own }, value: null } : null;
  }));
  return entries.filter((e) => e !== null);
}

/**
 * A chain of nodes from a first pointer along each node's next to a null. libc++'s
 * forward_list<T>: nodes { __next_, union { __value_ } } from the `__next_` of
 * `__before_begin_`; it keeps no count. Rust's LinkedList<T>: `head`, an
 * Option<NonNull<Node<T>>> (None is the null pointer), and `len`; a Node<T> { element, next,
 * prev } (its `next` an Option like `head`). The node's own DWARF, which the first pointer
 * points to, places the value (a forward_list's double at 8: its alignment) and the next pointer.
 */
interface Chain {
  first: At;
  /** The count it keeps (Rust's `len`); null for a forward_list, which keeps none. */
  len: At | null;
  /** The value's path in the node, the first of these found. */
  value: string[][];
  /** The next pointer's path in the node. */
  next: string[];
}

const forwardList = recogniser(/^(std::(__\w+::)?)?forward_list</, (_, layout): Chain | null => {
  const first = fieldAt(layout, ['__before_begin_', '__value_', '__next_']);
  return first?.field.pointee !== undefined ? { first, len: null, value: [['', '__value_'], ['__value_']], next: ['__next_'] } : null;
});

const linkedList = recogniser(/^(alloc::collections::linked_list::)?LinkedList</, (_, layout): Chain | null => {
  const first = pointerIn(fieldAt(layout, ['head']));
  const len = fieldAt(layout, ['len']);
  return first && len ? { first, len, value: [['element']], next: ['next'] } : null;
});

/** The pointer a member is (`__next_`) or holds as an Option's Some (`head`, an Option<NonNull<T>>: None is null). */
function pointerIn(at: At | null): At | null {
  if (!at) return null;
  if (at.field.scalar === 'pointer' && at.field.pointee !== undefined) return at;
  const layout = at.field.layout;
  const inner = someOf(layout) ?? (layout?.kind === 'struct' ? layout : null);
  return inner ? firstPointer(inner, at.offset) : null;
}

/** The layout of a Rust Option's Some (its one case with fields), or null for a value that is no such enum. */
function someOf(layout: StaticLayout | undefined): StaticLayout | null {
  return layout?.kind === 'struct' ? layout.variants?.cases.find((c) => c.layout)?.layout ?? null : null;
}

/** A chain's own bytes: its count (`len 3`), or a forward_list's first node's address (`empty` when none). */
function chainHead(chain: Chain, bytes: Uint8Array): string | null {
  if (chain.len) return counted('len', (own) => numberAt(own, chain.len!))(bytes);
  const first = numberAt(bytes, chain.first);
  return first === null ? null : first === 0 ? 'empty' : hexAddress(first);
}

/**
 * A chain's entries, node by node. A forward_list keeps no count, so its Found.count is those
 * walked, and one more when the walk stopped before the chain's end (at `max`, at a node met
 * before, at memory it cannot read), so a summary ends in `…`.
 */
async function chainEntries(chain: Chain, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, max: number): Promise<Found | null> {
  const node = types?.[chain.first.field.pointee!];
  const value = chain.value.map((path) => fieldAt(node?.layout, path)).find((v) => v !== null) ?? null;
  const next = pointerIn(fieldAt(node?.layout, chain.next));
  let at = numberAt(bytes, chain.first);
  const len = chain.len ? numberAt(bytes, chain.len) : null;
  if (!value || !next || at === null || value.field.size === null || (chain.len && len === null)) return null;
  // The value's type as a pointer would name it, for its node's block (Found.node).
  const { type, size, scalar, enumerators, layout, pointee } = value.field;
  const element: PointedType = { type, size, ...(scalar ? { scalar } : {}), ...(enumerators ? { enumerators } : {}), ...(layout ? { layout } : {}), ...(pointee !== undefined ? { pointee } : {}) };
  const part = asPart(element);
  const reach = Math.max(value.offset + size, next.offset + 4);
  const entries: Entry[] = [];
  const seen = new Set<number>();
  while (at && !seen.has(at) && entries.length < max && seen.size < MAX_NODE_READS) {
    seen.add(at);
    const own = await read(at, reach);
    if (!own || own.length < reach) break;
    entries.push({ key: { part, address: at + value.offset, bytes: own.subarray(value.offset, value.offset + size) }, value: null, node: at + value.offset });
    at = numberAt(own, next);
  }
  return { count: len ?? entries.length + (at ? 1 : 0), entries, node: element };
}

/**
 * libc++'s deque<T>: its elements in blocks of a fixed count (4096 / sizeof(T) when T is under
 * 256 bytes, else 16), found through `__map_`, a split buffer of block pointers whose
 * `__begin_` is the first block's. `__start_` is the first element's index from that block's
 * start, `__size_` the count: element i is in block (start + i) / B, at (start + i) % B.
 */
interface Deque {
  blocks: At;
  start: At;
  size: At;
  /** The blocks' pointer type (T *), whose pointee is T. */
  block: number;
}

const deque = recogniser(/^(std::(__\w+::)?)?deque</, (_, layout): Deque | null => {
  const [blocks, start, size] = [fieldAt(layout, ['__map_', '__begin_']), fieldAt(layout, ['__start_']), fieldAt(layout, ['__size_', '__value_'])];
  return blocks?.field.pointee !== undefined && start && size ? { blocks, start, size, block: blocks.field.pointee } : null;
});

async function dequeEntries(d: Deque, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, max: number): Promise<Found | null> {
  const element = types?.[types[d.block]?.pointee ?? -1];
  const [blocks, start, count] = [numberAt(bytes, d.blocks), numberAt(bytes, d.start), numberAt(bytes, d.size)];
  if (!element || element.size === 0 || blocks === null || start === null || count === null) return null;
  const perBlock = element.size < 256 ? Math.floor(4096 / element.size) : 16;
  const shown = Math.min(count, max);
  if (shown === 0) return { count, entries: [] };
  const map = await read(blocks, 4 * (Math.floor((start + shown - 1) / perBlock) + 1));
  if (!map) return null;
  const view = new DataView(map.buffer, map.byteOffset, map.byteLength);
  const addresses: number[] = [];
  for (let i = start; i < start + shown && 4 * Math.floor(i / perBlock) + 4 <= map.length; i++) {
    addresses.push(view.getUint32(4 * Math.floor(i / perBlock), true) + (i % perBlock) * element.size);
  }
  return { count, entries: await elementsAt(addresses, element, read) };
}

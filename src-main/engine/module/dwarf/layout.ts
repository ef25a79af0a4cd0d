// The parts of a static's struct or array type, from DWARF (StaticVariable.layout): what names
// a byte inside a static (`origin.y`, `grid[1][2]`, `HITS.v.value`) in the heap report, the hex
// view's tooltip and the DAP's Statics scope.
//
// The first pass over .debug_info drops members (debug-info.ts: most belong to types no static
// has); a struct's are read again from its DIE (childrenOf) the first time a static of that type
// asks, once per type.
//
// A pointer (a static, or a member or element of one, or of a type pointed to) carries the index
// of its pointee in `types` (ModuleInfo.staticTypes): the type and layout that name the bytes of
// a heap block it points at. By index, because a type reaches itself through a pointer (a list
// node's `next`): its entry is made before its layout, which then refers to it.

import type { Enumerators, PointedType, StaticField, StaticLayout, VariantCase, Variants } from '../../../shared/dto.ts';
import { childrenOf, dieName, TAG, type Die, type DwarfSections } from './debug-info.ts';
import { arrayDims, scalarOf, typeName, typeSize } from './types.ts';
import { fieldAt } from '../../../shared/std-types.ts';

/**
 * A static (or pointed-to type) whose layout has more parts than this (fields and arrays,
 * nested ones included) gets none, and a byte in it reads as "N bytes in": the layouts travel
 * with the module's facts to the app, and a C++ or Rust build has types of hundreds of members.
 */
const MAX_LAYOUT_PARTS = 256;

/** Enumerators kept of one enum: they travel with the module's facts, and a generated enum can have thousands. */
const MAX_ENUMERATORS = 256;

/** Pointed-to types kept at most; a pointer to one more has no pointee. */
const MAX_POINTED_TYPES = 4096;

/** Typedefs and qualifiers a layout looks through. */
const ALIASES = new Set<number>([TAG.typedef, TAG.const, TAG.volatile, TAG.restrict, TAG.atomic]);
const POINTERS = new Set<number>([TAG.pointer, TAG.reference, TAG.rvalueReference]);

type Built = { layout: StaticLayout; parts: number };

/**
 * Collections whose members do not type what they hold, and the type parameter that does
 * (StructLayout.element): hashbrown's RawTable<T> (Rust's HashMap and HashSet), whose members
 * point to control bytes; libc++'s __tree<_Tp> (map, set) and __hash_table<_Tp> (unordered_map,
 * unordered_set) and __list_imp<_Tp> (list), whose members point to node bases, not the nodes
 * holding the values; Rust's Vec<T> and VecDeque<T>, whose buffer pointer is a `*const T` up to
 * rustc 1.82 or so and a type-erased `Unique<u8>` (RawVecInner) after.
 */
const ELEMENT_PARAMS: readonly [RegExp, string][] = [
  [/^RawTable</, 'T'], [/^__tree</, '_Tp'], [/^__hash_table</, '_Tp'], [/^__list_imp</, '_Tp'], [/^Vec</, 'T'], [/^VecDeque</, 'T'],
];

/**
 * libc++'s std::optional<T> as the enum it is: `__engaged_` says whether the union beside it
 * holds `__val_` (its bases' members, flattened: { union { __null_state_, __val_ }, __engaged_ }).
 * A disengaged one is the case `nullopt`; an engaged one the unnamed case of one field,
 * `__val_`, which reads as its value alone (`5`, `size 3 "ada"`). The member's type is named
 * by the typedef `value_type`, so it takes the optional's `_Tp` by name, which says what it is
 * (a std::string reads as its text).
 */
function cxxOptional(name: string, fields: readonly StaticField[], children: readonly Die[], dies: Map<number, Die>, size: number): Variants | null {
  if (!/^optional</.test(name)) return null;
  const engaged = fields.find((f) => f.name === '__engaged_');
  const union = fields.find((f) => f.name === '' && f.layout?.kind === 'struct' && f.layout.fields.some((m) => m.name === '__val_'));
  const val = union?.layout?.kind === 'struct' ? union.layout.fields.find((m) => m.name === '__val_') : undefined;
  if (!engaged || engaged.size !== 1 || !union || !val) return null;
  const param = typeParameter(children, '_Tp');
  const value: StaticField = { ...val, offset: union.offset + val.offset, ...(param ? { type: typeName(param, dies, 0) } : {}) };
  return { size, discr: { offset: engaged.offset, size: 1 }, cases: [{ name: 'nullopt', value: 0, layout: null }, { name: '', value: null, layout: { kind: 'struct', fields: [value] } }] };
}

/**
 * libc++'s std::variant<T0, T1, …> as the enum it is: `__impl_.__index` says which alternative
 * `__impl_.__data` holds, a union nested once per alternative (`__head: __alt<0, T0> { __value
 * }, __tail: { __head: __alt<1, T1> … }`). Each alternative is an unnamed case of one field,
 * `__value`, which reads as its value alone (`2.5`); its type is the variant's own `_Types`
 * pack's, in order (the member's is the typedef `__value_type`). Any other index (its type's
 * -1) is the case `valueless_by_exception`.
 */
function cxxVariant(name: string, fields: readonly StaticField[], children: readonly Die[], s: DwarfSections, dies: Map<number, Die>, size: number): Variants | null {
  if (!/^variant</.test(name)) return null;
  const impl = fields.find((f) => f.name === '__impl_');
  const index = fieldAt(impl?.layout, ['__index'], impl?.offset);
  let union = fieldAt(impl?.layout, ['__data'], impl?.offset);
  if (!index?.field.size || !union) return null;
  const pack = children.find((c) => c.tag === TAG.templateParameterPack && dieName(c) === '_Types');
  const types = pack ? childrenOf(pack, s).filter((c) => c.tag === TAG.templateTypeParameter && c.type !== undefined) : [];
  const cases: VariantCase[] = [];
  for (let i = 0; union && i < 64; i++) {
    const value = fieldAt(union.field.layout, ['__head', '__value'], union.offset);
    if (!value) break;
    const type = types[i] ? typeName(types[i]!.type!, dies, 0) : value.field.type;
    cases.push({ name: '', value: i, layout: { kind: 'struct', fields: [{ ...value.field, offset: value.offset, type }] } });
    union = fieldAt(union.field.layout, ['__tail'], union.offset);
  }
  if (cases.length === 0) return null;
  cases.push({ name: 'valueless_by_exception', value: null, layout: null });
  return { size, discr: { offset: index.offset, size: index.field.size }, cases };
}

/**
 * libc++'s std::tuple<T0, T1, …> as the tuple it is: its `__base_` derives from one leaf per
 * element, each a `__value_` (flattened: `{ __base_: { __value_, __value_, … } }`), so its
 * elements are named as Rust names a tuple's, `__0`, `__1`…, and read as one (`(7, 0.25)`).
 * Only when each element of its `_Tp` pack has its leaf (an empty type's leaf holds none).
 */
function cxxTuple(name: string, fields: readonly StaticField[], children: readonly Die[], s: DwarfSections): StaticField[] | null {
  if (!/^tuple</.test(name) || fields.length !== 1 || fields[0]!.name !== '__base_') return null;
  const base = fields[0]!;
  const leaves = base.layout?.kind === 'struct' ? base.layout.fields : [];
  const pack = children.find((c) => c.tag === TAG.templateParameterPack && dieName(c) === '_Tp');
  const count = pack ? childrenOf(pack, s).filter((c) => c.tag === TAG.templateTypeParameter).length : -1;
  if (leaves.length !== count || leaves.some((f) => f.name !== '__value_')) return null;
  return leaves.map((f, i) => ({ ...f, name: `__${i}`, offset: base.offset + f.offset }));
}

/** The type (a DIE offset) a template's type parameter `name` stands for, among its DIE's children. */
function typeParameter(children: readonly Die[], name: string): number | undefined {
  return children.find((c) => c.tag === TAG.templateTypeParameter && dieName(c) === name && c.type !== undefined)?.type;
}

/**
 * Struct types nested deeper than this (by value, each base class a level) are taken as broken
 * debug info. libc++'s variant lays its alternatives out deep: six bases between `variant` and
 * its `__impl_`'s members, then a union per alternative, so a std::string third needs 14.
 */
const MAX_DEPTH = 24;

export class Layouts {
  /** The pointed-to types, by the index pointers carry. */
  readonly types: PointedType[] = [];
  private readonly built = new Map<number, Built | null>();
  /** A pointer type's pointee index by the pointer type's ref (null: none). */
  private readonly pointees = new Map<number, number | null>();
  /** A pointed-to type's index by its own ref, so two pointer types to one type share it. */
  private readonly typeIndex = new Map<number, number>();
  /** An enum type's enumerators by its ref (null: not an enum, or none). */
  private readonly names = new Map<number, Enumerators | null>();

  constructor(private dies: Map<number, Die>, private readonly s: DwarfSections, private readonly addressSize: number) {}

  /**
   * Lays out the next unit's types (readUnits): what was built stays, by .debug_info offset,
   * which no other unit's DIE has.
   */
  readFrom(dies: Map<number, Die>): void {
    this.dies = dies;
  }

  /** The layout of a static of the type at `ref`; null for a scalar, a type DWARF does not describe, or one past MAX_LAYOUT_PARTS. */
  of(ref: number): StaticLayout | null {
    const found = this.build(ref, 0);
    return found && found.parts <= MAX_LAYOUT_PARTS ? found.layout : null;
  }

  /** What a pointer of the type at `ref` points to, as an index into `types`; null when it is no pointer, `void *` or of unknown size. */
  pointeeOf(ref: number): number | null {
    if (this.pointees.has(ref)) return this.pointees.get(ref)!;
    const t = this.resolved(ref);
    const index = t && POINTERS.has(t.tag) && t.type !== undefined ? this.indexOf(t.type) : null;
    this.pointees.set(ref, index);
    return index;
  }

  /** The type at `target` as an index into `types`, added on first use; null when of unknown or no size, or past MAX_POINTED_TYPES. */
  private indexOf(target: number): number | null {
    const size = typeSize(target, this.dies, this.addressSize, 0);
    if (size === null || size <= 0) return null;
    const key = this.resolved(target)?.offset ?? target;
    const index = this.typeIndex.get(key) ?? null;
    return index === null && this.types.length < MAX_POINTED_TYPES ? this.addType(target, key, size) : index;
  }

  /**
   * The enumerators of the enum type at `ref` (through typedefs), read from its DIE's children
   * once per type; null for any other type, or an enum of more than MAX_ENUMERATORS.
   */
  enumeratorsOf(ref: number): Enumerators | null {
    if (this.names.has(ref)) return this.names.get(ref)!;
    const t = this.resolved(ref);
    let found: Enumerators | null = null;
    if (t?.tag === TAG.enumeration) {
      const list = childrenOf(t, this.s).filter((e) => e.tag === TAG.enumerator && e.constValue !== undefined);
      if (list.length > 0 && list.length <= MAX_ENUMERATORS) found = Object.fromEntries(list.map((e) => [String(e.constValue), dieName(e) ?? '?']));
    }
    this.names.set(ref, found);
    return found;
  }

  /** Makes the entry of a pointed-to type before its layout, which may point back to it. */
  private addType(target: number, key: number, size: number): number {
    const index = this.types.length;
    const entry: PointedType = { type: typeName(target, this.dies, 0), size };
    this.types.push(entry);
    this.typeIndex.set(key, index);
    const scalar = scalarOf(target, this.dies, 0);
    if (scalar) entry.scalar = scalar;
    const names = this.enumeratorsOf(target);
    if (names) entry.enumerators = names;
    if (this.resolved(target)?.isBase) entry.single = true;
    const inner = this.build(target, 0);
    if (inner && inner.parts <= MAX_LAYOUT_PARTS) entry.layout = inner.layout;
    const next = scalar === 'pointer' ? this.pointeeOf(target) : null;
    if (next !== null) entry.pointee = next;
    return index;
  }

  private build(ref: number, depth: number): Built | null {
    if (this.built.has(ref)) return this.built.get(ref)!;
    const t = this.resolved(ref);
    let found: Built | null = null;
    if (t && depth <= MAX_DEPTH) {
      if (t.tag === TAG.structure || t.tag === TAG.class || t.tag === TAG.union) found = this.struct(t, depth);
      else if (t.tag === TAG.array && t.type !== undefined) found = this.array(t, t.type, arrayDims(t), depth);
    }
    this.built.set(ref, found);
    return found;
  }

  /** The type at `ref` through typedefs and qualifiers. */
  private resolved(ref: number): Die | undefined {
    let t = this.dies.get(ref);
    for (let hops = 0; t && ALIASES.has(t.tag) && hops < 8; hops++) t = t.type === undefined ? undefined : this.dies.get(t.type);
    return t;
  }

  /** Members in offset order; a C++ base class's members as the derived one's own, at the base's offset. */
  private struct(t: Die, depth: number): Built | null {
    const fields: StaticField[] = [];
    let parts = 1;
    let variants: Variants | null = null;
    let element: number | null = null;
    const children = childrenOf(t, this.s);
    for (const child of children) {
      if (child.tag === TAG.variantPart) {
        const found = this.variants(t, child, depth);
        if (found) [variants, parts] = [found.variants, parts + found.parts];
        continue;
      }
      if (child.type === undefined || child.declaration) continue;
      const offset = t.tag === TAG.union ? 0 : child.memberOffset ?? 0;
      if (child.tag === TAG.inheritance) {
        const base = this.build(child.type, depth + 1);
        if (base?.layout.kind !== 'struct') continue;
        for (const f of base.layout.fields) fields.push({ ...f, offset: f.offset + offset });
        // libc++'s list is its __list_imp base: what it holds is the base's.
        if (base.layout.element !== undefined) element ??= base.layout.element;
        parts += base.parts - 1;
        continue;
      }
      if (child.tag !== TAG.member) continue;
      const type = typeName(child.type, this.dies, 0);
      const scalar = scalarOf(child.type, this.dies, 0);
      const shift = child.bitShift ?? 0;
      const field: StaticField = child.bitSize !== undefined
        ? { name: dieName(child) ?? '', offset, size: Math.ceil((shift + child.bitSize) / 8), type: `${type} : ${child.bitSize}`, bits: { shift, width: child.bitSize } }
        : { name: dieName(child) ?? '', offset, size: typeSize(child.type, this.dies, this.addressSize, 0), type };
      if (scalar) field.scalar = scalar;
      const names = this.enumeratorsOf(child.type);
      if (names) field.enumerators = names;
      const inner = child.bitSize === undefined ? this.build(child.type, depth + 1) : null;
      if (inner) field.layout = inner.layout;
      const pointee = scalar === 'pointer' && child.bitSize === undefined ? this.pointeeOf(child.type) : null;
      if (pointee !== null) field.pointee = pointee;
      parts += 1 + (inner?.parts ?? 0);
      fields.push(field);
    }
    if (fields.length === 0 && !variants) return null;
    fields.sort((a, b) => a.offset - b.offset);
    const name = dieName(t) ?? '';
    const wanted = ELEMENT_PARAMS.find(([type]) => type.test(name))?.[1];
    const param = wanted ? typeParameter(children, wanted) : undefined;
    if (param !== undefined) element = this.indexOf(param) ?? element;
    const alternatives = variants || t.byteSize === undefined ? null
      : cxxOptional(name, fields, children, this.dies, t.byteSize) ?? cxxVariant(name, fields, children, this.s, this.dies, t.byteSize);
    if (alternatives) return { layout: { kind: 'struct', fields: [], variants: alternatives }, parts };
    const elements = cxxTuple(name, fields, children, this.s);
    if (elements) return { layout: { kind: 'struct', fields: elements }, parts };
    return { layout: { kind: 'struct', fields, ...(variants ? { variants } : {}), ...(element !== null ? { element } : {}) }, parts };
  }

  /**
   * A Rust enum's variant part (under the enum's struct): the member it names as the
   * discriminant, and each variant's one member, a struct of that variant's fields at their
   * offsets in the enum (rustc puts it at 0). A variant without fields has no layout.
   */
  private variants(t: Die, part: Die, depth: number): { variants: Variants; parts: number } | null {
    if (t.byteSize === undefined) return null;
    let discr: Variants['discr'] | null = null;
    const cases: VariantCase[] = [];
    let parts = 0;
    for (const child of childrenOf(part, this.s)) {
      if (child.tag === TAG.member && child.offset === part.discr && child.type !== undefined) {
        const size = typeSize(child.type, this.dies, this.addressSize, 0);
        if (size) discr = { offset: child.memberOffset ?? 0, size };
      } else if (child.tag === TAG.variant) {
        const member = childrenOf(child, this.s).find((m) => m.tag === TAG.member && m.type !== undefined);
        if (!member) continue;
        const inner = this.build(member.type!, depth + 1);
        const at = member.memberOffset ?? 0;
        const layout = inner?.layout.kind === 'struct' ? { ...inner.layout, fields: inner.layout.fields.map((f) => ({ ...f, offset: f.offset + at })) } : null;
        cases.push({ name: dieName(member) ?? '?', value: child.discrValue ?? null, layout });
        parts += 1 + (inner?.parts ?? 0);
      }
    }
    return discr && cases.length > 0 ? { variants: { size: t.byteSize, discr, cases }, parts } : null;
  }

  /** `int[3][4]`: 3 elements of `int[4]`, each 4 elements of `int`. */
  private array(t: Die, elementRef: number, dims: (number | null)[], depth: number): Built | null {
    const elementSize = typeSize(elementRef, this.dies, this.addressSize, 0);
    if (elementSize === null || dims.slice(1).some((n) => n === null)) return null;
    const inner = dims.length > 1 ? this.array(t, elementRef, dims.slice(1), depth) : this.build(elementRef, depth + 1);
    const stride = dims.slice(1).reduce<number>((total, n) => total * n!, elementSize);
    if (stride === 0) return null;
    const element = `${typeName(elementRef, this.dies, 0)}${dims.slice(1).map((n) => `[${n}]`).join('')}`;
    const layout: StaticLayout = { kind: 'array', count: dims[0]!, stride, element };
    const scalar = dims.length === 1 ? scalarOf(elementRef, this.dies, 0) : null;
    if (scalar) layout.scalar = scalar;
    const names = dims.length === 1 ? this.enumeratorsOf(elementRef) : null;
    if (names) layout.enumerators = names;
    if (inner) layout.layout = inner.layout;
    const pointee = scalar === 'pointer' ? this.pointeeOf(elementRef) : null;
    if (pointee !== null) layout.pointee = pointee;
    return { layout, parts: 1 + (inner?.parts ?? 0) };
  }
}

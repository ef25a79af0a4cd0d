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
import { cxxOptional, cxxTuple, cxxVariant, elementParameter } from './std-layouts.ts';

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

  /**
   * Whether the type at `ref` is a pointer to a function, through typedefs and qualifiers on
   * either side (`op_fn`, `int (*const)(int)`): its value is a table slot, not an address, and
   * a typedef's name (`op_fn`) does not say so.
   */
  pointsAtFunction(ref: number): boolean {
    const t = this.resolved(ref);
    return t?.tag === TAG.pointer && t.type !== undefined && this.resolved(t.type)?.tag === TAG.subroutineType;
  }

  /** Whether the type at `ref` is a C++ reference (`int &`, `Node &&`), through typedefs and qualifiers (`using IntRef = int &`). */
  isReference(ref: number): boolean {
    const tag = this.resolved(ref)?.tag;
    return tag === TAG.reference || tag === TAG.rvalueReference;
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
    if (this.pointsAtFunction(target)) entry.functionPointer = true;
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
      if (child.bitSize === undefined && this.pointsAtFunction(child.type)) field.functionPointer = true;
      if (child.bitSize === undefined && this.isReference(child.type)) field.reference = true;
      parts += 1 + (inner?.parts ?? 0);
      fields.push(field);
    }
    if (fields.length === 0 && !variants) return null;
    fields.sort((a, b) => a.offset - b.offset);
    const name = dieName(t) ?? '';
    const param = elementParameter(name, children);
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
    if (dims.length === 1 && this.pointsAtFunction(elementRef)) layout.functionPointer = true;
    return { layout, parts: 1 + (inner?.parts ?? 0) };
  }
}

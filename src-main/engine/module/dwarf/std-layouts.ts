// The standard libraries' types whose DWARF, as compilers write it, does not say what they are
// (layout.ts asks here once per struct): collections whose members do not type what they hold,
// whose element type is a template parameter (StructLayout.element); and libc++'s optional,
// variant and tuple, whose values sit in unions and flattened base classes under typedef'd or
// repeated names, laid out here as the enum or tuple each is.

import type { StaticField, VariantCase, Variants } from '../../../shared/dto.ts';
import { fieldAt } from '../../../shared/std-types.ts';
import { childrenOf, dieName, TAG, type Die, type DwarfSections } from './debug-info.ts';
import { typeName } from './types.ts';

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

/** The type (a DIE offset) that says what the struct `name` holds, when it is one of ELEMENT_PARAMS. */
export function elementParameter(name: string, children: readonly Die[]): number | undefined {
  const wanted = ELEMENT_PARAMS.find(([type]) => type.test(name))?.[1];
  return wanted ? typeParameter(children, wanted) : undefined;
}

/**
 * libc++'s std::optional<T> as the enum it is: `__engaged_` says whether the union beside it
 * holds `__val_` (its bases' members, flattened: { union { __null_state_, __val_ }, __engaged_ }).
 * A disengaged one is the case `nullopt`; an engaged one the unnamed case of one field,
 * `__val_`, which reads as its value alone (`5`, `size 3 "ada"`). The member's type is named
 * by the typedef `value_type`, so it takes the optional's `_Tp` by name, which says what it is
 * (a std::string reads as its text).
 */
export function cxxOptional(name: string, fields: readonly StaticField[], children: readonly Die[], dies: Map<number, Die>, size: number): Variants | null {
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
export function cxxVariant(name: string, fields: readonly StaticField[], children: readonly Die[], s: DwarfSections, dies: Map<number, Die>, size: number): Variants | null {
  if (!/^variant</.test(name)) return null;
  const impl = fields.find((f) => f.name === '__impl_');
  const index = fieldAt(impl?.layout, ['__index'], impl?.offset);
  let union = fieldAt(impl?.layout, ['__data'], impl?.offset);
  if (!index?.field.size || !union) return null;
  const types = packTypes(children, '_Types', s) ?? [];
  const cases: VariantCase[] = [];
  for (let i = 0; union && i < 64; i++) {
    const value = fieldAt(union.field.layout, ['__head', '__value'], union.offset);
    if (!value) break;
    const type = types[i] !== undefined ? typeName(types[i]!, dies, 0) : value.field.type;
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
export function cxxTuple(name: string, fields: readonly StaticField[], children: readonly Die[], s: DwarfSections): StaticField[] | null {
  if (!/^tuple</.test(name) || fields.length !== 1 || fields[0]!.name !== '__base_') return null;
  const base = fields[0]!;
  const leaves = base.layout?.kind === 'struct' ? base.layout.fields : [];
  if (leaves.length !== packTypes(children, '_Tp', s)?.length || leaves.some((f) => f.name !== '__value_')) return null;
  return leaves.map((f, i) => ({ ...f, name: `__${i}`, offset: base.offset + f.offset }));
}

/** The type (a DIE offset) a template's type parameter `name` stands for, among its DIE's children. */
function typeParameter(children: readonly Die[], name: string): number | undefined {
  return children.find((c) => c.tag === TAG.templateTypeParameter && dieName(c) === name && c.type !== undefined)?.type;
}

/** The types (DIE offsets) a template's parameter pack `name` stands for, in order; undefined for no such pack. */
function packTypes(children: readonly Die[], name: string, s: DwarfSections): number[] | undefined {
  const pack = children.find((c) => c.tag === TAG.templateParameterPack && dieName(c) === name);
  return pack && childrenOf(pack, s).flatMap((c) => (c.tag === TAG.templateTypeParameter && c.type !== undefined ? [c.type] : []));
}

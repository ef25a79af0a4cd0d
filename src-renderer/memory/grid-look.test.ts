// grid-look's readings of computed CSS, in the forms Chromium's getComputedStyle returns them.
import { describe, expect, it } from 'vitest';
import { insetShadows, lookOf, stripes } from './grid-look.ts';

/** The computed style of a plain run: what getComputedStyle gives for an unstyled span. */
const plain: Record<string, string> = {
  fontWeight: '400', fontSize: '13px', fontFamily: '"DejaVu Sans Mono", monospace', color: 'rgb(215, 218, 224)',
  backgroundColor: 'rgba(0, 0, 0, 0)', backgroundImage: 'none', boxShadow: 'none', outlineStyle: 'none',
  outlineWidth: '3px', outlineColor: 'rgb(0, 0, 0)', outlineOffset: '0px', borderTopLeftRadius: '0px',
  borderLeftStyle: 'none', borderLeftWidth: '0px', borderLeftColor: 'rgb(0, 0, 0)', opacity: '1',
  textDecorationLine: 'none', textDecorationStyle: 'solid', textDecorationColor: 'rgb(215, 218, 224)',
  textDecorationThickness: 'auto', textUnderlineOffset: 'auto', paddingLeft: '0px', paddingRight: '0px', borderTopStyle: 'none',
  borderTopWidth: '0px', borderTopColor: 'rgb(0, 0, 0)', lineHeight: 'normal', maxWidth: 'none',
};
const style = (over: Record<string, string>) => ({ ...plain, ...over }) as unknown as CSSStyleDeclaration;

describe('insetShadows', () => {
  it('reads a region underline (inset, offset up, no spread) and ignores outer or transparent shadows', () => {
    expect(insetShadows('rgba(200, 100, 50, 0.9) 0px -2px 0px 0px inset')).toEqual([{ color: 'rgba(200, 100, 50, 0.9)', x: 0, y: -2, spread: 0 }]);
    expect(insetShadows('rgb(0, 200, 0) 0px 0px 0px 1px inset, rgba(0, 0, 0, 0) 0px 1px 0px 0px inset, rgb(1, 2, 3) 2px 2px 4px 0px'))
      .toEqual([{ color: 'rgb(0, 200, 0)', x: 0, y: 0, spread: 1 }]);
    expect(insetShadows('none')).toEqual([]);
  });
});

describe('stripes', () => {
  it('reads the heap-free pattern: its angle and each stop in px', () => {
    expect(stripes('repeating-linear-gradient(135deg, rgba(0, 0, 0, 0) 0px, rgba(0, 0, 0, 0) 3px, rgba(128, 128, 128, 0.12) 3px, rgba(128, 128, 128, 0.12) 5px)')).toEqual({
      angle: 135,
      stops: [
        { color: 'rgba(0, 0, 0, 0)', at: 0 }, { color: 'rgba(0, 0, 0, 0)', at: 3 },
        { color: 'rgba(128, 128, 128, 0.12)', at: 3 }, { color: 'rgba(128, 128, 128, 0.12)', at: 5 },
      ],
    });
  });
  it('gives a stop with two positions both, and defaults the angle to 180deg (top to bottom)', () => {
    expect(stripes('repeating-linear-gradient(transparent 0px 3px, rgb(1, 2, 3) 3px 5px)')).toEqual({
      angle: 180,
      stops: [{ color: 'transparent', at: 0 }, { color: 'transparent', at: 3 }, { color: 'rgb(1, 2, 3)', at: 3 }, { color: 'rgb(1, 2, 3)', at: 5 }],
    });
  });
  it('is null for anything else', () => {
    expect(stripes('none')).toBeNull();
    expect(stripes('linear-gradient(red, blue)')).toBeNull();
  });
});

describe('lookOf', () => {
  it('a plain run: its font and colour, nothing drawn behind it', () => {
    const l = lookOf(style({}));
    expect(l.font).toBe('400 13px "DejaVu Sans Mono", monospace');
    expect(l.color).toBe('rgb(215, 218, 224)');
    expect([l.background, l.stripes, l.outline, l.borderLeft]).toEqual([null, null, null, null]);
    expect(l.shadows).toEqual([]);
    expect([l.opacity, l.strike, l.underline, l.box.maxWidth]).toEqual([1, false, null, Infinity]);
  });
  it('a byte changed by an older step: a dotted underline, its colour, thickness and offset below the baseline', () => {
    const l = lookOf(style({
      textDecorationLine: 'underline', textDecorationStyle: 'dotted', textDecorationColor: 'rgba(255, 176, 32, 0.9)',
      textDecorationThickness: '1px', textUnderlineOffset: '2px',
    }));
    expect(l.underline).toEqual({ color: 'rgba(255, 176, 32, 0.9)', thickness: 1, offset: 2 });
    expect(l.strike).toBe(false);
  });
  it('an underline that is not dotted is not the change mark: none is read', () => {
    expect(lookOf(style({ textDecorationLine: 'underline', textDecorationThickness: '1px', textUnderlineOffset: '2px' })).underline).toBeNull();
  });
  it('the selected byte: a bold font on the selection colour, whatever the theme made it', () => {
    const l = lookOf(style({ fontWeight: '700', backgroundColor: 'rgb(77, 141, 255)', color: 'rgb(255, 255, 255)', borderTopLeftRadius: '2px' }));
    expect(l.font.startsWith('700 13px')).toBe(true);
    expect([l.background, l.color, l.radius]).toEqual(['rgb(77, 141, 255)', 'rgb(255, 255, 255)', 2]);
  });
  it('the inspected bytes: an outline drawn inside the box (a negative offset); none when its style is none', () => {
    expect(lookOf(style({ outlineStyle: 'solid', outlineWidth: '1px', outlineColor: 'rgb(1, 2, 3)', outlineOffset: '-1px' })).outline)
      .toEqual({ color: 'rgb(1, 2, 3)', width: 1, inset: 1 });
    expect(lookOf(style({ outlineWidth: '1px' })).outline).toBeNull();
  });
  it('a freed chip: struck out, its box from padding, border, line height and max width', () => {
    const l = lookOf(style({
      textDecorationLine: 'line-through', opacity: '0.6', paddingLeft: '5px', paddingRight: '5px', borderTopStyle: 'solid',
      borderTopWidth: '1px', borderTopColor: 'rgba(9, 9, 9, 0.9)', lineHeight: '14.3px', maxWidth: '120px',
    }));
    expect([l.strike, l.opacity]).toEqual([true, 0.6]);
    expect(l.box).toEqual({ padLeft: 5, padRight: 5, border: { color: 'rgba(9, 9, 9, 0.9)', width: 1 }, lineHeight: 14.3, maxWidth: 120 });
  });
  it('a line height of "normal" is 1.2 times the font size, and the ASCII column keeps its left rule', () => {
    const l = lookOf(style({ fontSize: '10px', borderLeftStyle: 'solid', borderLeftWidth: '1px', borderLeftColor: 'rgb(4, 5, 6)' }));
    expect(l.box.lineHeight).toBe(12);
    expect(l.borderLeft).toEqual({ color: 'rgb(4, 5, 6)', width: 1 });
  });
});

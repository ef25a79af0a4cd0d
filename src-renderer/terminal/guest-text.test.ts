import { describe, expect, it } from 'vitest';
import { GuestText } from './guest-text.ts';

const dim = (s: string) => `\x1b[2m${s}\x1b[22m`;
const esc = dim('\\x1b');

describe('GuestText', () => {
  it('passes colours, styles and erase-in-line as they are', () => {
    const f = new GuestText();
    expect(f.filter('\x1b[32mgreen\x1b[0m \x1b[1;38;5;200mbold\x1b[m')).toBe('\x1b[32mgreen\x1b[0m \x1b[1;38;5;200mbold\x1b[m');
    expect(f.filter('progress 10%\r\x1b[Kprogress 100%\n')).toBe('progress 10%\r\x1b[Kprogress 100%\n');
  });

  it('shows NUL and the other invisible controls as dim Control Pictures; tab, newlines, CR and BS act', () => {
    const f = new GuestText();
    expect(f.filter('ab\0\0')).toBe(`ab${dim('\\x00\\x00')}`);
    expect(f.filter('\x01\x07\x7f')).toBe(dim('\\x01\\x07\\x7f'));
    expect(f.filter('a\tb\r\n\x08c\x0b\x0c')).toBe('a\tb\r\n\x08c\x0b\x0c');
  });

  it('neutralises what would erase or rewrite earlier output, showing it as text', () => {
    const f = new GuestText();
    // Full reset, alternate screen, erase display, cursor up and home, scroll region, save/restore, title.
    expect(f.filter('\x1bc')).toBe(`${esc}c`);
    expect(f.filter('\x1b[?1049h')).toBe(`${esc}[?1049h`);
    expect(f.filter('\x1b[2J\x1b[3A\x1b[H')).toBe(`${esc}[2J${esc}[3A${esc}[H`);
    expect(f.filter('\x1b[1;5r\x1b7\x1b8\x1bM')).toBe(`${esc}[1;5r${esc}7${esc}8${esc}M`);
    expect(f.filter('\x1b]0;title\x07')).toBe(`${esc}]0;title${dim('\\x07')}`);
  });

  it('shows C1 controls (8-bit CSI, reverse index) instead of letting xterm act on them', () => {
    expect(new GuestText().filter('a\u009b2Jb\u008d')).toBe(`a${dim('\\u{9b}')}2Jb${dim('\\u{8d}')}`);
  });

  it('holds a colour cut at a chunk end until the next chunk, and shows a cut sequence that cannot pass', () => {
    const f = new GuestText();
    expect(f.filter('red \x1b[3')).toBe('red ');
    expect(f.filter('1mx')).toBe('\x1b[31mx');
    expect(f.filter('\x1b')).toBe('');
    expect(f.filter('c')).toBe(`${esc}c`);
    expect(f.filter('\x1b[?10')).toBe(`${esc}[?10`);
    expect(f.filter('49h')).toBe('49h');
  });

  it('shows a sequence still held when the output ends as text, then holds nothing', () => {
    const f = new GuestText();
    expect(f.filter('x\x1b[3')).toBe('x');
    expect(f.flush()).toBe(`${esc}[3`);
    expect(f.flush()).toBe('');
    expect(f.filter('1m')).toBe('1m');
  });
});

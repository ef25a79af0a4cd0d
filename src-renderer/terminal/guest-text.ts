// The one place that decides what of a guest's decoded output reaches xterm as control codes.
//
// The Output panel shows what a debugged guest wrote, in order, and never lets that output erase
// or rewrite what came before it. So of the terminal's control sequences only colour and style
// (SGR, `ESC [ … m`) and erase-in-line (`ESC [ … K`, which acts on the current line only, as a
// lone CR does) pass. Every other escape — `ESC c` (full reset, which cleared the panel), the
// alternate screen (`ESC [ ?1049 h`, which hid everything before it), cursor moves and erases
// that rewrote earlier lines, scroll regions, titles — shows as text with a dim \x1b in place of
// ESC, so a person sees that the guest sent it and what it was.
//
// Control characters that xterm draws as nothing (NUL above all: a (ptr, len) off by one shows
// as a trailing NUL a person must be able to see) show as dim escapes, `\x00`, as the CLI shows
// such characters in text from a file (commentText): the Control Pictures glyphs (␀) were tried
// first and drew as empty boxes where the monospace fonts lack them (DejaVu Sans Mono does).
// Tab, LF, VT, FF, CR and backspace keep their meaning. C1 controls (U+0080–U+009F, which xterm
// would act on as 8-bit CSI, OSC, reverse index …) show dim as `\u{9b}`.

import { commentText } from '../../src-main/shared/comment-text.ts';

const DIM = '\x1b[2m';
const UNDIM = '\x1b[22m';
/** A complete sequence that passes: CSI with numeric parameters ending in m (SGR) or K (EL). */
const PASSES = /^\x1b\[[0-9;:]*[mK]$/;
/** What may still become a passing sequence when the next chunk arrives. */
const MAY_PASS = /^\x1b(\[[0-9;:]*)?$/;
/** A held tail longer than this is not a sequence that passes; show it. */
const MAX_HELD = 64;

/** Per stream: an escape sequence cut at a chunk's end is held until the next chunk completes it. */
export class GuestText {
  private held = '';

  /** The chunk's text made safe for xterm. */
  filter(text: string): string {
    const all = this.held + text;
    this.held = '';
    let out = '';
    let i = 0;
    while (i < all.length) {
      const c = all.charCodeAt(i);
      if (c === 0x1b) {
        const seq = sequenceAt(all, i);
        if (seq === null) {
          // Cut at the chunk's end: wait for the rest, unless it cannot pass anyway.
          const tail = all.slice(i);
          if (MAY_PASS.test(tail) && tail.length <= MAX_HELD) {
            this.held = tail;
            break;
          }
          out += DIM + commentText('\x1b') + UNDIM;
          i++;
        } else if (PASSES.test(seq)) {
          out += seq;
          i += seq.length;
        } else {
          out += DIM + commentText('\x1b') + UNDIM;
          i++;
        }
      } else if (isShownAsPicture(c)) {
        // A run of them under one dim code.
        let j = i + 1;
        while (j < all.length && isShownAsPicture(all.charCodeAt(j))) j++;
        out += DIM + commentText(all.slice(i, j)) + UNDIM;
        i = j;
      } else if (c >= 0x80 && c <= 0x9f) {
        out += DIM + commentText(all[i]!) + UNDIM;
        i++;
      } else {
        // A run of plain text at once.
        let j = i + 1;
        while (j < all.length && isPlain(all.charCodeAt(j))) j++;
        out += all.slice(i, j);
        i = j;
      }
    }
    return out;
  }

  /**
   * The held partial sequence as text, since nothing more will complete it (the guest's output
   * ended, or a gap cuts it): held for good, `\x1b[3` at a trap never showed at all.
   */
  flush(): string {
    const held = this.held;
    this.held = '';
    // Only ESC, `[` and parameter bytes are ever held: the rest is plain text.
    return held === '' ? '' : DIM + commentText('\x1b') + UNDIM + held.slice(1);
  }
}

/** Tab, LF, VT, FF, CR, BS act as in any terminal; other C0 and DEL are drawn as nothing by xterm. */
function isShownAsPicture(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x08 && c !== 0x1b) || c === 0x7f;
}

function isPlain(c: number): boolean {
  return c !== 0x1b && !isShownAsPicture(c) && !(c >= 0x80 && c <= 0x9f);
}

/**
 * The CSI sequence starting at `at` (ESC [ params intermediates final), or ESC and one more
 * character for any other escape; null when the text ends before the sequence does.
 */
function sequenceAt(text: string, at: number): string | null {
  if (at + 1 >= text.length) return null;
  if (text[at + 1] !== '[') return text.slice(at, at + 2);
  for (let j = at + 2; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return text.slice(at, j + 1);
    // Not a parameter or intermediate byte: a broken sequence, which passes nothing.
    if (c < 0x20 || c > 0x3f) return text.slice(at, j);
  }
  return null;
}

import { describe, expect, it } from 'vitest';
import { OutputPump } from './output-pump.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('OutputPump', () => {
  it('writes one batch at a time and loses nothing across megabytes', () => {
    const written: string[] = [];
    const callbacks: (() => void)[] = [];
    const pump = new OutputPump((data, done) => {
      written.push(data);
      callbacks.push(done);
    }, 64 * 1024);
    const chunk = new Uint8Array(10_000).fill(0x41);
    for (let i = 0; i < 500; i++) pump.push('stdout', chunk);
    expect(written.length).toBe(1);
    expect(pump.pending).toBe(5_000_000 - 10_000);
    while (callbacks.length > 0) callbacks.shift()!();
    expect(written.reduce((n, w) => n + w.length, 0)).toBe(5_000_000);
    expect(Math.max(...written.map((w) => w.length))).toBeLessThanOrEqual(64 * 1024);
    expect(pump.busy).toBe(false);
  });
  it('splits one chunk larger than a batch', () => {
    const sizes: number[] = [];
    const pump = new OutputPump((data, done) => {
      sizes.push(data.length);
      done();
    }, 1000);
    pump.push('stdout', new Uint8Array(2500).fill(0x41));
    expect(sizes).toEqual([1000, 1000, 500]);
  });
  it('colours stderr red and marks each of its lines [err], not by colour alone; stdout is left alone, in order', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += data;
      done();
    });
    pump.push('stdout', enc('out\n'));
    pump.push('stderr', enc('err\n'));
    pump.push('stderr', enc('two\nthree\n'));
    pump.push('stdout', enc('half '));
    pump.push('stderr', enc('cut in\n'));
    const mark = '\x1b[2m[err]\x1b[22m ';
    expect(text).toBe(`out\n\x1b[31m${mark}err\n\x1b[0m\x1b[31m${mark}two\n${mark}three\n\x1b[0mhalf \x1b[31m${mark}cut in\n\x1b[0m`);
  });
  it('shows NUL and neutralises a full reset in guest output, keeps Memscope\'s own text as given', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += data;
      done();
    });
    pump.push('stdout', enc('nul\0here\x1bc\n'));
    pump.push('stdout', '\r\n[own]\r\n');
    expect(text).toBe('nul\x1b[2m\\x00\x1b[22mhere\x1b[2m\\x1b\x1b[22mc\n\r\n[own]\r\n');
  });
  it('drops queued output on clear and ignores stale callbacks', () => {
    const callbacks: (() => void)[] = [];
    let writes = 0;
    const pump = new OutputPump((_d, done) => {
      writes++;
      callbacks.push(done);
    }, 10);
    pump.push('stdout', new Uint8Array(30));
    pump.clear();
    callbacks[0]();
    expect(writes).toBe(1);
    pump.push('stdout', enc('x'));
    expect(writes).toBe(2);
  });
  it('shows bytes that are not UTF-8 as U+FFFD rather than dropping them', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += data;
      done();
    });
    pump.push('stdout', new Uint8Array([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0x75, 0x74, 0x66, 0x38, 0x20, 0xc3, 0x0a]));
    expect(text).toBe('bad \ufffd\ufffd utf8 \ufffd\n');
  });
  it('decodes each stream on its own: a character split across stdout chunks survives stderr between them', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += data;
      done();
    });
    pump.push('stdout', enc('caf\u00e9').subarray(0, 4));
    pump.push('stderr', enc('err\n'));
    pump.push('stdout', enc('caf\u00e9').subarray(4));
    expect(text).toBe('caf\x1b[31m\x1b[2m[err]\x1b[22m err\n\x1b[0m\u00e9');
  });
  it('does not finish a character cut short by clear with the next output', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += data;
      done();
    });
    pump.push('stdout', new Uint8Array([0xe4, 0xb8]));
    pump.clear();
    text = '';
    pump.push('stdout', new Uint8Array([0x96, 0x41]));
    expect(text).toBe('\ufffdA');
  });
  it('does not split a batch between the halves of a surrogate pair', () => {
    const batches: string[] = [];
    const pump = new OutputPump((data, done) => {
      batches.push(data);
      done();
    }, 4);
    pump.push('stdout', enc('abc\u{1F600}de'));
    expect(batches).toEqual(['abc', '\u{1F600}de']);
  });

  it('does not cut a stderr batch inside a colour sequence, where the red it is wrapped in broke it', () => {
    const batches: string[] = [];
    const pump = new OutputPump((data, done) => {
      batches.push(data);
      done();
    }, 18);
    // The mark, `[err] ` dim (15 characters), then "ab", then the guest's bold straddling 18.
    pump.push('stderr', enc('ab\x1b[1mbold\n'));
    const mark = '\x1b[2m[err]\x1b[22m ';
    // Before: '…ab\x1b[' + reset, then red + '1mbold' — xterm dropped the cut sequence and printed "1m".
    expect(batches).toEqual([`\x1b[31m${mark}ab\x1b[0m`, '\x1b[31m\x1b[1mbold\n\x1b[0m']);
  });

  it('shows a character and an escape cut short when the output ends, as U+FFFD and as text', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += data;
      done();
    });
    // The guest wrote `half \xe2\x82` and trapped: the decoder held the two bytes for good.
    pump.push('stdout', enc('half \u20ac').subarray(0, 7));
    pump.push('stderr', enc('red \x1b[3'));
    expect(text).toBe('half \x1b[31m\x1b[2m[err]\x1b[22m red \x1b[0m');
    text = '';
    pump.end();
    // stderr cuts in after stdout's U+FFFD, so its text starts with the mark.
    expect(text).toBe('\ufffd\x1b[31m\x1b[2m[err]\x1b[22m \x1b[2m\\x1b\x1b[22m[3\x1b[0m');
    // Nothing is held any more: the next output (a new run after Reset clears first) is new.
    text = '';
    pump.end();
    pump.push('stdout', enc('ok'));
    expect(text).toBe('ok');
  });
  it('does not finish a character cut by a gap (bytes not sent) with the bytes after it', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += data;
      done();
    });
    // \xe2\x82 before the gap, \xac after it: the page showed a euro the guest never wrote whole.
    pump.push('stdout', new Uint8Array([0x61, 0xe2, 0x82]));
    pump.end('stdout');
    pump.push('stdout', '[gap]');
    pump.push('stdout', new Uint8Array([0xac, 0x62]));
    expect(text).toBe('a\ufffd[gap]\ufffdb');
  });
});

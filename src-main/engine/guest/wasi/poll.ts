// preview1 poll_oneoff: clock subscriptions sleep (or advance virtual time); fd ones are always ready.
//
// subscription, 48 bytes: userdata u64 @0, tag u8 @8, then @16 either
//   clock { id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40 } or fd { fd u32 @16 }
// event, 32 bytes: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite { nbytes u64 @16, flags u16 @24 }

import { u32, wasiFn } from './context.ts';
import type { WasiContext } from './context.ts';
import { Errno } from './errno.ts';
import { EVENT_SIZE, EventType, SUBCLOCKFLAG_ABSTIME, SUBSCRIPTION_SIZE } from './layouts.ts';

interface Event { userdata: bigint; error: number; type: number; nbytes: bigint }

interface ClockSub { userdata: bigint; deadline: bigint | null; clockId: number }

/** Bytes a read would return now: what is left of stdin; files and sinks just say "ready". */
function readyBytes(ctx: WasiContext, fd: number): bigint {
  const e = ctx.fds.get(fd);
  if (e?.kind === 'stdin') return BigInt(ctx.config.stdin.length - ctx.stdinPos);
  return 0n;
}

export const pollFunctions = [
  wasiFn('poll_oneoff', ['in', 'out', 'nsubscriptions', 'nevents'], (ctx, note, a) => {
    const inPtr = u32(a[0]);
    const outPtr = u32(a[1]);
    const n = u32(a[2]);
    const neventsPtr = u32(a[3]);
    if (n === 0) return Errno.INVAL;
    const mem = ctx.mem;
    mem.validate(inPtr, n * SUBSCRIPTION_SIZE);
    mem.validate(outPtr, n * EVENT_SIZE);
    mem.validate(neventsPtr, 4);
    const fdEvents: Event[] = [];
    const clocks: ClockSub[] = [];
    for (let i = 0; i < n; i++) {
      const s = inPtr + i * SUBSCRIPTION_SIZE;
      const userdata = mem.getU64(s);
      const tag = mem.getU8(s + 8);
      if (tag === EventType.CLOCK) {
        const clockId = mem.getU32(s + 16);
        const timeout = mem.getU64(s + 24);
        const abs = (mem.getU16(s + 40) & SUBCLOCKFLAG_ABSTIME) !== 0;
        const now = ctx.clocks.peek(clockId);
        clocks.push({ userdata, clockId, deadline: now === null ? null : abs ? timeout - now : timeout });
      } else if (tag === EventType.FD_READ || tag === EventType.FD_WRITE) {
        const fd = mem.getU32(s + 16);
        const error = ctx.fds.get(fd) ? Errno.SUCCESS : Errno.BADF;
        fdEvents.push({ userdata, error, type: tag, nbytes: tag === EventType.FD_READ ? readyBytes(ctx, fd) : 0n });
      } else {
        return Errno.INVAL;
      }
    }
    const badClocks = clocks.filter((c) => c.deadline === null);
    const waits = clocks.flatMap((c) => (c.deadline === null ? [] : [c.deadline < 0n ? 0n : c.deadline]));
    let events: Event[];
    if (fdEvents.length > 0 || badClocks.length > 0) {
      // Something is ready now: report it, plus any clock that has already expired.
      const expired = clocks.filter((c) => c.deadline !== null && c.deadline <= 0n);
      events = [...fdEvents, ...[...badClocks, ...expired].map((c) => ({
        userdata: c.userdata, error: c.deadline === null ? Errno.INVAL : Errno.SUCCESS, type: EventType.CLOCK, nbytes: 0n,
      }))];
    } else {
      const wait = waits.reduce((m, w) => (w < m ? w : m));
      ctx.clocks.sleep(wait);
      note.detail.sleptNs = wait.toString();
      events = clocks.filter((c) => c.deadline !== null && c.deadline <= wait)
        .map((c) => ({ userdata: c.userdata, error: Errno.SUCCESS, type: EventType.CLOCK, nbytes: 0n }));
    }
    events.forEach((ev, i) => {
      const p = outPtr + i * EVENT_SIZE;
      mem.write(p, new Uint8Array(EVENT_SIZE));
      mem.setU64(p, ev.userdata);
      mem.setU16(p + 8, ev.error);
      mem.setU8(p + 10, ev.type);
      mem.setU64(p + 16, ev.nbytes);
    });
    mem.setU32(neventsPtr, events.length);
    note.detail.subscriptions = n;
    note.detail.events = events.length;
    return Errno.SUCCESS;
  }, { show: '{nsubscriptions} subscriptions', then: '{nevents:u32at} events' }),
];

// The web shell's regions on the wire: a state event (a delta, a single step's `after`) carries
// only the regions that changed since the last state event the same tab was sent, as the list's
// tail: {regions: tail, regionsFrom: k} means "your first k regions, then these". A run's
// regions grow with its steps, and its ~100 deltas each carried all of them (22 MB of JSON in a
// 10,000-step run: most of the server's encoding and of the page's decoding, for a list whose
// head it already had). A `session` event, and the first state event of a session, are whole.
// The page's client restores the whole list before anyone sees the event (RegionsReceived).

import type { ServerMessage } from './wire.ts';
import type { Region } from './dto.ts';

/** The part of a session view or delta this file rewrites; `regionsFrom` exists on the wire only. */
interface RegionState { id: string; regions: Region[]; regionsFrom?: number }

/** The state a message carries, if any: a view or delta's own, a single step's `after`. */
function stateOf(m: ServerMessage): RegionState | null {
  if (m.type !== 'event') return null;
  if (m.name === 'session' || m.name === 'delta') return m.payload as RegionState | null;
  if (m.name === 'step') return (m.payload as { after?: RegionState }).after ?? null;
  return null;
}

/** The message with its state replaced by `state`. */
function withState(m: ServerMessage, state: RegionState): ServerMessage {
  if (m.type !== 'event') return m;
  if (m.name === 'step') return { ...m, payload: { ...(m.payload as object), after: state } as never };
  return { ...m, payload: state as never };
}

/**
 * One tab's sending side: what it was last sent. Regions are replaced, never changed in place
 * (StepLog.accept), so an unchanged one is the same object, and the kept head is found by
 * identity. Give it every state event in the order they are written, and only those written.
 */
export class RegionsSent {
  private last: RegionState | null = null;

  trim(m: ServerMessage): ServerMessage {
    const state = stateOf(m);
    if (m.type === 'event' && m.name === 'session') this.last = state;
    if (!state || (m.type === 'event' && m.name === 'session')) return m;
    const last = this.last;
    this.last = state;
    if (last?.id !== state.id) return m;
    let kept = 0;
    while (kept < last.regions.length && kept < state.regions.length && last.regions[kept] === state.regions[kept]) kept++;
    return kept === 0 ? m : withState(m, { ...state, regions: state.regions.slice(kept), regionsFrom: kept });
  }
}

/** One tab's receiving side: restores the whole list from the last state event it got. */
export class RegionsReceived {
  private last: RegionState | null = null;

  /** The message as it was before RegionsSent.trim; throws when it does not follow the last one. */
  restore(m: ServerMessage): ServerMessage {
    const state = stateOf(m);
    if (m.type === 'event' && m.name === 'session') this.last = state;
    if (!state) return m;
    let whole = state;
    if (state.regionsFrom !== undefined) {
      const from = state.regionsFrom;
      const last = this.last;
      if (!Number.isSafeInteger(from) || from < 0 || !last || last.id !== state.id || from > last.regions.length) {
        throw new SyntaxError(`${m.type === 'event' ? m.name : m.type} event: regionsFrom ${from} does not follow the last state (${last ? `session ${last.id}, ${last.regions.length} regions` : 'none'}) of session ${state.id}`);
      }
      whole = { ...state, regions: [...last.regions.slice(0, from), ...state.regions] };
      delete whole.regionsFrom;
    }
    this.last = whole;
    return whole === state ? m : withState(m, whole);
  }
}

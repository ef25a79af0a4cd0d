// Stepping back, watches and switching write tracing: each goes back by replaying the steps so far
// in a fresh worker (stepBack, resumeAfterWatch, setWatches, retrace), and a replay is checked
// step by step against the first run. Owns the live watch set, the stops a resumed watch lets
// pass and the preopens put back before a replay; the rest is SessionCore's, seen narrowly.

import type { Result, StepRecord, WatchHit } from '../../shared/dto.ts';
import { hitsByWrite, lastWriteStart } from '../../shared/watch-hits.ts';
import { formatWatchHit } from '../../shared/write-format.ts';
import type { StopsToPass, WatchSpec } from '../session-api.ts';
import { endedByReplay, ReplayCheck } from './replay-check.ts';
import type { PreopenSnapshot } from './preopen-snapshot.ts';
import type { SessionCalls } from './session-calls.ts';
import { fail, type SessionCore } from './session-core.ts';
import { withSequence } from './session-inputs.ts';
import type { Interlude } from './step-log.ts';
import { terminatedError } from './worker-client.ts';

/** What a replay needs of the session: its inputs and worker, the log, and taking and giving back the worker. */
export type ReplayHost = Pick<SessionCore,
  'inputs' | 'setInputs' | 'client' | 'terminated' | 'busy' | 'log' | 'nextStep' |
  'begin' | 'end' | 'discardWorker' | 'start' | 'runStep' | 'setQuiet' | 'replayProgress' | 'armReplayStop' | 'replayStopAsked' |
  'stoppedAtWatch' | 'lastStepOutput' | 'skipOutput'>;

/** Why nothing that replays or writes at a pause can start now. */
const STEP_RUNNING = 'a step is running; wait for it or stop it first';

export class SessionReplay {
  /** The live watch set (setWatches): a debugger's data breakpoints, kept across resets and replays. */
  private liveWatches: readonly WatchSpec[] = [];
  /**
   * The stops reported so far in `step`, the step paused in, under each live set it ran with in
   * turn (a set changed at a pause applies from there on): running it again (resumeAfterWatch)
   * lets them pass in that order, so it goes on from the write it paused at, whatever the set
   * is now. `counted`: the stopped record last added, so a stop is counted once.
   */
  private passed: { step: number; links: StopsToPass[]; counted: StepRecord | null } | null = null;
  /** The live set the worker watches with now (applyWatches): the one a stop of the step running is made under. */
  private applied: readonly WatchSpec[] = [];

  /**
   * `preopens`: the read-write preopens as opened (why not, when too large), put back before a
   * replay. `calls`: repeats the ad-hoc calls and writes between steps where they happened.
   */
  constructor(
    private readonly core: ReplayHost,
    private readonly calls: Pick<SessionCalls, 'repeat' | 'writeNow'>,
    private readonly preopens: PreopenSnapshot | string | null,
  ) {}

  /** Whether this session's module is rewritten to name the writer of every changed byte. */
  get traceWrites(): boolean { return this.core.inputs.init.traceWrites; }

  /** A reset: the stops a resumed watch let pass belong to the run it dropped. */
  forgetPasses(): void { this.passed = null; }

  /** What going on lets pass to come back to the stop paused at, which is counted (once) under the set it was made with. */
  private stopsToPass(): StopsToPass[] {
    const last = this.core.log.steps.at(-1)!;
    if (this.passed?.counted === last) return this.passed.links;
    const links = this.passed?.step === last.index ? [...this.passed.links] : [];
    const tail = links.at(-1);
    // A link ends at a pause the debugger wrote at: its writes go in after its last stop.
    if (tail?.watches === this.applied && !tail.writes) links[links.length - 1] = { watches: tail.watches, stops: tail.stops + 1 };
    else links.push({ watches: this.applied, stops: 1 });
    this.passed = { step: last.index, links, counted: last };
    return links;
  }

  /**
   * Goes back to just before step `to` (0-based; default: the last step that ran), so it runs
   * next. Replays steps 0..to-1 in a fresh worker from the same inputs, with read-write preopens
   * put back first, so memory, globals, WASI state, regions, the heap ledger and bindings are
   * what they were, by construction; every replayed step is checked against the first run
   * (record and memory) and a difference is an error ('replay-diverged'), never hidden.
   */
  async stepBack(to = this.core.nextStep - 1): Promise<Result<null>> {
    if (this.core.busy) return fail('usage', STEP_RUNNING);
    if (!Number.isInteger(to) || to < 0 || to >= this.core.nextStep) {
      return fail('usage', this.core.nextStep === 0 ? 'no step has run yet: nothing to step back to' : `cannot step back to step ${to + 1}: steps 1..${this.core.nextStep} ran`);
    }
    this.passed = null;
    return this.replay(to, 'stepping back');
  }

  /** Whether the steps that ran can be replayed here (read-write preopens small enough to put back). */
  get canReplay(): boolean { return typeof this.preopens !== 'string'; }

  /**
   * After write tracing was switched on or off (the inputs say which): replays every step that
   * ran in a worker with the module rewritten, or no longer, so the run keeps its place; checked
   * as stepBack's replay is, the writers and watch hits aside (one run has them, the other not). A step that
   * ended the worker (stopped, past its time limit, crashed) is not run again: it would spin or
   * crash again, so the replay ends just before it.
   */
  retrace(): Promise<Result<null>> {
    this.passed = null;
    const ended = this.core.terminated?.step;
    let to = ended !== undefined && ended < this.core.nextStep ? ended : this.core.nextStep;
    // Paused at a watched write (so turning tracing off): untraced, no call can pause inside, and
    // its run to the end would not be the stopped record; the replay ends just before that step,
    // which then runs again whole, from its start.
    if (this.core.stoppedAtWatch) to = Math.min(to, this.core.nextStep - 1);
    return this.replay(to, `turning write tracing ${this.traceWrites ? 'on' : 'off'}`, true);
  }

  /**
   * After a step a watch stopped (code 'watchpoint'): goes back to just before it, so that the
   * next step()/run() runs it again, letting the stops already reported pass and stopping at the
   * next watched write, or running to its end. The guest call cannot go on from inside, so this
   * replays, as stepBack does (same limits).
   */
  async resumeAfterWatch(): Promise<Result<null>> {
    if (this.core.busy) return fail('usage', STEP_RUNNING);
    const last = this.core.log.steps.at(-1);
    if (!last || !this.core.stoppedAtWatch) return fail('usage', 'the last step did not stop at a watched write');
    const passing = this.stopsToPass();
    // What the stopped run printed is on screen: the step's run again does not print it twice.
    const shown = this.core.lastStepOutput;
    const replayed = await this.replay(last.index, 'going on after a watch', false, passing);
    if (replayed.ok) this.core.skipOutput(shown);
    else this.passed = null;
    return replayed;
  }

  /**
   * Writes bytes into guest memory at a watch's stop (a variable set, a memory editor): into the
   * paused instance now, so reads show them, and noted with the stops going on lets pass, so the
   * step's run again puts them in right after the write it paused at, and later replays too (the
   * watch set's interlude carries them). Going back before the pause drops them, as it drops
   * everything done after that point.
   */
  async writeAtPause(address: number, bytes: Uint8Array): Promise<Result<{ memorySize: number }>> {
    if (this.core.busy) return fail('usage', STEP_RUNNING);
    const written = await this.calls.writeNow(address, bytes, false);
    if (!written.ok) return written;
    const links = this.stopsToPass();
    const tail = links.at(-1)!;
    links[links.length - 1] = { ...tail, writes: [...(tail.writes ?? []), { address, bytes: bytes.slice() }] };
    return written;
  }

  /**
   * A debugger's reverse continue: back to the last write before now that changed bytes a
   * stopping watch covers (a live one, a data breakpoint, or the sequence's `watch … stop`),
   * unless the start of step `to` (a line breakpoint, or 0) comes later in time, in which case
   * back to there, as stepBack(to). At a write the session is as a forward stop leaves it: paused
   * inside the step (its record has code 'watchpoint'), memory as right after that write, and
   * the next step goes on past it. Earlier writes of the step stopped in come first
   * (its record lists them); then the steps before, latest first, whose `changes` touch a
   * watched range: such a step is replayed once letting every stop pass, to list its writes
   * under today's watches, then again to stop at the last that changed a watched byte (a write
   * of the same value is a watch hit too, but no change to go back to). `watch`: whether it
   * stopped at a write; `step`: the step it stopped in, or before.
   */
  async reverseContinue(to: number): Promise<Result<{ watch: boolean; step: number }>> {
    if (this.core.busy) return fail('usage', STEP_RUNNING);
    const live = this.traceWrites ? this.liveWatches.filter((w) => w.stop) : [];
    // Read once: each is a pass over every sequence step, and the loop below asks per step.
    const sequenceStops = this.sequenceStops();
    const stopping = new Set([...live.map((w) => w.name), ...sequenceStops]);
    const steps = this.core.log.steps;
    const stoppedIn = this.core.stoppedAtWatch ? steps.at(-1)! : null;
    if (stopping.size > 0 && stoppedIn && stoppedIn.index >= to) {
      const hits = stoppedIn.watchHits ?? [];
      // Its stops were made under the sets it ran with in turn (a set changed at a pause): each
      // is let pass under its own set, as going on does, or the count lands on another write.
      const earlier = lastChange(hits.slice(0, lastWriteStart(hits)), stopping, this.stopsToPass(), sequenceStops);
      if (earlier !== null) return this.stopAtWrite(stoppedIn.index, earlier);
    }
    const all = [{ watches: this.liveWatches, stops: Number.MAX_SAFE_INTEGER }];
    for (let k = (stoppedIn?.index ?? this.core.nextStep) - 1; stopping.size > 0 && k >= to; k--) {
      // A live watch may be newer than the step: its bytes' changes say; a sequence watch's hits are in the record.
      const record = steps.at(k);
      const touched = record?.changes.some(([start, end]) => live.some((w) => start < w.address + w.size && w.address < end))
        || lastChange(record?.watchHits ?? [], stopping, all, sequenceStops) !== null;
      if (!touched) continue;
      const listed = await this.replay(k, 'going back to a watched write', false, all);
      const again = listed.ok ? await this.runAgain() : null;
      if (!again) return listed as Result<never>;
      const wanted = lastChange(again.watchHits ?? [], stopping, all, sequenceStops);
      if (wanted !== null) return this.stopAtWrite(k, wanted);
    }
    const back = await this.stepBack(to);
    return back.ok ? { ok: true, value: { watch: false, step: to } } : back;
  }

  /** The names the sequence's own `watch … stop` statements give (they stop as live watches do). */
  private sequenceStops(): string[] {
    if (!this.traceWrites) return [];
    return (this.core.inputs.sequence?.sequence.steps ?? []).flatMap((s) => (s.kind === 'watch' && s.stop ? [s.name] : []));
  }

  /**
   * Replays to step `step` and runs it letting `wanted.passing` pass, so it stops at the next
   * stop: the write reverseContinue found, checked to be it. The last set passing names is the
   * one that write stopped under: the run ends under it, and a live set changed since is put
   * back at the pause after, as setWatches there does (going on passes that stop under its set).
   */
  private async stopAtWrite(step: number, wanted: WriteWanted): Promise<Result<{ watch: boolean; step: number }>> {
    const now = this.liveWatches;
    const under = wanted.passing.at(-1)!.watches;
    this.liveWatches = under;
    let record: StepRecord;
    try {
      const replayed = await this.replay(step, 'going back to a watched write', false, wanted.passing);
      // A Stop ended the replay between two steps, its worker kept with `under`: the live set goes back on.
      if (!replayed.ok && replayed.error.code === 'stopped' && under !== now) await this.applyWatches(now);
      if (!replayed.ok) return replayed;
      record = await this.runAgain();
    } finally {
      this.liveWatches = now;
    }
    const hit = record.error?.code === 'watchpoint' ? record.watchHits?.at(-1) : undefined;
    if (!hit || formatWatchHit(hit) !== formatWatchHit(wanted.hit)) {
      return fail('replay-diverged', `going back to a watched write replays the steps from the start, and step ${step + 1} (line ${record.line}) did not reach the write it made before (${formatWatchHit(wanted.hit)}; ${hit ? `it stopped at ${formatWatchHit(hit)}` : 'it did not stop'}): the guest must have read the clock, random bytes or a file that changed. With "deterministic" on, replays are exact`);
    }
    // The stop it came to is counted when going on (stopsToPass), after these.
    this.passed = { step, links: wanted.passing, counted: null };
    if (under === now) return { ok: true, value: { watch: true, step } };
    this.stopsToPass();
    const put = await this.applyWatches(now);
    return put.ok ? { ok: true, value: { watch: true, step } } : put;
  }

  /** Runs the next step as a replay does: its output and record were shown the first time. */
  private async runAgain(): Promise<StepRecord> {
    this.core.setQuiet(true);
    this.core.begin();
    const record = await this.core.runStep();
    this.core.setQuiet(false);
    this.core.end();
    return record;
  }

  /** The live watch set (setWatches), apart from the sequence's own `watch` statements. */
  get watches(): readonly WatchSpec[] { return this.liveWatches; }

  /**
   * Replaces the live watch set (a debugger's data breakpoints), effective from the next guest
   * write. Watches need the module rewritten for write tracing: a session started without it is
   * switched on by replaying the steps so far in a traced worker (as stepBack does, so the same
   * limits apply: read-write preopens must be small enough to put back, and a guest that reads
   * the clock or random bytes needs "deterministic"); when that cannot be done the error says
   * to start again with write tracing on.
   */
  async setWatches(watches: readonly WatchSpec[]): Promise<Result<null>> {
    if (this.core.busy) return fail('usage', 'a step is running; set watches when it stops');
    const paused = this.core.stoppedAtWatch ? this.core.nextStep - 1 : null;
    const bad = watches.map((w) => checkWatch(w, paused)).find((m) => m !== null);
    if (bad) return fail('usage', bad);
    const list = watches.map((w) => ({ ...w }));
    if (list.length > 0 && !this.traceWrites) {
      const restart = 'start the session again with write tracing on ("traceWrites", `trace writes`)';
      if (!this.core.inputs.config.recording) return fail('usage', `watches need write tracing, which needs recording on: ${restart}`);
      if (typeof this.preopens === 'string') return fail('usage', `watches need write tracing, and turning it on replays the steps so far, which cannot be done here (${this.preopens}): ${restart}`);
      const inputs = withSequence({ ...this.core.inputs, explicit: { ...this.core.inputs.explicit, traceWrites: true } }, this.core.inputs.sequence?.source ?? null);
      if (!inputs.ok) return inputs;
      this.core.setInputs(inputs.value);
      this.liveWatches = list;
      // The first run's records carry no writers: the replay is checked without them.
      const replayed = await this.replay(this.core.nextStep, 'turning write tracing on for a watch', true);
      return replayed.ok || replayed.error.code === 'stopped' ? replayed : fail(replayed.error.code, `${replayed.error.message}; or ${restart}`);
    }
    // Paused in a step: its stop was made under the set before this one, which going on passes first.
    if (this.core.stoppedAtWatch) this.stopsToPass();
    this.liveWatches = list;
    if (!this.core.client || this.core.terminated || !this.traceWrites) return { ok: true, value: null };
    return this.applyWatches(list);
  }

  /**
   * The worker ended these watches on a frame in `record`'s step (StepRecord.watchesEnded): the
   * function whose local they watched returned inside the call. The live set drops them; the
   * worker's set is left as applied, since a run of the step again ends them at the same point.
   */
  framesReturned(record: StepRecord): void {
    const ended = record.watchesEnded;
    if (!ended || ended.length === 0) return;
    this.liveWatches = this.liveWatches.filter((w) => w.frameStep === undefined || !ended.includes(w.name));
  }

  /** Whether a live watch is on a paused call's frame (WatchSpec.frameStep). */
  get watchesFrames(): boolean { return this.liveWatches.some((w) => w.frameStep !== undefined); }

  /**
   * Takes off the watches on a call's frame (WatchSpec.frameStep) unless the session is paused in
   * that call's step (`pausedIn`): the call returned, or the session went back before it. Applied
   * at once, between steps (an interlude, as setWatches is), so a replay takes them off there too.
   */
  async endFrameWatches(pausedIn: number | null): Promise<Result<null>> {
    const kept = this.liveWatches.filter((w) => w.frameStep === undefined || w.frameStep === pausedIn);
    if (kept.length === this.liveWatches.length) return { ok: true, value: null };
    this.liveWatches = kept;
    if (!this.core.client || this.core.terminated || !this.traceWrites) return { ok: true, value: null };
    return this.applyWatches(kept);
  }

  /** Sends a watch set to the worker; an interlude, so a replay sets it at the same point. */
  async applyWatches(watches: readonly WatchSpec[], passing: readonly StopsToPass[] = []): Promise<Result<null>> {
    if (!this.core.client) return { ok: true, value: null };
    const outcome = await this.core.client.request({ type: 'set-watches', watches: [...watches], passing: [...passing] });
    if ('terminated' in outcome) return { ok: false, error: terminatedError(outcome.terminated) };
    if (outcome.done.ok) {
      this.core.log.noteInterlude({ kind: 'watches', watches, passing });
      this.applied = watches;
    }
    return outcome.done;
  }

  /**
   * Replays steps 0..to-1 (and the interludes between them) in a fresh worker; `to` may be
   * nextStep (all of them). Every replayed step is checked against the first run's record and
   * memory; `tracingSwitched`: one run traced writes and the other not, so writers are not compared.
   * Then the live watch set is applied as it is now, after the sets `passing` names have let
   * their stops pass in step `to`. `doing` names what replays, for a divergence's message.
   */
  private async replay(to: number, doing: string, tracingSwitched = false, passing: readonly StopsToPass[] = []): Promise<Result<null>> {
    if (typeof this.preopens === 'string') return fail('usage', this.preopens);
    const before = this.core.log;
    const interludes = before.interludes.filter((i) => i.after < to);
    // Replaying from before `begin`, so the state it announces is not read while the log is in between.
    this.core.setQuiet(true);
    this.core.begin();
    this.core.replayProgress({ step: 0, of: to });
    this.core.armReplayStop();
    await this.core.discardWorker();
    this.preopens?.restore();
    let result = await this.core.start();
    const check = new ReplayCheck(before.history, this.core.log.history, tracingSwitched);
    // The step a stop ended the replay before (SessionCore.stop), or null.
    let stoppedAt: number | null = null;
    for (let k = 0; result.ok && k <= to; k++) {
      for (const interlude of interludes.filter((i) => i.after === k - 1)) {
        if (result.ok) result = await this.replayInterlude(interlude);
        check.interlude();
      }
      if (!result.ok || k === to) break;
      const stop = this.core.replayStopAsked;
      if (stop !== null) {
        stoppedAt = k;
        const line = before.steps.at(k)?.line;
        result = fail('stopped', `${doing} was ${stop} after replaying ${k} of ${to} steps: the session is before step ${k + 1}${line === undefined ? '' : ` (line ${line})`}, its worker kept`);
        break;
      }
      const record = await this.core.runStep();
      // Said at each hundredth of the way, not each step: a page is told about 100 times, however long.
      if (Math.floor((100 * (k + 1)) / to) > Math.floor((100 * k) / to)) this.core.replayProgress({ step: k + 1, of: to });
      const ended = endedByReplay(before.steps.at(k), record);
      const diverged = ended ? null : check.step(k, before.steps.at(k), record);
      if (ended) result = fail(ended.code, `${doing} replays the steps from the start, and the replay of step ${k + 1} (line ${record.line}) ended: ${ended.message}`);
      if (diverged) result = fail('replay-diverged', `${doing} replays the steps from the start, and ${diverged}: the guest must have read the clock, random bytes or a file that changed. With "deterministic" on, replays are exact`);
    }
    // Stopped between steps, the session is as the first run left step `stoppedAt`: as good a place as `to`.
    const settled = result.ok || stoppedAt !== null;
    if (settled) this.core.log.heaps.carryFrom(before.heaps, stoppedAt ?? to);
    if (settled && this.traceWrites && this.core.client && !this.core.terminated) {
      const watched = await this.applyWatches(this.liveWatches, stoppedAt === null ? passing : []);
      if (!watched.ok) result = watched;
    }
    this.core.setQuiet(false);
    this.core.end();
    return result;
  }

  private async replayInterlude(i: Interlude): Promise<Result<null>> {
    // Watches act only on a traced module (setWatches keeps them unapplied otherwise): a replay
    // that turned tracing off passes over the watch sets of the traced run.
    if (i.kind === 'watches' && !this.traceWrites) return { ok: true, value: null };
    const done = i.kind === 'watches' ? await this.applyWatches(i.watches, i.passing) : await this.calls.repeat(i);
    return done.ok ? { ok: true, value: null } : done;
  }
}

/** A write reverseContinue goes back to: the stops a run of its step lets pass first, each set with its own, and the write's stop (its last hit). */
interface WriteWanted { passing: StopsToPass[]; hit: WatchHit }

/**
 * Of a step's watch hits (in the order the writes happened), the last write that stopped and
 * changed bytes a stopping watch (`stopping`: their names, as now) covers. `made`: the live sets
 * the hits were made under in turn, each with its stops (the last, to the end); a write stopped
 * when it hit a stopping watch of its set or of the sequence's (`sequenceStops`), as the worker
 * counts them. Null when no such write changed a byte.
 */
function lastChange(hits: readonly WatchHit[], stopping: ReadonlySet<string>, made: readonly StopsToPass[], sequenceStops: readonly string[]): WriteWanted | null {
  let found: WriteWanted | null = null;
  const passed: StopsToPass[] = [];
  let link = 0;
  let stops = 0;
  const stoppers = (set: StopsToPass) => new Set([...sequenceStops, ...set.watches.filter((w) => w.stop).map((w) => w.name)]);
  let stopper = stoppers(made[0]!);
  for (const write of hitsByWrite(hits)) {
    const set = made[link]!;
    if (!write.some((hit) => stopper.has(hit.name))) continue;
    if (write.some((hit) => stopping.has(hit.name) && hit.old !== hit.value)) found = { passing: [...passed, { watches: set.watches, stops }], hit: write.at(-1)! };
    if (++stops === set.stops && link < made.length - 1) {
      passed.push(set);
      link++;
      stops = 0;
      stopper = stoppers(made[link]!);
    }
  }
  return found;
}

/** What is wrong with a watch, or null; `pausedIn`: the step paused in, whose call's frames are live. */
function checkWatch(w: WatchSpec, pausedIn: number | null): string | null {
  if (typeof w.name !== 'string' || w.name === '') return 'a watch needs a name';
  if (w.frameStep !== undefined && w.frameStep !== pausedIn) {
    return `watch '${w.name}': it is on the stack frame of the call of step ${w.frameStep + 1}, which is not paused (it returned, or has not run): later calls reuse those bytes`;
  }
  if (!Number.isSafeInteger(w.address) || w.address < 0) return `watch '${w.name}': the address must be a non-negative integer`;
  if (!Number.isSafeInteger(w.size) || w.size < 1) return `watch '${w.name}': it needs at least 1 byte`;
  if (w.address + w.size > 2 ** 32) return `watch '${w.name}': [0x${w.address.toString(16)}, +${w.size}) is past the 4 GiB a 32-bit memory can address`;
  return null;
}

// App state as runes, fed by the client's events (session, delta, step, output). One owner:
// components read it and call its methods; only this file talks to the client for the session.

import { flushSync } from 'svelte';
import type {
  Client, DemoInfo, FileChange, FileData, HostLanguage, PickKind, SequenceView, SessionDelta, SessionState, SessionView, StepEvent, StepOptions,
} from '../../src-main/shared/contract.ts';
import type {
  Bookmark, BoundValue, ErrorCode, MemoryImageInfo, MemscopeError, Region, ReplayProgress, Result, StepRecord, TerminationInfo, WatchSpec,
} from '../../src-main/shared/dto.ts';
import { keptSteps, planEdit, stepTexts, type EditPlan } from '../sequence/edit-plan.ts';
import { stepsAfter } from './step-list.ts';
import { OutputRelay, type OutputListener } from './output-relay.ts';
import { sequenceOver } from '../../src-main/shared/sequence-over.ts';
import { bookmarkLine, withoutLine } from '../memory/bookmarks.ts';
import { rememberRecent } from './recent.ts';
import { pickFailure } from './browser-files.ts';
import { MemorySource } from '../memory/memory-source.svelte.ts';
import { sequenceLines, sequenceText } from '../../src-main/shared/sequence-text.ts';
import { insertLine } from '../sequence/templates.ts';

/** A key press that moves the run: F10, F5, Shift+F10. */
type Press = 'step' | 'run' | 'back';
/** "Discard unsaved edits?" as ConfirmDiscard.svelte shows it; `answer(true)`: discard them. */
export interface DiscardQuestion {
  readonly message: string;
  answer(discard: boolean): void;
}

const NONE: never[] = [];
/** A request answered sooner than this never shows as running (a step takes 1-20 ms here). */
const BUSY_SHOWN_AFTER_MS = 150;
/** Errors of a step that ended with its worker (see ranBeforeEdit). */
const WORKER_ENDED: ReadonlySet<ErrorCode> = new Set(['stopped', 'timeout', 'terminated']);
/** How often an edit left while a step runs is tried again (flushDraft). */
const DRAFT_RETRY_MS = 250;
/** One frame at 60 Hz: the next frame comes this long after an apply that cost nothing. */
const FRAME_MS = 1000 / 60;
const NO_BINDINGS: Record<string, BoundValue> = {};
/** Shift+F10 or Alt+F5 at step 0: they did nothing and said nothing, where F10 at the end says why. */
const AT_START: MemscopeError = { code: 'cannot-step', message: 'at step 0: there is no step before this one to go back to' };

export class SessionStore {
  view = $state.raw<SessionView | null>(null);
  /** The session's state as the server last said it: a delta, a step's `after`, or the view. */
  last = $state.raw<SessionDelta | null>(null);
  steps = $state.raw<StepRecord[]>([]);
  breakpoints = $state.raw<number[]>([]);
  /** The step whose memory the grid shows read-only; null = live memory. */
  viewStep = $state<number | null>(null);

  /**
   * Shows memory after step `index`: read-only, or live memory when it is the current step. A
   * memory image holds its own step's memory only, so it stays as it is.
   */
  showStep(index: number): void {
    if (this.image) return;
    this.viewStep = index === this.currentStep ? null : index;
  }
  /** Where the memory view gets its bytes; step requests ask for its window back. */
  readonly memory: MemorySource;
  /** The last failed request, shown until dismissed. */
  error = $state.raw<MemscopeError | null>(null);
  /**
   * Why the server can no longer be reached (the web shell's connection closed, or never
   * opened); null while it can. Everything shown stays, for reading: nothing asks the server
   * any more, and the errors of what still does are not shown (this says why they failed).
   */
  disconnected = $state.raw<MemscopeError | null>(null);
  demos = $state.raw<DemoInfo[]>([]);
  /**
   * The latest change on disk of each file `memscope serve` opened at start (the `fileChanged`
   * event), newest last, unless dismissed; FileChanged.svelte offers to take it. Never set in Electron.
   */
  fileChanges = $state.raw<FileChange[]>([]);
  /**
   * A request has been in flight for BUSY_SHOWN_AFTER_MS (what the buttons and the state badge
   * show); `working` is the same fact at once, for the guards. Shown at once, each F10 cost the
   * page two extra frames of whole-page style, layout and paint (busy on at the key, off after
   * the answer), competing for a core with the backend that runs the step.
   */
  busy = $state(false);
  /**
   * How far the replay running now has come (the `replaying` event), from any page's Shift+F10,
   * Alt+F5 or Trace writes; null once a delta or view came after it (the replay's end sends one).
   * Meanwhile the state is 'running': the last delta, from before it, said otherwise.
   */
  replaying = $state.raw<ReplayProgress | null>(null);
  private working = false;
  private busyTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * F10 and Shift+F10 presses waiting for the one being done, in the order they came (see
   * press()). One queue: with one for each key, F10, Shift+F10, F10, Shift+F10 pressed quickly
   * ran both steps, then went back once.
   */
  private presses = $state.raw<Press[]>([]);
  get queuedSteps(): number { return this.presses.filter((p) => p === 'step').length; }
  get queuedBacks(): number { return this.presses.filter((p) => p === 'back').length; }
  /** Where the step counter stands once the presses taken from the queue are done (its bounds). */
  private landing = 0;
  /** A step back or reverse continue is replaying: Alt+F5 then is dropped. */
  private backing = false;
  /** False until the first getSession/listDemos answers, so the start screen never flashes. */
  ready = $state(false);
  /** Editor text not yet sent to the engine (null: the editor shows `sequence.text`). */
  draft = $state<string | null>(null);
  /**
   * The saved text when it changed after the last view came: a Save in any page (the
   * sequenceSaved event), or one here the session could not be told of (its server is gone).
   * Null: the view's (SequenceView.savedText) holds.
   */
  private savedSince = $state<string | null>(null);
  /** The question over edits not saved that waits for an answer (mayDiscardEdits); null: none. */
  discardQuestion = $state.raw<DiscardQuestion | null>(null);
  /**
   * The steps that ran before an edit whose text does not parse (a line half typed when the
   * typing pause applied it): the engine runs no sequence with errors, so applying it started
   * the run afresh. The edit that fixes the text replays them, as far as they still lead it, as
   * any edit does; without this the run was lost to a pause in typing. Reset, an open and a new
   * sequence file drop them.
   */
  private unreplayed = $state.raw<StepRecord[] | null>(null);
  /** Tries again a flushDraft (a typing pause) that found a step running; see there. */
  private draftRetry: ReturnType<typeof setTimeout> | undefined;
  /**
   * The server answered the last typing pause's edit 'busy': a step runs that this page did not
   * send (another page's, which says "running" to this one only once it lasts), so the editor says the edit
   * waits for it, not for a pause in typing that has already come.
   */
  draftWaitsForStep = $state(false);

  /** The image file as opened, so a module can be given beside it afterwards (it names the frames). */
  private imageFile: FileData | null = null;
  /** The request call() is waiting on, so Step can wait for an edit being applied. */
  private inflight: Promise<void> | null = null;
  /** The presses being done, F5's run among them (see pump()); null when none. */
  private stepping: Promise<void> | null = null;
  /** Bumped by Stop: a Step or Run still waiting for an edit to apply is then not sent. */
  private stops = 0;
  /** Bumped by Reset, an open and Trace writes (each ends a step in progress), so call() knows a request it ended. */
  private resets = 0;
  /**
   * Answers `stopped` to requests a later Reset, open or Trace writes of this page ended (a step,
   * a replay whose fresh worker was still starting): the user asked for it, so unwrap() shows no
   * error for them ("stopped while the module was instantiating" stood over the reset). Another
   * page's Reset or open is no request of this one: its step's `stopped` says why it vanished.
   */
  private readonly endedByReset = new WeakSet<object>();
  private readonly output = new OutputRelay();
  private readonly disposers: (() => void)[] = [];

  constructor(readonly client: Client) {
    // A read that failed because the server went away (the grid scrolled after) is said once, by `disconnected`.
    this.memory = new MemorySource(client, (e) => { if (!this.disconnected) this.error = e; });
    this.disposers.push(
      // Steps held for the next frame (onSteps) go first: the events' order is the session's.
      // A delta while a run goes on is held with them (onRunDelta).
      client.on('session', (v) => { this.flushSteps(); this.applyView(v); }),
      client.on('sequenceSaved', (s) => { if (s.id === this.view?.id) this.savedSince = s.text; }),
      client.on('delta', (d) => { if (d.state === 'running') return this.onRunDelta(d); this.flushSteps(); this.applyDelta(d); }),
      client.on('step', (s) => this.onSteps([s])),
      client.on('steps', (s) => this.onSteps(s)),
      client.on('output', (o) => this.output.emit(o)),
      client.on('replaying', (r) => { this.replaying = r; }),
      client.on('disconnected', (e) => this.onDisconnected(e)),
      client.on('fileChanged', (c) => { this.fileChanges = [...this.fileChanges.filter((f) => f.kind !== c.kind || f.path !== c.path), c]; }),
    );
  }

  /**
   * The server is gone: the page keeps the session as last shown (memory, calls, output) and
   * stops sending. Presses waiting their turn and an edit waiting for a run to end are dropped;
   * an edit typed stays in the editor (saveable), since it never reached the server.
   */
  private onDisconnected(e: MemscopeError): void {
    this.disconnected = e;
    this.presses = [];
    clearTimeout(this.draftRetry);
    this.draftWaitsForStep = false;
  }

  dispose(): void {
    for (const d of this.disposers) d();
    cancelAnimationFrame(this.stepFrame);
    clearTimeout(this.stepPause);
    clearTimeout(this.busyTimer);
  }

  get state(): SessionState { return this.replaying ? 'running' : this.last?.state ?? 'ready'; }
  get nextStep(): number { return this.last?.nextStep ?? 0; }
  /** The step the run is paused inside, right after a watched write (the next step goes on in it); null otherwise. */
  get pausedInStep(): number | null { return this.last?.pausedInStep ?? null; }
  /** The live watch set: the breaks (and watches) added at a pause for the rest of the paused call (the session ends them when it returns). */
  get watches(): WatchSpec[] { return this.last?.watches ?? NONE; }
  get regions(): Region[] { return this.last?.regions ?? NONE; }
  get bindings(): Record<string, BoundValue> { return this.last?.bindings ?? NO_BINDINGS; }
  get memorySize(): number { return this.last?.memorySize ?? 0; }
  get terminated(): TerminationInfo | undefined { return this.last?.terminated; }
  get exitCode(): number | undefined { return this.last?.exitCode; }
  /** Every step has run (the last may have failed), or the guest exited: what the steps kept is leaked now (sequenceOver's rule). */
  get sequenceEnded(): boolean {
    return sequenceOver(this.state, this.nextStep, this.sequence?.stepLines.length ?? null, this.exitCode !== undefined);
  }
  /** Why the next step cannot run, as the engine says it (null: it can). */
  get cannotStep(): MemscopeError | null { return this.disconnected ?? this.last?.cannotStep ?? null; }
  get sequence(): SequenceView | null { return this.view?.sequence ?? null; }

  /** The index of the step that ran last (-1 before any step). */
  get currentStep(): number {
    return this.nextStep - 1;
  }

  /** The engine's word on whether the next step can run (it owns that decision). */
  get canStep(): boolean {
    return !!this.view && this.cannotStep === null;
  }

  async init(): Promise<void> {
    const [demos, current] = await Promise.all([
      this.client.request('listDemos', {}), this.client.request('getSession', {}),
    ]);
    if (demos.ok) this.demos = demos.value;
    else this.error = demos.error;
    if (current.ok && current.value) this.applyView(current.value);
    else if (!current.ok) this.error = current.error;
    this.ready = true;
  }

  onOutput(listener: OutputListener): () => void {
    return this.output.listen(listener);
  }

  // The opens' answers are not applied: their `session` event came first, with the bytes where
  // the grid will be and the heap (openWants), so the page draws the new session once.
  async openDemo(demo: DemoInfo): Promise<void> {
    if (!(await this.mayDiscardEdits(`Open the demo "${demo.title}" in place of this session`))) return;
    this.resets++;
    if (this.unwrap(await this.call(() => this.client.request('openDemo', { id: demo.id, ...this.openWants() })), () => undefined)) {
      rememberRecent({ kind: 'demo', id: demo.id, title: demo.title });
    }
  }

  /**
   * With the editor's own text as `sequence` (Reload of a module changed on disk) nothing is
   * lost, so nothing is asked, and that text stays as saved or not as it was: counted as saved
   * by the new session, edits carried through were then replaced by the next drop unasked.
   */
  async openModule(module: FileData, sequence?: { name: string; text: string }): Promise<void> {
    const keepsText = sequence !== undefined && sequence.text === this.text;
    if (!keepsText && !(await this.mayDiscardEdits(`Open ${module.name} in place of this session`))) return;
    const saved = this.savedText;
    this.resets++;
    const r = await this.call(() => this.client.request('openModule', { module, sequence, ...this.openWants() }));
    if (!this.unwrap(r, () => undefined)) return;
    if (keepsText && saved !== this.savedText) this.unwrap(await this.client.request('sequenceSaved', { text: saved }), () => undefined);
    rememberRecent({ kind: 'file', id: module.name, title: module.name }, module);
  }

  /** The memory image open read-only (a coredump or a saved snapshot); null: a live session. */
  get image(): MemoryImageInfo | null {
    return this.view?.image ?? null;
  }

  /** Opens a coredump, .msnap or .bin read-only; a module beside it names a coredump's frames. */
  async openImage(image: FileData, module?: FileData): Promise<void> {
    if (!(await this.mayDiscardEdits(`Open ${image.name} in place of this session`))) return;
    this.resets++;
    const r = await this.call(() => this.client.request('openImage', { image, ...(module ? { module } : {}), ...this.openWants() }));
    if (this.unwrap(r, () => undefined)) this.imageFile = image;
  }

  /** The file picked, or null: cancelled, or refused (the reason goes to the error bar). */
  private async pick(kind: PickKind): Promise<FileData | null> {
    try {
      return await this.client.pickFile(kind);
    } catch (error) {
      this.error = pickFailure(error);
      return null;
    }
  }

  async pickImage(): Promise<void> {
    const file = await this.pick('image');
    if (file) await this.openImage(file);
  }

  /** Opens the image again with a module beside it, whose name section names its frames. */
  async pickImageModule(): Promise<void> {
    const image = this.imageFile;
    const module = image && (await this.pick('module'));
    if (image && module) await this.openImage(image, module);
  }

  async pickModule(): Promise<void> {
    const file = await this.pick('module');
    if (file) await this.openModule(file);
  }

  async pickSequence(): Promise<void> {
    const file = await this.pick('sequence');
    const text = file && sequenceText(file.bytes, file.name);
    if (text && !text.ok) this.error = text.error;
    else if (text) await this.openSequence(text.value, file.name);
  }

  /**
   * Whether what is opened may replace the editor's text: yes when it holds nothing unsaved, else
   * the person is asked (`what`: the question, naming what comes in its place) by the page's own
   * modal (ConfirmDiscard.svelte), and "Keep editing" keeps it. One rule for every open that
   * replaces the session or its sequence: edits not saved were lost without a word, with no way
   * back. window.confirm asked before, and froze the page's scripts while it was up (the terminal,
   * another tab's steps arriving), looked foreign in Electron, and could not be styled.
   */
  private async mayDiscardEdits(what: string): Promise<boolean> {
    if (!this.unsavedEdits) return true;
    // A second open while one is asked (a drop, Ctrl+O under the modal) is the newer wish: the
    // first is answered "keep" (nothing of it happens), and the question names the second.
    this.discardQuestion?.answer(false);
    return new Promise<boolean>((resolve) => {
      const question: DiscardQuestion = {
        message: `${what}? The sequence in the editor has edits that are not saved: Keep editing keeps them (then Ctrl+S saves them).`,
        answer: (discard) => {
          if (this.discardQuestion === question) this.discardQuestion = null;
          resolve(discard);
        },
      };
      this.discardQuestion = question;
    });
  }

  /** A sequence file (picked or dropped) in place of the editor's text, asking first over edits not saved. */
  async openSequence(text: string, name: string): Promise<void> {
    if (await this.mayDiscardEdits(`Put ${name} in the editor`)) await this.loadSequence(text, name);
  }

  /**
   * A sequence file's text in the editor, counted as saved (it is the file's). Edits are the
   * caller's to ask about: openSequence asks, the file-changed notice's button says it replaces them.
   */
  async loadSequence(text: string, name: string): Promise<void> {
    // A draft still waiting to be sent would be applied over it.
    this.draft = null;
    await this.setSequence(text, name, true);
  }

  /**
   * True when the engine took it (its `session` event, applied first, put it in the editor).
   * `saved`: the text is a file's as read, so the session counts it saved.
   */
  async setSequence(text: string, name = this.sequence?.name ?? 'untitled.wseq', saved = false): Promise<boolean> {
    this.unreplayed = null;
    return this.unwrap(await this.call(() => this.client.request('setSequence', { name, text, ...(saved ? { saved } : {}), ...this.wants() })), () => undefined);
  }

  /**
   * A breakpoint on a line without a step (a comment, a directive, a blank) goes on the first
   * step after it, as debuggers move one to the next statement: set there, it never paused a run.
   * Past the last step there is none to put it on, and that is said.
   */
  async toggleBreakpoint(at: number): Promise<void> {
    const steps = this.sequence?.stepLines ?? [];
    const line = this.breakpoints.includes(at) ? at : steps.find((l) => l >= at);
    if (line === undefined) {
      this.error = { code: 'usage', message: `no step at or after line ${at} to put a breakpoint on` };
      return;
    }
    // Set only here, the gutter would show a breakpoint no run can stop at.
    if (this.disconnected) return;
    const lines = this.breakpoints.includes(line) ? this.breakpoints.filter((l) => l !== line) : [...this.breakpoints, line].sort((a, b) => a - b);
    this.breakpoints = lines;
    this.unwrap(await this.client.request('setBreakpoints', { lines }), () => undefined);
  }

  /** The text the editor shows: the draft being typed, else the sequence in effect. */
  get text(): string {
    return this.draft ?? this.sequence?.text ?? '';
  }

  /** The sequence as last opened from or saved to a file. */
  private get savedText(): string {
    const sequence = this.sequence;
    return this.savedSince ?? (sequence ? sequence.savedText ?? sequence.text : '');
  }

  /** The editor holds edits not opened from or saved to a file (what Save would keep). */
  get unsavedEdits(): boolean {
    return this.text !== this.savedText;
  }

  /**
   * Whether leaving the page (closing it, a reload) would lose edits not saved: when the session
   * that holds them goes with the page (the desktop window) or is gone already (the web shell's
   * server stopped), or when they are not in it yet (typed within the typing pause, or waiting
   * for another tab's step). Otherwise a reload comes back to them.
   */
  get leavingLosesEdits(): boolean {
    if (!this.unsavedEdits) return false;
    return this.client.leavingEndsSession || this.disconnected !== null || this.unsentDraft !== null;
  }

  /** The draft when it differs from the sequence in effect: an edit not applied yet; else null. */
  private get unsentDraft(): string | null {
    return this.draft === null || this.draft === (this.sequence?.text ?? '') ? null : this.draft;
  }

  /** What applying the draft would do to the steps that ran; null when there is nothing to apply. */
  get editPlan(): EditPlan | null {
    const draft = this.unsentDraft;
    return draft === null ? null : planEdit(this.ranBeforeEdit, draft);
  }

  /**
   * The steps an edit replays: those that ran, or those waiting for the text to parse again
   * (unreplayed). Not a last step whose worker was ended (Stop, its time limit, a crash):
   * replayed, it would run as long again, or end the same way.
   */
  private get ranBeforeEdit(): StepRecord[] {
    const ran = this.unreplayed ?? this.steps.slice(0, this.nextStep);
    const last = ran.at(-1);
    return last?.error && WORKER_ENDED.has(last.error.code) ? ran.slice(0, -1) : ran;
  }

  /** How many steps that ran wait for an edit that parses to be replayed (see unreplayed). */
  get waitingToReplay(): number {
    return this.unreplayed?.length ?? 0;
  }

  /**
   * Sends the draft, if it differs from the sequence in effect. The engine resets the run for a
   * new sequence; the steps that ran and still lead the edited text are then replayed, so a note
   * or a step added below keeps the run where it was. An edit that would throw away steps that
   * ran waits for `force` (Apply, Step, Run): the editor has said so.
   */
  async flushDraft(force = false): Promise<boolean> {
    const draft = this.draft;
    if (draft === null) return true;
    clearTimeout(this.draftRetry);
    if (!force && this.state === 'running') {
      // A typing pause while a step or a run goes on keeps the edit: applying it makes a fresh
      // run in a new worker, which ended the running step (a note typed during F5 stopped the
      // run). It is tried again until the run has ended; Apply, Ctrl+Enter and Stop are there.
      this.draftRetry = setTimeout(() => void this.flushDraft(), DRAFT_RETRY_MS);
      return true;
    }
    // This very text already on its way (a typing pause that fell inside Run's own apply, which
    // can take seconds when a `watch` makes the module be prepared for tracing): sent again, it
    // restarted the session under the first, whose start was stopped and the run lost.
    if (this.applying?.text === draft) {
      const sent = await this.applying.done;
      // Refused as 'busy', a typing pause's send is tried again by its own retry; Apply, Step and Run send it now.
      if (sent !== 'busy' || !force) return sent !== false;
    }
    if (draft !== (this.sequence?.text ?? '')) {
      const ran = this.ranBeforeEdit;
      const plan = planEdit(ran, draft);
      if (plan.kept < plan.ran && !force) return true;
      const done = this.applyDraft(draft, ran, !force);
      this.applying = { text: draft, done };
      let accepted: boolean | 'busy';
      try {
        accepted = await done;
      } finally {
        if (this.applying?.done === done) this.applying = null;
      }
      this.draftWaitsForStep = accepted === 'busy';
      // Another page's step (said "running" to this one only once it lasts), or one whose events are
      // still on their way: the same wait as for this page's own run, said by the server.
      if (accepted === 'busy') {
        this.draftRetry = setTimeout(() => void this.flushDraft(), DRAFT_RETRY_MS);
        return true;
      }
      // Refused (a text over the engine's size limit): the editor keeps the text, with the
      // error bar saying why. Dropping the draft put the old sequence back in the editor, and
      // a 2 MB paste vanished; a step then ran the old sequence as if nothing had been typed.
      if (!accepted) return false;
    }
    if (this.draft === draft) this.draft = null;
    return true;
  }

  /**
   * The draft being sent by flushDraft, until its answer (and replay) is in; resolves false when
   * refused, 'busy' when sent only when idle and the session was not (see applyDraft).
   */
  private applying: { text: string; done: Promise<boolean | 'busy'> } | null = null;

  /**
   * `whenIdle` (a typing pause): the server applies it only when nothing runs or waits and it is
   * at the step this page knows, so that `ran` is every step that ran; else it answers 'busy'.
   */
  private async applyDraft(draft: string, ran: StepRecord[], whenIdle: boolean): Promise<boolean | 'busy'> {
    const name = this.sequence?.name ?? 'untitled.wseq';
    const idle = whenIdle ? { whenIdle: { nextStep: this.nextStep } } : {};
    const r = await this.call(() => this.client.request('setSequence', { name, text: draft, ...idle, ...this.wants() }));
    if (!r.ok && r.error.code === 'busy') return 'busy';
    if (!this.unwrap(r, () => undefined)) return false;
    // The answer is null: the edit's `session` event, applied before it, made its sequence the
    // page's. A page that holds another text (its tab fell behind, and the server sends it the
    // view only once it has caught up) does not replay over lines this edit did not make: the
    // steps wait, as for a text that does not parse, for the next edit.
    const sequence = this.sequence?.text === draft ? this.sequence : null;
    const parses = sequence !== null && sequence.errors.length === 0;
    this.unreplayed = !parses && ran.length > 0 ? ran : null;
    if (parses) await this.replay(ran, sequence);
    return true;
  }

  /** Runs again the steps that ran before an edit and are still the first steps of `sequence`. */
  private async replay(ran: StepRecord[], sequence: SequenceView | null): Promise<void> {
    if (!sequence || sequence.errors.length > 0) return;
    const kept = keptSteps(ran, stepTexts(sequence.text, sequence.stepLines));
    if (kept === 0 || !this.canStep) return;
    const request = kept < sequence.stepLines.length
      ? () => this.client.request('runToLine', { line: sequence.stepLines[kept], ...this.wants() })
      : () => this.client.request('run', this.wants());
    this.unwrap(await this.call(request), () => undefined);
  }

  /** Appends a step line (from the module panel or a template) and applies it. */
  async appendText(text: string): Promise<void> {
    const current = this.text;
    this.draft = current === '' || current.endsWith('\n') ? current + text : `${current}\n${text}`;
    if (!this.draft.endsWith('\n')) this.draft += '\n';
    await this.flushDraft();
  }

  /** Saves the sequence as it stands in the editor (bookmarks included) as a .wseq file. */
  async saveSequence(): Promise<boolean> {
    const name = this.sequence?.name ?? 'untitled.wseq';
    const text = this.text;
    const saved = await this.saveFile({ name, bytes: new TextEncoder().encode(text) });
    if (!saved) return false;
    // The session tells every page (its sequenceSaved event); when it cannot be told (the server is gone), this page still knows.
    const told = !this.disconnected && this.unwrap(await this.client.request('sequenceSaved', { text }), () => undefined);
    if (!told) this.savedSince = text;
    return true;
  }

  /** Bookmarks become `bookmark` lines at the end of the sequence (they run nothing: the run stays). */
  async keepBookmarks(list: Bookmark[]): Promise<void> {
    if (list.length > 0) await this.appendText(list.map(bookmarkLine).join('\n'));
  }

  /** Removes one line of the sequence (a bookmark's); steps that ran and still lead it are replayed. */
  async forgetLine(line: number): Promise<void> {
    this.draft = withoutLine(this.text, line);
    await this.flushDraft(true);
  }

  /**
   * An edit made in the memory view (a byte write, a struct read), as a step: it goes in before
   * the next step (at the end when every step ran) and runs at once, so memory shows it now and
   * the sequence replays it where it happened. Appended at the end mid-run it waited behind the
   * rest, so nothing changed (or never, behind a step that traps). A run that cannot go on (a
   * failed step, proc_exit, a stopped guest) or is paused inside a step would not run it: that is
   * said, and the sequence stays as it was.
   */
  async appendAndStep(line: string): Promise<void> {
    // Nothing could run it; kept as a draft, it would read as done (the bar says why not).
    if (this.disconnected) return;
    const why = this.state === 'failed' ? 'the last step failed'
      : this.exitCode !== undefined ? `the guest exited with code ${this.exitCode}`
        : this.terminated ? 'the guest is not running'
          : this.pausedInStep !== null ? `the run is paused inside step ${this.pausedInStep + 1}: press F10 to finish it first` : null;
    if (why !== null) {
      this.error = { code: 'usage', message: `not added (${line}): ${why}${this.pausedInStep !== null ? '' : '; step back (Shift+F10) or reset, then try again'}` };
      return;
    }
    await this.settled();
    const next = this.sequence?.stepLines[this.nextStep];
    if (next === undefined) {
      await this.appendText(line);
    } else {
      this.draft = insertLine(this.text, line, next - 1);
      await this.flushDraft(true);
    }
    // Run it when the steps before it were replayed and it is next (the edit applied, in place).
    const placed = next ?? this.sequence?.stepLines.at(-1);
    if (placed !== undefined && this.sequence?.stepLines[this.nextStep] === placed) await this.step();
  }

  step = () => this.press('step');
  run = () => this.press('run');

  async runToLine(line: number): Promise<void> {
    const stops = this.stops;
    await this.settled();
    if (this.stops !== stops) return;
    if (!(await this.flushDraft(true))) return;
    if (!this.canStep) return;
    this.viewStep = null;
    this.unwrap(await this.call(() => this.client.request('runToLine', { line, ...this.wants() })), () => undefined);
  }

  /**
   * Its `session` event (applied as it comes, before the answer) brings the grid's window, the
   * page map and the heap: one redraw, and no requests queued ahead of the next F10's step.
   */
  async reset(): Promise<void> {
    this.presses = [];
    this.unreplayed = null;
    this.resets++;
    this.unwrap(await this.call(() => this.client.request('reset', this.wants())), () => undefined);
  }

  /** Whether the module is rewritten so each changed byte names its writer. */
  get traceWrites(): boolean {
    return this.view?.traceWrites ?? false;
  }

  /**
   * One step back, replayed exactly (Shift+F10): a press in the queue with F10's (see press()).
   * Its event brings the grid's window, the page map and the heap, as Reset's does.
   */
  stepBack = () => (this.image ? this.readOnlyPress() : this.press('back'));

  /**
   * Back to the previous breakpoint, or to the last earlier write a `watch … stop` saw change its
   * bytes when that is later, stopped right after it (Alt+F5). A replay, as Shift+F10's; a press
   * while one replays is dropped, not queued: where it would go depends on where this one ends.
   */
  async reverseContinue(): Promise<void> {
    if (this.image) return this.readOnlyPress();
    // Dropped, as the Reverse button is off, while the guest runs: held until the run ended, a
    // press during a loop went back (to the start, with no breakpoint) the moment the loop timed
    // out, and the failed step and its timeout left the page unseen.
    if (this.backing || this.state === 'running' || this.busy) return;
    this.backing = true;
    const stops = this.stops;
    try {
      await this.settled();
      if (this.stops !== stops) return;
      if (this.nextStep === 0) return void (this.error = AT_START);
      this.viewStep = null;
      this.unwrap(await this.call(() => this.client.request('reverseContinue', this.wants())), () => undefined);
    } finally {
      this.backing = false;
    }
  }

  /**
   * Shift+F10 or Alt+F5 on a memory image: says why nothing runs, in F10's words (the engine's
   * read-only reason). They did nothing and said nothing, as a coredump has no step before its
   * own (nextStep 0), while F10 and Ctrl+Shift+F5 said why.
   */
  private async readOnlyPress(): Promise<void> {
    this.error = this.cannotStep ?? this.error;
  }

  /**
   * The backend replays the steps that ran with tracing switched, so the run keeps its place;
   * steps still waiting for the text to parse (`unreplayed`) keep waiting, to be replayed traced.
   */
  async setTraceWrites(on: boolean): Promise<void> {
    this.resets++;
    this.unwrap(await this.call(() => this.client.request('setTraceWrites', { on, ...this.wants() })), () => undefined);
  }

  /**
   * Watches [address, address + size) from the next step on: a `watch` line goes in before that
   * step's line, the sequence is applied (a fresh run), and the steps before it run again. With
   * `stop`, a `watch … stop`: the run pauses right after each later write (Break on write). At a
   * watch's stop either also acts in the rest of the paused call (watchNow).
   */
  async watchRange(address: number, size: number, stop = false): Promise<void> {
    const name = `w_${address.toString(16)}`;
    await this.addWatch(`watch ${name} @ 0x${address.toString(16)} [${size}]${stop ? ' stop' : ''}`, { name, address, size, stop });
  }

  /** Adds a `watch` of a static or a part of one by name (`watch origin_y @ &origin.y`) at its bytes, as watchRange does. */
  async watchStatic(w: { name: string; at: string; address: number; size: number }, stop = false): Promise<void> {
    await this.addWatch(`watch ${w.name} @ ${w.at}${stop ? ' stop' : ''}`, { name: w.name, address: w.address, size: w.size, stop });
  }

  /** Puts a watch line before the next step's line and runs again to where the session was: the watch sees every later write. */
  private async addWatch(line: string, now: WatchSpec): Promise<void> {
    const paused = this.pausedInStep;
    const lines = sequenceLines(this.text);
    // After a failed step the line goes in before that step, and the run comes back to just
    // before it: its writes are what the watch is for. After it, it watched nothing (nothing runs
    // past a failed step), and Break on write after a trap replayed the run to fail again.
    const ran = this.state === 'failed' ? this.nextStep - 1 : this.nextStep;
    const nextLine = this.sequence?.stepLines[ran];
    const at = nextLine !== undefined ? nextLine - 1 : lines.length;
    await this.setSequence(insertLine(this.text, line, at));
    if (ran > 0 && this.canStep) await this.runToLine(at + 2);
    if (paused !== null) await this.watchNow(now, paused);
  }

  /**
   * The line acts from the next step; at a watch's stop, the watch also goes live for the rest of
   * the paused call (one the session ends when that call returns), so its writes there are seen
   * too, and a break stops at them, as a break on a local does.
   */
  private async watchNow(w: WatchSpec, paused: number): Promise<void> {
    const live = this.watches;
    if (this.pausedInStep !== paused || live.some((l) => l.name === w.name)) return;
    await this.setWatches([...live, { ...w, frameStep: paused }]);
  }

  /**
   * Writes bytes into memory now: at a watch's stop (the Locals panel's set), the paused call
   * goes on with them. Live memory is then what the grid and the panels read anew.
   */
  async writeMemory(address: number, bytes: Uint8Array): Promise<void> {
    const r = await this.call(() => this.client.request('writeMemory', { address, bytes }));
    this.unwrap(r, () => this.memory.update({ nextStep: this.nextStep }, true));
  }

  /** Replaces the live watch set (a break for the rest of the paused call); the answer's state says which are live. */
  async setWatches(watches: WatchSpec[]): Promise<void> {
    const r = await this.call(() => this.client.request('setWatches', { watches }));
    this.unwrap(r, (d) => this.applyDelta(d));
  }

  /** Never waits on `busy`: Stop must work while a run is in flight. */
  async stop(): Promise<void> {
    this.stops++;
    this.presses = [];
    this.unwrap(await this.client.request('stop', {}), () => undefined);
  }

  async exportSnapshot(format: 'bin' | 'sparse', step?: number): Promise<boolean> {
    const r = await this.call(() => this.client.request('exportSnapshot', { step, format }));
    if (!r.ok) return this.unwrap(r, () => undefined);
    return this.saveFile(r.value);
  }

  async exportCoredump(step?: number): Promise<boolean> {
    const r = await this.call(() => this.client.request('exportCoredump', step === undefined ? {} : { step }));
    if (!r.ok) return this.unwrap(r, () => undefined);
    return this.saveFile(r.value);
  }

  /** The host program's file (name and UTF-8 source), or null after an error (shown in the bar). */
  async hostCode(language: HostLanguage): Promise<FileData | null> {
    const r = await this.call(() => this.client.request('exportHost', { language }));
    if (!r.ok) { this.unwrap(r, () => undefined); return null; }
    return r.value;
  }

  /**
   * Saves a file through the shell: false when cancelled (nothing to say) or refused (the shell
   * said why). A save that fails at the call itself (Electron's dialog or IPC, the browser's
   * download) rejected, and every caller (Save, Export, Ctrl+S) dropped it unseen: it is said in
   * the error bar here, once for all of them.
   */
  async saveFile(file: FileData): Promise<boolean> {
    try {
      return await this.client.saveFile(file);
    } catch (error) {
      this.error = { code: 'io', message: `saving ${file.name} failed: ${error instanceof Error ? error.message : String(error)}` };
      return false;
    }
  }

  dismissError(): void {
    this.error = null;
  }

  /**
   * The notice of this change is closed. The next change of the file comes back, even with a text
   * dismissed before: kept by content, v2 dismissed stayed away when the file went v3 and back to v2.
   */
  dismissFileChange(change: FileChange): void {
    this.fileChanges = this.fileChanges.filter((c) => c !== change);
  }

  /**
   * F10, Shift+F10 and F5. A press while others are being done waits its turn, shown by the
   * stepper and bounded by where the ones before it leave the run (no step past the last, no
   * step back before the first); F5 then is ignored. Stop, Reset or a press that fails drops the
   * ones waiting. F10 right after typing, while the edit is being applied, waits for it instead
   * of doing nothing; a press while a step is still answering waits for it (its events move the
   * counter first, so a press that follows what the page shows comes then).
   */
  private press(p: Press): Promise<void> {
    if (this.stepping) {
      if (p === 'run') return this.stepping;
      const at = this.landing + this.presses.reduce((n, q) => n + (q === 'step' ? 1 : -1), 0);
      const steps = this.sequence?.stepLines.length ?? 0;
      if (p === 'step' ? at < steps : at > 0) this.presses = [...this.presses, p];
      return this.stepping;
    }
    this.presses = [p];
    this.landing = this.nextStep;
    const pump = this.pump();
    this.stepping = pump;
    return pump.finally(() => { this.stepping = null; });
  }

  /** Does the queued presses in order; a run of Shift+F10s is one replay (each is one from the start). */
  private async pump(): Promise<void> {
    const stops = this.stops;
    try {
      while (this.inflight) await this.inflight;
      for (let first = true; this.presses.length > 0 && this.stops === stops; first = false) {
        const [p] = this.presses;
        if (p === 'back') {
          let n = 0;
          while (this.presses[n] === 'back') n++;
          this.presses = this.presses.slice(n);
          if (this.nextStep === 0) {
            if (first) this.error = AT_START;
            continue;
          }
          this.landing = Math.max(0, this.nextStep - n);
          this.viewStep = null;
          this.backing = true;
          const back = n === 1 ? {} : { to: this.landing };
          const ok = this.unwrap(await this.call(() => this.client.request('stepBack', { ...back, ...this.wants() })), () => undefined);
          this.backing = false;
          if (!ok) break;
          continue;
        }
        this.presses = this.presses.slice(1);
        this.landing = this.nextStep + 1;
        // An edit the engine refused is not stepped past: the old sequence would run under it.
        if (!(await this.flushDraft(true))) break;
        // A Stop while the edit was applied, or between queued steps, ends the queue too.
        if (this.stops !== stops) break;
        if (!this.canStep) {
          // The press itself says why; one waiting behind it (the run ended meanwhile) is dropped.
          if (first) this.error = this.cannotStep ?? this.error;
          continue;
        }
        this.viewStep = null;
        const ok = this.unwrap(await this.call(() => this.client.request(p!, this.wants())), () => undefined);
        if (!ok) break;
      }
    } finally {
      this.presses = [];
      this.backing = false;
    }
  }

  /**
   * Until the steps in flight and their queued presses have ended: a step's events move the
   * counter before its answer arrives, so a press that follows what the page shows can come
   * while it is still answering, and is taken after it rather than dropped.
   */
  private async settled(): Promise<void> {
    while (this.stepping || this.inflight) await (this.stepping ?? this.inflight);
  }

  /**
   * A request that changes the session (open, an edit, a step, a run, Reset, going back). One
   * that succeeds takes down the error shown before it began: a fixed line, a Reset after a
   * stopped guest, and the bar went on saying what no longer held. An error that came while it
   * ran (a memory read's) stays.
   */
  private async call<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
    // Not sent: it could only fail, after showing as running for a moment.
    if (this.disconnected) return { ok: false, error: this.disconnected };
    const resets = this.resets;
    this.working = true;
    this.busyTimer ??= setTimeout(() => (this.busy = this.working), BUSY_SHOWN_AFTER_MS);
    const shown = this.error;
    const run = fn();
    const settled = run.then(() => undefined, () => undefined);
    this.inflight = settled;
    try {
      const r = await run;
      if (r.ok && shown !== null && this.error === shown) this.error = null;
      if (!r.ok && r.error.code === 'stopped' && this.resets !== resets) this.endedByReset.add(r);
      return r;
    } finally {
      // The answer comes after the request's events: the steps they brought are the page's now.
      this.flushSteps();
      if (this.inflight === settled) this.inflight = null;
      this.working = this.inflight !== null;
      if (!this.working) {
        clearTimeout(this.busyTimer);
        this.busyTimer = undefined;
        this.busy = false;
      }
    }
  }

  private unwrap<T>(r: Result<T>, apply: (v: T) => void): boolean {
    if (r.ok) {
      apply(r.value);
      return true;
    }
    // After the connection is lost, every answer still pending fails for that one reason, said once.
    if (!this.endedByReset.has(r) && !this.disconnected) this.error = r.error;
    return false;
  }

  private applyView(v: SessionView | null): void {
    const newId = !this.view || !v || v.id !== this.view.id;
    const fresh = newId || v.nextStep < this.nextStep;
    this.view = v;
    this.savedSince = null;
    if (newId) this.memory.clear();
    if (!v?.image) this.imageFile = null;
    if (!v) {
      this.last = null;
      this.replaying = null;
      return;
    }
    this.steps = v.steps;
    this.breakpoints = v.breakpoints;
    this.viewStep = null;
    if (fresh) {
      // Another session, a reload of the page, or this one gone back (Reset, a step back, an
      // edit): the Output panel shows what the instance printed so far, which after going back
      // is what the steps before printed (they ran again quietly, their output not sent again).
      this.output.emit('clear');
      for (const chunk of v.output) this.output.emit(chunk);
    }
    if (v.sequence && this.draft === v.sequence.text) this.draft = null;
    if (newId) {
      this.draft = null;
      this.unreplayed = null;
      this.draftWaitsForStep = false;
      // An error about the session that was replaced no longer applies; but a step of this page
      // that another page's open ended says why it vanished (its answer came just before).
      if (this.error?.code !== 'stopped') this.error = null;
    }
    this.applyDelta(v);
  }

  /**
   * The state the server sent. Requests that run steps are answered after their events, so
   * their answers are not applied again: each delta is applied once, as it comes. `cutSteps`
   * false: the state after step events, whose cuts of the list stepsAfter made in their order.
   */
  private applyDelta(d: SessionDelta, cutSteps = true): void {
    if (this.view && d.id !== this.view.id) return;
    const was = this.last;
    // Memory only changes when a step runs, memory grows, the session is replaced, or the
    // worker ends (its last image). A step that ran may leave the count as it was (the paused
    // one, run on to its next stop, pauses again): its events came since the last delta.
    const ended = d.state !== was?.state && (d.state === 'terminated' || d.state === 'failed');
    const changed = !was || was.id !== d.id || d.nextStep !== was.nextStep || d.memorySize !== was.memorySize || ended || this.stepsCame;
    this.stepsCame = false;
    this.last = d;
    this.replaying = null;
    // After the output that came before it (the server sends a step's output before its state,
    // and a view's output is replayed before its state is applied), so the end is in order.
    if (d.state === 'done' || d.state === 'failed' || d.state === 'terminated') this.output.end();
    if (cutSteps && this.steps.length > d.nextStep) this.steps = this.steps.slice(0, d.nextStep);
    this.memory.update(d, changed);
  }

  /**
   * What a request that runs steps or makes a fresh run (Reset, Shift+F10, an edit, write
   * tracing on or off) asks its events to bring: the memory view's window, the heap. Their
   * answers are not applied: the events came first with everything, so the page draws once.
   */
  private wants(): StepOptions {
    const span = this.memory.wanted;
    return span ? { window: span, heap: true } : { heap: true };
  }

  /** What an open asks its event to bring: the memory view's window where the new session's grid will be, the heap. */
  private openWants(): StepOptions {
    return { window: this.memory.wantedOnOpen, heap: true };
  }

  /**
   * Step events (one, or a batch of a run's): applied at once when none was since the last
   * frame (F10's step shows in the next paint), else held and applied with the others of that
   * frame. A run sends its steps faster than the page redraws, and each update of `steps` costs
   * work over the whole call log (its rows, what is still live): applied one by one, a
   * 1,000-step run froze the page for seconds (quadratic in the steps), against a quarter of a
   * second of engine time.
   */
  private onSteps(events: StepEvent[]): void {
    if (this.stepFrame !== 0) {
      for (const e of events) this.heldSteps.push(e);
      return;
    }
    this.applySteps(events);
    this.stepFrame = requestAnimationFrame(this.nextStepFrame);
  }

  /**
   * A run's state: a delta follows each batch of its steps, and applied as it came it moved the
   * grid, the editor's next line and the call log's current row at every batch, past the
   * frames' pacing; so the latest is held and applied with the steps, at the paced frame.
   */
  private onRunDelta(d: SessionDelta): void {
    if (this.stepFrame !== 0) {
      this.heldDelta = { delta: d, after: this.heldSteps.length };
      return;
    }
    this.applyDelta(d);
    this.stepFrame = requestAnimationFrame(this.nextStepFrame);
  }

  /**
   * Step events held for the next frame (onSteps), and the latest run delta (onRunDelta) with
   * how many of them came before it: it is applied in that place, as the events came. Applied
   * after steps that came later, its nextStep cut them off the list.
   */
  private heldSteps: StepEvent[] = [];
  private heldDelta: { delta: SessionDelta; after: number } | null = null;
  /** Step events were applied since the last delta: the next one brings memory after a step that ran. */
  private stepsCame = false;
  /**
   * The frame (or, first, the pause: `stepPause`) before the held steps are applied; 0: none
   * pending, the next step applies at once.
   */
  private stepFrame = 0;
  private stepPause: ReturnType<typeof setTimeout> | undefined;
  private readonly nextStepFrame = (): void => {
    this.stepFrame = 0;
    if (this.heldSteps.length === 0 && this.heldDelta === null) return;
    const started = performance.now();
    this.flushSteps();
    flushSync();
    // Each apply redraws the call log and the editor's gutter, whose cost grows with the steps
    // so far: applied every frame, a 3,000-step run kept the page busy for seconds after the
    // engine finished. Waiting three times the last apply's cost keeps the page's share of a
    // long run to about a quarter, whatever its length; a short run still applies every frame.
    // The cost is measured at the next frame, so it holds the style, layout and paint the apply
    // caused, not only its script: timed to the end of flushSync, it left out most of a long
    // run's cost, and a 10,000-step run kept the page 90% busy.
    this.stepFrame = requestAnimationFrame(() => {
      const pause = 3 * Math.max(0, performance.now() - started - FRAME_MS);
      if (pause < FRAME_MS) return this.nextStepFrame();
      this.stepFrame = -1;
      this.stepPause = setTimeout(() => (this.stepFrame = requestAnimationFrame(this.nextStepFrame)), pause);
    });
  };

  /** Applies the held step events now (before any other event or answer, which come after them). */
  private flushSteps(): void {
    const held = this.heldSteps;
    const delta = this.heldDelta;
    this.heldSteps = [];
    this.heldDelta = null;
    const before = delta ? delta.after : held.length;
    if (before > 0) this.applySteps(before === held.length ? held : held.slice(0, before));
    if (delta) this.applyDelta(delta.delta);
    if (before < held.length) this.applySteps(held.slice(before));
  }

  /** Step records (in order), each with the state after it when it was a single step (both shells send the two as one event). */
  private applySteps(events: StepEvent[]): void {
    const steps = stepsAfter(this.steps, events);
    if (!steps) return this.resync(`steps ${events[0]!.index + 1}–${events.at(-1)!.index + 1} came to a page holding ${this.steps.length}`);
    this.steps = steps;
    this.stepsCame = true;
    // The latest state after a single step: the earlier ones' cuts of the list are in stepsAfter.
    const after = events.findLast((e) => e.after)?.after;
    if (after) this.applyDelta(after, false);
  }

  /**
   * The page's copy of the session went wrong (a protocol bug): it takes the session's view
   * again, and reports the bug as an uncaught error would be, so the e2e specs fail on it.
   */
  private resync(why: string): void {
    reportError(new Error(`the page's steps fell out of step with the session (${why}); took its view again`));
    void this.client.request('getSession', {}).then((r) => { if (r.ok && r.value) this.applyView(r.value); });
  }
}


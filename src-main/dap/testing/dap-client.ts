// Test-only: a scripted Debug Adapter Protocol client. Frames messages with Content-Length
// headers over any pair of streams (a child's stdio or a TCP socket), sends requests, and
// collects events so a test can wait for the next one of a kind.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { afterEach } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { BIN } from '../../cli/testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../../paths.ts';

type Message = DebugProtocol.ProtocolMessage & Record<string, unknown>;

export class DapClient {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { command: string; resolve: (r: DebugProtocol.Response) => void; reject: (e: Error) => void }>();
  /** Why no more answers can come (the adapter's output ended), once it did. */
  private closed: string | null = null;
  /** Every event received, in order (waitEvent consumes from here). */
  readonly events: DebugProtocol.Event[] = [];
  private readonly waiters: { event: string; resolve: (e: DebugProtocol.Event) => void }[] = [];
  private consumed = 0;

  constructor(input: Readable, private readonly output: Writable) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    // A request the adapter never answers fails naming itself, not as the test's own timeout.
    input.on('close', () => {
      this.closed = 'the adapter\'s output ended (it exited or crashed)';
      for (const [, waiting] of this.pending) waiting.reject(new Error(`no response to "${waiting.command}": ${this.closed}; events so far: ${this.eventNames()}`));
      this.pending.clear();
    });
  }

  /** Sends a request; its response, or a rejection naming it when none came within `timeoutMs` or the adapter's output ended. */
  request<T extends DebugProtocol.Response = DebugProtocol.Response>(command: string, args?: unknown, timeoutMs = 60_000): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`cannot send "${command}": ${this.closed}`));
    const seq = this.seq++;
    const body = JSON.stringify({ seq, type: 'request', command, ...(args !== undefined ? { arguments: args } : {}) });
    this.output.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new Error(`no response to "${command}" within ${timeoutMs} ms; events so far: ${this.eventNames()}`));
      }, timeoutMs);
      const settle = <A>(done: (a: A) => void) => (a: A) => { clearTimeout(timer); done(a); };
      this.pending.set(seq, { command, resolve: settle(resolve as (r: DebugProtocol.Response) => void), reject: settle(reject) });
    });
  }

  private eventNames(): string {
    return this.events.map((e) => e.event).join(', ') || 'none';
  }

  /** The next not-yet-consumed event named `event` (earlier events of other kinds are skipped over, not dropped). */
  waitEvent<T extends DebugProtocol.Event = DebugProtocol.Event>(event: string, timeoutMs = 30_000): Promise<T> {
    for (let i = this.consumed; i < this.events.length; i++) {
      if (this.events[i]!.event === event) {
        this.consumed = i + 1;
        return Promise.resolve(this.events[i] as T);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${event}" event within ${timeoutMs} ms; got ${this.eventNames()}`)), timeoutMs);
      this.waiters.push({ event, resolve: (e) => { clearTimeout(timer); resolve(e as T); } });
    });
  }

  /** Text of every output event of a category so far. */
  output_(category: string): string {
    return this.events.filter((e) => e.event === 'output' && e.body?.category === category).map((e) => e.body.output as string).join('');
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString());
      if (!match) throw new Error(`DAP: a header without Content-Length: ${this.buffer.subarray(0, headerEnd)}`);
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.type === 'response') {
      const response = message as unknown as DebugProtocol.Response;
      this.pending.get(response.request_seq)?.resolve(response);
      this.pending.delete(response.request_seq);
      return;
    }
    if (message.type !== 'event') return;
    const event = message as unknown as DebugProtocol.Event;
    this.events.push(event);
    const k = this.waiters.findIndex((w) => w.event === event.event);
    if (k >= 0) {
      const [waiter] = this.waiters.splice(k, 1);
      this.consumed = this.events.length;
      waiter!.resolve(event);
    }
  }
}

/**
 * `memscope dap ARGS` (the built bin/memscope.js) started from the package root, its stdio piped:
 * the adapter speaks over stdio unless ARGS say --port.
 */
export function spawnAdapter(args: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, 'dap', ...args], { cwd: PACKAGE_ROOT });
}

/**
 * Starts `memscope dap` on stdio (the built bin/memscope.js), initialized and launched with
 * `launch` (initialize with `initialize` added), after its `initialized` event; every adapter it started is killed after each test.
 */
export function launchedAdapters(): (launch: Record<string, unknown>, initialize?: Record<string, unknown>) => Promise<DapClient> {
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
  });
  return async (launch, initialize = {}) => {
    const child = spawnAdapter();
    children.push(child);
    const client = new DapClient(child.stdout, child.stdin);
    await client.request('initialize', { adapterID: 'memscope', linesStartAt1: true, columnsStartAt1: true, ...initialize });
    const launched = await client.request('launch', launch);
    if (!launched.success) throw new Error(`launch: ${launched.message}`);
    await client.waitEvent('initialized');
    return client;
  };
}

/**
 * An adapter from `launch` (launchedAdapters) on `program`, a .wseq, stopped after its first step
 * ran (setup() has filled the statics); the sequence frame's scopes there.
 */
export async function afterFirstStep(launch: ReturnType<typeof launchedAdapters>, program: string): Promise<{ client: DapClient; scopes: DebugProtocol.Scope[] }> {
  const client = await launch({ program, stopOnEntry: true });
  await client.request('configurationDone');
  await client.waitEvent('stopped');
  await client.request('next', { threadId: 1 });
  await client.waitEvent('stopped');
  const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
  return { client, scopes: scopes.body.scopes };
}

// `memscope dap [--port N]`: the Debug Adapter Protocol server for VS Code and other DAP
// clients. On stdio by default (VS Code starts it as the `memscope` debug type's executable);
// with --port, a TCP server on 127.0.0.1 serving one adapter per connection until stopped.

import { createServer, type AddressInfo } from 'node:net';
import { MemscopeDebugSession } from '../dap/adapter.ts';
import { wholeNumber } from './whole-number.ts';
import { scanArgs } from './option-args.ts';

export const DAP_USAGE = `usage: memscope dap [--port N]

Speaks the Debug Adapter Protocol: a .wseq sequence is the program, its steps are the lines.
Launch arguments: { "program": "x.wseq", "module"?: "x.wasm", "deterministic"?: bool,
"stopOnEntry"?: bool, "traceWrites"?: bool (name the writer of every changed byte),
"noDebug"?: bool (the client's Run Without Debugging: no stops; a failed step ends the program) }.
A failed step (a trap, a failed expect) or one ended by pause stops the program there: next and
continue are refused, step back and reverse continue go earlier, terminate ends it.
  --port N   listen on 127.0.0.1:N instead of stdio (0 picks a free port; the port is printed)`;

export default async function dapCommand(argv: string[]): Promise<number> {
  // Read by the rules every command shares (option-args.ts): a second --port is refused (it
  // was last-wins without a word), `--port=N` as `--port N`.
  const scanned = scanArgs(argv, { values: { '--port': 'a port number 0..65535' }, flags: ['--help', '-h'] });
  const refuse = (why: string) => { process.stderr.write(`memscope dap: ${why}\n\n${DAP_USAGE}\n`); return 2; };
  if (typeof scanned === 'string') return refuse(scanned);
  if (scanned.flags.size > 0) { process.stdout.write(`${DAP_USAGE}\n`); return 0; }
  if (scanned.positional.length > 0) return refuse(`unknown argument ${scanned.positional[0]}`);
  const text = scanned.values.get('--port');
  const port = text === undefined ? null : wholeNumber(text);
  if (text !== undefined && (port === null || port > 65535)) return refuse(`--port takes a port number 0..65535, not "${text}"`);
  return port === null ? serveStdio() : serveTcp(port);
}

/** One adapter on stdin/stdout; ends when the client disconnects or closes the pipe. */
function serveStdio(): Promise<number> {
  return new Promise((resolveExit) => {
    const end = () => {
      process.stdin.destroy();
      resolveExit(0);
    };
    const adapter = new MemscopeDebugSession(process.cwd(), end);
    // Lifetime is ours: the library's own shutdown would call process.exit.
    adapter.setRunAsServer(true);
    process.stdin.on('end', end);
    adapter.start(process.stdin, process.stdout);
  });
}

function serveTcp(port: number): Promise<number> {
  return new Promise((resolveExit) => {
    const server = createServer((socket) => {
      const adapter = new MemscopeDebugSession(process.cwd(), () => socket.end());
      adapter.setRunAsServer(true);
      adapter.start(socket, socket);
    });
    server.on('error', (e) => {
      process.stderr.write(`memscope dap: cannot listen on 127.0.0.1:${port}: ${(e as NodeJS.ErrnoException).code ?? e}\n`);
      resolveExit(2);
    });
    server.listen(port, '127.0.0.1', () => {
      process.stdout.write(`memscope dap: listening on 127.0.0.1:${(server.address() as AddressInfo).port}\n`);
    });
    process.once('SIGINT', () => server.close(() => resolveExit(0)));
    process.once('SIGTERM', () => server.close(() => resolveExit(0)));
  });
}

// The debug adapter VS Code starts for the `memscope` debug type: runs `memscope dap` and relays
// the protocol between it and VS Code (this process's stdio). Memscope is found through
// MEMSCOPE_BIN (a bin/memscope.js), else this folder's place in the Memscope repository
// (resources/vscode-extension -> bin/memscope.js), else `memscope` on PATH.
//
// VS Code runs this file ("runtime": "node") on its own Electron binary, as Node for this process
// only: it deletes ELECTRON_RUN_AS_NODE before loading the file, so process.execPath spawned as
// it is would start another VS Code, not Node. The child gets ELECTRON_RUN_AS_NODE=1 when that
// runtime's Node is one Memscope supports, else `node` from PATH runs it.
//
// When memscope cannot start, or exits before it answered anything (not built, not installed,
// an unsupported Node), VS Code alone would say "terminated unexpectedly" and keep stderr out of
// sight: the requests it sent are answered here with the reason, which VS Code shows.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** Memscope's package.json "engines". */
const ENGINES = '^20.19.0 || >=22.12.0';
const STDERR_KEPT = 4000;

function supportedNode(version) {
  const [major, minor] = version.split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
}

/** How to run a .js file with Node: this process's runtime when it is a Node memscope supports. */
function nodeRuntime() {
  if (!process.versions.electron) return { command: process.execPath, env: process.env, what: `node ${process.execPath}` };
  if (supportedNode(process.versions.node)) {
    return { command: process.execPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, what: `VS Code's Node ${process.versions.node}` };
  }
  return { command: 'node', env: process.env, what: `node on PATH (VS Code's own Node ${process.versions.node} is older than Memscope needs, ${ENGINES})` };
}

/** The command that runs `memscope dap`, or why there is none. */
function memscopeCommand() {
  const fromEnv = process.env.MEMSCOPE_BIN;
  if (fromEnv && !existsSync(fromEnv)) return `MEMSCOPE_BIN is ${fromEnv}, which does not exist: set it to the bin/memscope.js of a Memscope checkout, or unset it`;
  // A folder (the checkout, or its bin/) was run as `node FOLDER dap`: the checkout's package.json
  // "main" is the Electron app, which under Node went to download Electron and wrote that on
  // stdout, where VS Code reads the protocol; no error reached VS Code.
  if (fromEnv && statSync(fromEnv).isDirectory()) {
    const inside = [join(fromEnv, 'bin', 'memscope.js'), join(fromEnv, 'memscope.js')].find((f) => existsSync(f));
    return `MEMSCOPE_BIN is ${fromEnv}, a folder: set it to the bin/memscope.js file of a Memscope checkout${inside ? ` (here, ${inside})` : ''}, or unset it`;
  }
  const inRepo = join(__dirname, '..', '..', 'bin', 'memscope.js');
  const bin = fromEnv || (existsSync(inRepo) ? inRepo : null);
  if (bin) {
    const node = nodeRuntime();
    return { command: node.command, args: [bin, 'dap'], env: node.env, shell: false, what: `${bin} on ${node.what}` };
  }
  return { command: 'memscope', args: ['dap'], env: process.env, shell: process.platform === 'win32', what: '`memscope` on PATH (no MEMSCOPE_BIN, and this folder is not in a Memscope checkout)' };
}

let failing = false;
/** The client's bytes until memscope first answers: what to reply to if it never does. */
let unanswered = [];
let stderrText = '';

/** From now on every request is answered here with `message` (disconnect with success, then exit). */
function fail(message) {
  if (failing) return;
  failing = true;
  process.stderr.write(`memscope debug adapter: ${message}\n`);
  let buffer = Buffer.concat(unanswered);
  unanswered = [];
  let seq = 1;
  const send = (body) => {
    const json = JSON.stringify(body);
    process.stdout.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
  };
  const receive = (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1] ?? NaN);
      if (!Number.isSafeInteger(length)) return exitAfterOutput(1);
      if (buffer.length < headerEnd + 4 + length) return;
      let request;
      try {
        request = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      } catch {
        request = null;
      }
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (!request || request.type !== 'request') continue;
      const base = { seq: seq++, type: 'response', request_seq: request.seq, command: request.command };
      if (request.command === 'disconnect') {
        send({ ...base, success: true });
        return exitAfterOutput(1);
      }
      // VS Code shows error.format, its {name}s replaced from variables: the message goes in as one.
      send({ ...base, success: false, message, body: { error: { id: 1, format: '{_message}', variables: { _message: message }, showUser: true } } });
    }
  };
  process.stdin.on('data', receive);
  process.stdin.on('end', () => exitAfterOutput(1));
  receive(Buffer.alloc(0));
}

function exitAfterOutput(code) {
  process.stdout.write('', () => process.exit(code));
}

function start() {
  const how = memscopeCommand();
  if (typeof how === 'string') {
    process.stdin.on('data', (chunk) => unanswered.push(chunk));
    return fail(how);
  }
  const child = spawn(how.command, how.args, { env: how.env, shell: how.shell, stdio: ['pipe', 'pipe', 'pipe'] });
  let answered = false;
  process.stdin.on('data', (chunk) => {
    if (failing) return;
    if (!answered) unanswered.push(chunk);
    child.stdin.write(chunk);
  });
  process.stdin.on('end', () => child.stdin.end());
  // Its exit says what went wrong (a write after it ended fails with EPIPE).
  child.stdin.on('error', () => undefined);
  child.stdout.on('data', (chunk) => {
    answered = true;
    unanswered = [];
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk) => {
    if (stderrText.length < STDERR_KEPT) stderrText += chunk.toString();
    process.stderr.write(chunk);
  });
  child.on('error', (e) => fail(`cannot start ${how.what}: ${e.code === 'ENOENT' ? `there is no \`${how.command}\` on PATH` : e.message}`));
  child.on('close', (code, signal) => {
    if (failing) return;
    if (answered) return exitAfterOutput(code ?? 1);
    const said = stderrText.trim().slice(0, STDERR_KEPT);
    fail(`memscope dap (${how.what}) ended before answering, ${code !== null ? `exit code ${code}` : `signal ${signal}`}: ${said || 'it printed nothing'}`);
  });
}

start();

// The debug adapter VS Code starts for the `memscope` debug type: runs `memscope dap` on this
// process's stdio. Memscope is found through MEMSCOPE_BIN, else this folder's place in the
// Memscope repository (resources/vscode-extension -> bin/memscope.js), else `memscope` on PATH.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const inRepo = join(__dirname, '..', '..', 'bin', 'memscope.js');
const bin = process.env.MEMSCOPE_BIN || (existsSync(inRepo) ? inRepo : null);
const child = bin
  ? spawn(process.execPath, [bin, 'dap'], { stdio: 'inherit' })
  : spawn('memscope', ['dap'], { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('error', (e) => {
  process.stderr.write(`memscope debug adapter: cannot start memscope (${e.message}); set MEMSCOPE_BIN to bin/memscope.js\n`);
  process.exit(1);
});
child.on('exit', (code) => process.exit(code ?? 1));

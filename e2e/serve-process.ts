// `memscope serve --no-open --port 0` as a child process, and the URL (with its token) it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');

export async function startServe(): Promise<{ child: ChildProcess; url: string }> {
  const args = [join(root, 'bin', 'memscope.js'), 'serve', '--no-open', '--port', '0'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('memscope serve printed no URL within 60 s')), 60_000);
    child.once('exit', (code) => fail(new Error(`memscope serve exited early with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) {
        clearTimeout(timer);
        done(line.trim());
      }
    });
  });
  return { child, url };
}

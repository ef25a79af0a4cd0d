// Starts `memscope serve --no-open --port 0` once for the whole run, reads the URL it prints and
// hands it to the specs as MEMSCOPE_URL; the returned teardown closes its stdin (its lifeline).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');


export default async function globalSetup(): Promise<() => Promise<void>> {
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
  process.env.MEMSCOPE_URL = url;
  return async () => {
    child.stdin!.end();
    await new Promise<void>((done) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      if (child.exitCode !== null) done();
    });
  };
}

// Starts `memscope serve --no-open --port 0` once for the whole run, reads the URL it prints and
// hands it to the specs as MEMSCOPE_URL; the returned teardown closes its stdin (its lifeline).

import { startServe } from '../src-main/web/testing/serve-process.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const { child, url } = await startServe();
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

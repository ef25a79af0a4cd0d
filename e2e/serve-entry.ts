// Runs the serve command directly (the e2e setup uses it when bin/memscope.js is not there).
import serve from '../src-main/cli/serve-command.ts';

process.exitCode = await serve(process.argv.slice(2));

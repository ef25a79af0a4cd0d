// Unit and integration tests live beside the code as *.test.ts. The CLI tests run the built
// JavaScript, so a stale build is rebuilt first (scripts/build-if-stale.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./scripts/build-if-stale.ts'],
    // Generous on purpose: many tests spawn real `memscope` processes and workers, and CI is a
    // loaded 2-core machine. A bound only ends a hung test; speed is `npm run bench`'s job.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

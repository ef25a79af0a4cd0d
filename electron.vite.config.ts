// electron-vite: main (the Electron app, the `memscope` CLI that bin/memscope.js runs, and the
// engine's guest worker, all flat in out/main so the worker is found beside the chunk that
// starts it; CommonJS, because Node 20 keeps V8's code cache only for scripts: see
// src-main/boot/code-cache.ts), the preload forced to CommonJS (a sandboxed preload cannot be ESM), and the
// Svelte renderer from src-renderer. `npm install` runs this build (prepare), so what runs is
// JavaScript.

import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const svelteConfig = ['svelte.config.js', 'src-renderer/svelte.config.js']
  .map((p) => resolve(root, p))
  .find((p) => existsSync(p));

export default defineConfig({
  main: {
    // Lets the engine drop its run-from-sources branch (host/worker-entry.ts) from the build.
    define: { MEMSCOPE_BUILD: 'true' },
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/index.ts'),
          cli: resolve(root, 'src-main/cli/main.ts'),
          // Must match BUNDLED_WORKER_FILE and BUNDLED_BOOT_FILE in src-main/engine/host/worker-entry.ts.
          'guest-worker': resolve(root, 'src-main/engine/guest/worker.ts'),
          'guest-boot': resolve(root, 'src-main/boot/guest-boot.ts'),
          // What bin/memscope.js loads the CLI with.
          'code-cache': resolve(root, 'src-main/boot/code-cache.ts'),
        },
        output: {
          format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs',
          // ASCII only: one non-ASCII character (a → in a doc comment, a … in a message) makes V8
          // hold a file's whole source as a two-byte string, which every start decodes from UTF-8
          // (off the fast ASCII path) and copies into the CommonJS wrapper at twice the size. Strings
          // and regexps get \u escapes; doc comments, where most of them were, are left out
          // (they are in src-main). Measured on `memscope run` of return-string: compiling the
          // engine's three big chunks from the cache took ~13 ms less CPU over both threads
          // (e.g. the shared chunk 7.1 -> 3.5 ms in the main thread, 9.9 -> 4.0 ms in the worker).
          charset: 'ascii', comments: { jsdoc: false, legal: true, annotation: true },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
    plugins: [svelte({ configFile: svelteConfig ?? false })],
  },
});

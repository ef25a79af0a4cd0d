// Svelte compiler options for the renderer (found by vite-plugin-svelte in the Vite root).
// Svelte 5 strips TypeScript types itself, so no preprocessor is needed.
export default {
  compilerOptions: { runes: true },
};

// Ambient module types for the renderer build: Svelte components and CSS side-effect imports.
/// <reference types="svelte" />
/// <reference types="vite/client" />

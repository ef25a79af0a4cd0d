// Types for build-state.js (a plain script, run before anything is built).
export declare function buildState(root: string): { current: boolean; reason: string };

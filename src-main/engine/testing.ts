// The engine's second door, for tests and benchmarks only (never product code; layers.test.ts
// checks it): the internals they measure or build fixtures with.

export { ChangeTracker } from './memory/change-tracker.ts';
export { MemoryHistory } from './memory/memory-history.ts';
export { exportSparseSnapshot, writeSnapshotFile } from './memory/snapshot.ts';
export { encodeSparseSnapshot } from './memory/snapshot-format.ts';
export { makeManifest } from './memory/snapshot-manifest.ts';
export { sparseImageFromBytes } from './memory/sparse-image.ts';
export { BLOCK_SIZE, WASM_PAGE } from './memory/types.ts';
export { featureModule } from './module/testing/feature-module.ts';
export * as wasmBytes from './module/testing/wasm-bytes.ts';
export { resolveInputs } from './host/session-inputs.ts';
export { WorkerClient } from './host/worker-client.ts';
export { wasmtimeShapedCoredump } from './coredump/testing/wasmtime-shaped.ts';
export { trapThenHelper } from './coredump/testing/several-instances.ts';
export { encodeCoredump } from './coredump/write.ts';
export { globalSection } from './coredump/ref-globals.ts';
export { heapFacts } from './memory/heap/heap-facts.ts';
export { walkHeap } from './memory/heap/walk.ts';
export { HeapLedger } from './memory/heap/ledger.ts';
export { WriteTracing } from './guest/provenance/tracing.ts';
export { prepare } from './guest/provenance/prepare.ts';
export { loadBinaryen } from './guest/provenance/binaryen.ts';
export { edgeValuesModule, EDGE_RESULTS } from './module/testing/edge-values-module.ts';
export { RECORDS_PER_GROUP } from './host/record-store.ts';

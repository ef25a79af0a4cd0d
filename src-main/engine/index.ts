// The engine's whole public surface: open a module as a Session (guest in its own worker),
// inspect a module without running it, and the few helpers the shells and the CLI need.

export { Session } from './host/session.ts';
export type { MemoryRead, OpenOptions, RunOptions, SequenceSource } from './host/session.ts';
export type { WorkerMemoryUsage } from './protocol.ts';
export { EMSCRIPTEN_ENOSYS, isEmbindImport, isEmscriptenSyscall, isEmscriptenUnwindImport, isGoModule, isGoSyscallJsImport, registersEmbindFunctions } from './protocol.ts';
export { initExportOf } from './module/module-info.ts';
export { DEFAULT_SESSION_CONFIG } from './session-api.ts';
export type { Disposable, Preopen, SessionConfig, SessionEvents, WatchSpec } from './session-api.ts';
export { fileReadError, inspectBytes, inspectFile } from './module/inspect.ts';
export { findWasmFiles } from './module/find-wasm.ts';
export { glueBeside, glueNamesBeside } from './module/glue-file.ts';
export { readGlueNames, type GlueNames } from './module/emscripten-glue.ts';
export { hasMinifiedImports } from './module/toolchain.ts';
export { importBindingsOf, planModuleImports } from './host/import-plan.ts';
export { starterSequence } from './module/starter.ts';
export { formatSourceError, modulePath, parseSequence, resolveSequenceStatics } from './sequence/index.ts';
export { MAX_TIMEOUT_MS, TIMEOUT_RANGE } from './sequence/parse.ts';
export { loadSnapshot, diffSnapshots, snapshotFormatForPath } from './memory/snapshot.ts';
export type { LoadedSnapshot } from './memory/snapshot.ts';
export { snapshotStepText } from './memory/snapshot-manifest.ts';
export { MemoryImage } from './image/memory-image.ts';
export { openMemoryImage } from './image/open-image.ts';
export type { ImageFile } from './image/open-image.ts';
export { BUNDLED_WORKER_FILE } from './host/worker-entry.ts';
export { readRegularFile, MAX_MODULE_FILE_BYTES, MAX_SEQUENCE_FILE_BYTES, MAX_SNAPSHOT_FILE_BYTES } from './read-regular-file.ts';
export { decodeCoredump, looksLikeCoredump } from './coredump/read.ts';
export type { Coredump, CoredumpFrame, CoredumpGlobal } from './coredump/model.ts';
export { formatFrameName } from './module/index.ts';
export { functionSourceAt } from './module/function-source.ts';
export { readSparseImage } from './memory/sparse-image.ts';
export { layoutOf, NUM_SIZE } from './sequence/layout.ts';
export type { TypeLayout } from './sequence/layout.ts';
export { planImports, annotateImports } from './host/import-plan.ts';
export { directivesToConfig } from './sequence/directives.ts';
export { withDeclaredAllocator } from './sequence/declared-allocator.ts';
export type { Sequence, Step, Directive, Expr } from './sequence/ast.ts';

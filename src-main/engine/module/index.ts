// The module reader's public surface: inspect bytes or files, name guest functions, compare
// signatures, find modules in a directory.

export { fileReadError, inspectBytes, inspectFile, readModule, type InspectOptions } from './inspect.ts';
export { formatFrameName, formatFunctionName, functionNamesOf, parseNameSection } from './names.ts';
export { hasSignature, type FuncType } from './signature.ts';
export { findWasmFiles } from './find-wasm.ts';
export { functionType, type RawModule, type RawImport, type RawExport, type SectionSpan } from './model.ts';

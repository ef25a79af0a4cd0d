// The planner-only builtins (engine/guest/gojs.ts and temp-ret.ts) written out for an exported
// JS host: Go js/wasm's runtime imports and Emscripten's setTempRet0/getTempRet0 and
// emscripten_memcpy_big and emscripten_resize_heap (engine/guest/emscripten-runtime.ts), by
// import name; its exceptions and longjmp are js-emscripten-unwind.ts.
// Each is source text for a function in the program's import object; `memory()`, `ProcExit`,
// `writeStd` and `tempRet0` are defined by the program (js.ts, js-prelude.ts).

import { EMSCRIPTEN_ENOSYS, isEmbindImport, isEmscriptenSyscall } from '../engine/index.ts';
import { EMBIND_NOT_CALLED } from './plan.ts';

/** Go's imports take its stack pointer; arguments and results sit at sp + 8 (see gojs.ts). */
const GO: Record<string, string> = {
  'runtime.wasmExit': '(sp) => { const code = new DataView(memory().buffer).getInt32((sp >>> 0) + 8, true); throw new ProcExit(code, `the Go program exited with code ${code} (runtime.wasmExit)`); }',
  'runtime.wasmWrite': '(sp) => { sp >>>= 0; const v = new DataView(memory().buffer); const fd = Number(v.getBigUint64(sp + 8, true)); const p = Number(v.getBigUint64(sp + 16, true)); const n = v.getInt32(sp + 24, true); writeStd(fd === 2 ? 2 : 1, new Uint8Array(memory().buffer, p, n).slice()); }',
  'runtime.resetMemoryDataView': '() => {}',
  'runtime.nanotime1': '(sp) => { new DataView(memory().buffer).setBigUint64((sp >>> 0) + 8, BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)), true); }',
  'runtime.walltime': '(sp) => { const ms = Date.now(); const v = new DataView(memory().buffer); v.setBigUint64((sp >>> 0) + 8, BigInt(Math.floor(ms / 1000)), true); v.setUint32((sp >>> 0) + 16, (ms % 1000) * 1000000, true); }',
  'runtime.scheduleTimeoutEvent': '(sp) => { new DataView(memory().buffer).setInt32((sp >>> 0) + 16, 1, true); /* never fires: no event loop here either */ }',
  'runtime.clearTimeoutEvent': '() => {}',
  'runtime.getRandomData': '(sp) => { const v = new DataView(memory().buffer); crypto.getRandomValues(new Uint8Array(memory().buffer, Number(v.getBigUint64((sp >>> 0) + 8, true)), Number(v.getBigUint64((sp >>> 0) + 16, true)))); }',
  debug: '(sp) => { console.error(`go debug: ${sp}`); }',
};

const TEMP_RET: Record<string, string> = {
  setTempRet0: '(high) => { tempRet0 = high; }',
  getTempRet0: '() => tempRet0',
};

const EMSCRIPTEN: Record<string, string> = {
  emscripten_memcpy_big: '(dest, src, num) => { new Uint8Array(memory().buffer).copyWithin(dest >>> 0, src >>> 0, (src >>> 0) + (num >>> 0)); return dest; }',
  // Total bytes wanted (not a delta); 1 when memory is that large now, 0 and malloc returns NULL.
  emscripten_notify_memory_growth: '() => {} /* the module grew its memory itself; memory() re-reads the buffer */',
  emscripten_resize_heap: '(requested) => { const want = requested >>> 0; const size = memory().buffer.byteLength; if (want <= size) return 1; if (want > 4294901760) return 0; try { memory().grow(Math.ceil((want - size) / 65536)); return 1; } catch { return 0; } }',
};

const BY_BUILTIN: Record<string, Record<string, string>> = { gojs: GO, tempret: TEMP_RET, emscripten: EMSCRIPTEN };

/** Source text for a planner-only builtin's import, or undefined when the name is not one of them. */
export function runtimeBuiltin(builtin: string, name: string): string | undefined {
  // A JS-glue system call: its JavaScript file system is not written out either (protocol.ts).
  if (builtin === 'emscripten' && isEmscriptenSyscall(name)) return `() => ${EMSCRIPTEN_ENOSYS} /* ENOSYS: Emscripten's JS file system is not hosted */`;
  if (builtin === 'emscripten' && isEmbindImport(name)) return `() => {} /* embind's: ${EMBIND_NOT_CALLED} */`;
  return BY_BUILTIN[builtin]?.[name];
}

// Assembles the Coredump of one session at one step: its memory image, its globals (live values,
// exact, where the JS API can reach them, else the declared initial value) and, when the step trapped,
// the guest stack with each frame's code offset from its function's start.

import { WASM_PAGE, type MemscopeError, type Result } from '../../shared/dto.ts';
import { zeroValue } from '../../shared/value-format.ts';
import { memorySizeText } from '../../shared/diff-caveats.ts';
import { readModule } from '../module/index.ts';
import type { SparseImage } from '../memory/types.ts';
import type { GlobalValue } from '../protocol.ts';
import type { Coredump, CoredumpFrame, CoredumpGlobal } from './model.ts';


export interface CoredumpInputs {
  moduleName: string;
  moduleBytes: Uint8Array;
  image: SparseImage;
  /** Values read from the live instance (exported globals), or null when it is gone or past. */
  liveGlobals: GlobalValue[] | null;
  /** The error of the step dumped, when it failed: its guest stack becomes the thread's frames. */
  error?: MemscopeError;
  /** Whose memory `image` is, as errors name it (an opened image's file name); default "the memory". */
  imageName?: string;
}

export interface CoredumpBuilt {
  dump: Coredump;
  /** Indices of mutable globals written with their declared initial value: the live one was not readable. */
  initialOnly: number[];
}

export function buildCoredump(input: CoredumpInputs): Result<CoredumpBuilt> {
  const module = readModule(input.moduleBytes);
  if (!module.ok) return module;
  const m = module.value;
  const importedFuncs = m.importFuncTypes.length;
  const live = new Map((input.liveGlobals ?? []).map((g) => [g.index, g.value]));
  const initialOnly: number[] = [];
  const globals: CoredumpGlobal[] = m.globals.map((g, index) => {
    const value = live.get(index);
    // An immutable global's declared value is its value: only a mutable one can be wrong.
    if (value === undefined && g.mutable) initialOnly.push(index);
    // The declared value of a lone constant initialiser; anything else (global.get, imports) is 0.
    return { mutable: g.mutable, value: value ?? g.value ?? zeroValue(g.type) };
  });
  const frames: CoredumpFrame[] = (input.error?.stack ?? []).flatMap((f) => {
    if (f.funcIndex === null) return [];
    const start = m.codeStarts[f.funcIndex - importedFuncs];
    const codeOffset = f.offset !== undefined && start !== undefined && f.offset >= start ? f.offset - start : 0;
    return [{ instance: 0, funcIndex: f.funcIndex, codeOffset, locals: [], stack: [] }];
  });
  const declared = m.memories[0];
  // The dump's memory is the module's: with none declared, the image's bytes had nowhere to go
  // and were left out, the file written as if there had been nothing to lose.
  if (!declared && input.image.size > 0) {
    return { ok: false, error: { code: 'usage', message: `${input.moduleName} declares no memory, so a coredump of it cannot hold the ${memorySizeText(input.image.size)} of ${input.imageName ?? 'the memory'}: give the module the memory was taken of`, where: { file: input.moduleName } } };
  }
  const dump: Coredump = {
    processName: input.moduleName,
    modules: [input.moduleName],
    instances: [{ module: 0, memories: declared ? [0] : [], globals: globals.map((_g, i) => i) }],
    threads: [{ name: 'main', frames }],
    memories: declared ? [{
      min: Math.ceil(input.image.size / WASM_PAGE), max: declared.max, memory64: declared.memory64,
      ...(declared.shared ? { shared: true } : {}), image: input.image,
    }] : [],
    globals,
  };
  return { ok: true, value: { dump, initialOnly } };
}

// Source text of the helpers an exported Go host starts with, and of its host modules: the
// builtins (print_utf8, print_utf16, AssemblyScript's abort and trace) and zero-returning
// stubs for imports nobody provides, as Memscope's stubs return.

import { EMSCRIPTEN_ENOSYS, isEmbindImport, isEmscriptenSyscall } from '../engine/index.ts';
import { EMBIND_NOT_CALLED } from './plan.ts';
import type { HostPlan } from './plan.ts';
import { cxxThrowAbort } from '../shared/error-format.ts';
import { commentText } from '../shared/comment-text.ts';
import { goStr } from './go-literal.ts';

/**
 * The check of a call argument computed when the host runs (a constant one was checked at export),
 * on its own so a test can compile it without wazero: it needs only check, fmt and math.
 */
export const GO_FIT = String.raw`// fitArg is a call argument computed at run time (sequence integers are int64, floats float64),
// checked as memscope run checks it, failing the step with its words where a conversion would
// wrap it or make it infinite silently: an integer parameter takes its signed or its unsigned
// range (-2^31 to 2^32-1 for an i32) and no float; an f32 no finite value it would make infinite.
// Returned as it is, for the caller to convert.
func fitArg[T int64 | float64](v T, param, what string) T {
	switch x := any(v).(type) {
	case int64:
		// An int64 is in an i64's range and finite as a float, so only an i32 can refuse one.
		if param == "i32" && (x < -1<<31 || x > 1<<32-1) {
			check(fmt.Errorf("%s (i32): %d does not fit in 32 bits (-2147483648 to 4294967295)", what, x))
		}
	case float64:
		if param == "i32" || param == "i64" {
			check(fmt.Errorf("%s (%s) needs an integer, not a float", what, param))
		}
		// Infinity and NaN pass as they are, as in run; %g spells the number as JavaScript does (1e+50).
		if param == "f32" && !math.IsInf(x, 0) && !math.IsNaN(x) && math.IsInf(float64(float32(x)), 0) {
			check(fmt.Errorf("%s (f32): %g does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)", what, x))
		}
	}
	return v
}
`;

export const GO_HELPERS = String.raw`// bound holds every binding so far, as memscope run --json writes them.
var bound = map[string]any{}

// printBound prints the bindings as one JSON object: the program's last line.
func printBound() {
	final, _ := json.Marshal(bound)
	fmt.Println(string(final))
}

// check ends the program like a failed step ends memscope run: the error, the bindings, exit 1.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "✗", err)
		printBound()
		os.Exit(1)
	}
}

// checkExit: proc_exit(0) from _start is a normal end; another code fails, as in Memscope.
func checkExit(err error) {
	var exit *sys.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 0 {
		return
	}
	check(err)
}

// wrap turns a sequence integer into a variable, so converting it to a narrower type wraps at
// run time (Go refuses constant conversions that overflow, such as uint32(-7)).
func wrap(v int64) int64 {
	return v
}

${GO_FIT}
func expect(ok bool, what string) {
	if !ok {
		check(errors.New(what))
	}
}

// must: api.Memory says ok=false when an offset is outside the memory.
func must(ok bool, what string, offset int64) {
	if !ok {
		check(fmt.Errorf("%s %d: outside the guest memory", what, offset))
	}
}

func read(mem api.Memory, offset, length int64) []byte {
	b, ok := mem.Read(uint32(offset), uint32(length))
	must(ok, "read at", offset)
	// Read returns a view of guest memory: copy it before the guest runs again.
	return append([]byte(nil), b...)
}

func readU8(mem api.Memory, offset int64) uint8 {
	v, ok := mem.ReadByte(uint32(offset))
	must(ok, "read u8 at", offset)
	return v
}

func readU16(mem api.Memory, offset int64) uint16 {
	v, ok := mem.ReadUint16Le(uint32(offset))
	must(ok, "read u16 at", offset)
	return v
}

func readU32(mem api.Memory, offset int64) uint32 {
	v, ok := mem.ReadUint32Le(uint32(offset))
	must(ok, "read u32 at", offset)
	return v
}

func readU64(mem api.Memory, offset int64) uint64 {
	v, ok := mem.ReadUint64Le(uint32(offset))
	must(ok, "read u64 at", offset)
	return v
}

func readF32(mem api.Memory, offset int64) float32 {
	v, ok := mem.ReadFloat32Le(uint32(offset))
	must(ok, "read f32 at", offset)
	return v
}

func readF64(mem api.Memory, offset int64) float64 {
	v, ok := mem.ReadFloat64Le(uint32(offset))
	must(ok, "read f64 at", offset)
	return v
}

// nulLen: bytes up to the first NUL unit (1 byte for UTF-8, 2 for UTF-16).
func nulLen(mem api.Memory, offset int64, unit int64) int64 {
	rest := read(mem, offset, int64(mem.Size())-offset)
	for i := int64(0); i+unit <= int64(len(rest)); i += unit {
		if bytes.Equal(rest[i:i+unit], make([]byte, unit)) {
			return i
		}
	}
	check(fmt.Errorf("no terminating NUL after %d", offset))
	return 0
}

func fromUTF16(raw []byte) string {
	units := make([]uint16, len(raw)/2)
	for i := range units {
		units[i] = uint16(raw[2*i]) | uint16(raw[2*i+1])<<8
	}
	return string(utf16.Decode(units))
}

func toUTF16(text string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(text)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func fromHex(text string) []byte {
	b, err := hex.DecodeString(strings.Join(strings.Fields(text), ""))
	check(err)
	return b
}

// deterministic gives the guest Memscope's deterministic WASI sources: realtime starts at
// 2024-01-01 and monotonic at 0, both advancing 1 ms per read (one shared counter), and
// random_get is a seeded sfc32 stream, so a run repeats exactly and matches memscope run.
type deterministic struct {
	t          int64
	a, b, c, d uint32
}

func newDeterministic() *deterministic {
	s := &deterministic{a: 0x6d656d73, b: 0x636f7065, c: 0x77617369, d: 1}
	for i := 0; i < 12; i++ {
		s.next()
	}
	return s
}

func (s *deterministic) walltime() (int64, int32) {
	ns := 1_704_067_200_000_000_000 + s.t
	s.t += 1_000_000
	return ns / 1_000_000_000, int32(ns % 1_000_000_000)
}

func (s *deterministic) nanotime() int64 {
	v := s.t
	s.t += 1_000_000
	return v
}

func (s *deterministic) next() uint32 {
	t := s.a + s.b + s.d
	s.d++
	s.a = s.b ^ (s.b >> 9)
	s.b = s.c + (s.c << 3)
	s.c = (s.c << 21) | (s.c >> 11)
	s.c += t
	return t
}

// Read makes it the io.Reader that random_get draws from.
func (s *deterministic) Read(p []byte) (int, error) {
	for i := 0; i < len(p); i += 4 {
		v := s.next()
		for k := 0; k < 4 && i+k < len(p); k++ {
			p[i+k] = byte(v >> (8 * k))
		}
	}
	return len(p), nil
}

// asString reads an AssemblyScript string: UTF-16 with its byte length at ptr - 4.
func asString(mem api.Memory, ptr uint32) string {
	if ptr == 0 {
		return ""
	}
	return fromUTF16(read(mem, int64(ptr), int64(readU32(mem, int64(ptr)-4))))
}
`;

const VALUE_TYPES: Record<string, string> = { i32: 'api.ValueTypeI32', i64: 'api.ValueTypeI64', f32: 'api.ValueTypeF32', f64: 'api.ValueTypeF64', externref: 'api.ValueTypeExternref', funcref: 'api.ValueTypeFuncref' };

/** One host module per import module name (WASI comes from wazero's own). */
function zeros(n: number): string {
  return `func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tfor i := 0; i < ${n}; i++ {\n\t\t\tstack[i] = 0\n\t\t}\n\t}`;
}

/**
 * Emscripten's JS-glue imports Memscope performs (engine/guest/temp-ret.ts, emscripten-runtime.ts),
 * as wazero host functions: params arrive in stack[0..], the result goes to stack[0].
 * api.Memory.Read returns a view that writes through; Grow takes pages and says ok=false at the maximum.
 */
const GO_RUNTIME: Record<string, string> = {
  setTempRet0: 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\ttempRet0 = api.DecodeU32(stack[0])\n\t}',
  getTempRet0: 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tstack[0] = api.EncodeU32(tempRet0)\n\t}',
  emscripten_memcpy_big: 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tdest, src, n := api.DecodeU32(stack[0]), api.DecodeU32(stack[1]), api.DecodeU32(stack[2])\n\t\tall, _ := m.Memory().Read(0, m.Memory().Size())\n\t\tif uint64(dest)+uint64(n) > uint64(len(all)) || uint64(src)+uint64(n) > uint64(len(all)) {\n\t\t\tpanic("emscripten_memcpy_big: out of bounds") // traps the guest call\n\t\t}\n\t\tcopy(all[dest:dest+n], all[src:src+n]) // copy allows overlap, as memmove does\n\t\tstack[0] = api.EncodeU32(dest) // memcpy returns dest\n\t}',
  emscripten_notify_memory_growth: 'func(ctx context.Context, m api.Module, stack []uint64) {}',
  emscripten_resize_heap: 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\twant, size := uint64(api.DecodeU32(stack[0])), uint64(m.Memory().Size())\n\t\tstack[0] = 1\n\t\tif want <= size {\n\t\t\treturn\n\t\t}\n\t\t// Past 4 GiB - 64 KiB (Emscripten\'s ceiling) or the memory\'s maximum: sbrk fails, malloc returns NULL.\n\t\tif want > 4294901760 {\n\t\t\tstack[0] = 0\n\t\t} else if _, ok := m.Memory().Grow(uint32((want - size + 65535) / 65536)); !ok {\n\t\t\tstack[0] = 0\n\t\t}\n\t}',
};

// A C++ throw (Emscripten's JavaScript exceptions) ends the call, as Memscope's builtin does:
// a panic in a host function unwinds the guest call, and wazero returns it as the call's error.
for (const name of ['__cxa_allocate_exception', '__cxa_throw']) {
  GO_RUNTIME[name] = `func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tpanic(${goStr(cxxThrowAbort(name))})\n\t}`;
}

const GO_RUNTIME_WHY: Record<string, string> = {
  setTempRet0: ': the high half of a legalised i64 result',
  getTempRet0: ': the high half of a legalised i64 argument',
  emscripten_memcpy_big: ': copies n bytes from src to dest (a memcpy of 512 bytes or more)',
  emscripten_resize_heap: ': grows memory to the total bytes asked; 1 when it is that large now, else 0',
  emscripten_notify_memory_growth: ': the module grew its memory itself; nothing to do',
  __cxa_allocate_exception: ': a C++ throw begins; it ends the call (build with -fwasm-exceptions)',
  __cxa_throw: ': a C++ throw; it ends the call (build with -fwasm-exceptions)',
};

export function goHostModules(plan: HostPlan): string[] {
  const byModule = new Map<string, string[]>();
  for (const imp of plan.info.imports) {
    if (imp.kind !== 'func' || imp.binding === 'wasi') continue;
    const { params, results } = imp.type;
    const sig = `[]api.ValueType{${params.map((t) => VALUE_TYPES[t]).join(', ')}}, []api.ValueType{${results.map((t) => VALUE_TYPES[t]).join(', ')}}`;
    let fn: string;
    switch (imp.binding === 'builtin' ? imp.builtin : undefined) {
      case 'print_utf8': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tos.Stdout.Write(read(m.Memory(), int64(api.DecodeU32(stack[0])), int64(api.DecodeU32(stack[1]))))\n\t}'; break;
      case 'print_utf16': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tfmt.Print(fromUTF16(read(m.Memory(), int64(api.DecodeU32(stack[0])), 2*int64(api.DecodeU32(stack[1])))))\n\t}'; break;
      case 'abort': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tmsg := asString(m.Memory(), api.DecodeU32(stack[0]))\n\t\tfile := asString(m.Memory(), api.DecodeU32(stack[1]))\n\t\tfmt.Fprintf(os.Stderr, "abort: %s at %s:%d:%d\\n", msg, file, api.DecodeU32(stack[2]), api.DecodeU32(stack[3]))\n\t\tpanic("abort: " + msg) // unwinds the guest call; wazero returns it as the call\'s error\n\t}'; break;
      case 'trace': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tfmt.Print("trace: ", asString(m.Memory(), api.DecodeU32(stack[0])))\n\t\tfor i := uint32(0); i < api.DecodeU32(stack[1]) && i < 5; i++ {\n\t\t\tsep := ", "\n\t\t\tif i == 0 {\n\t\t\t\tsep = " "\n\t\t\t}\n\t\t\tfmt.Print(sep, api.DecodeF64(stack[2+i]))\n\t\t}\n\t\tfmt.Println()\n\t}'; break;
      case 'tempret': case 'emscripten':
        fn = GO_RUNTIME[imp.name] ?? (isEmscriptenSyscall(imp.name) && results.join() === 'i32'
          ? `func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tstack[0] = api.EncodeI32(${EMSCRIPTEN_ENOSYS}) // ENOSYS\n\t}` : zeros(results.length));
        break;
      default:
        // Unresolved: zeros of its result types (results go in stack[0..]).
        fn = zeros(results.length);
    }
    const why = imp.builtin === 'tempret' || imp.builtin === 'emscripten'
      ? GO_RUNTIME_WHY[imp.name] ?? (isEmscriptenSyscall(imp.name) ? ": a JS-glue system call; Emscripten's JavaScript file system is not hosted: ENOSYS"
        : isEmbindImport(imp.name) ? `: embind's; ${EMBIND_NOT_CALLED}` : '') : '';
    const name = commentText(`${imp.module}.${imp.name}`);
    const comment = imp.binding === 'builtin' ? `// ${name} = ${imp.builtin}${why}` : `// ${name}: unresolved, returns zeros as Memscope's stub does`;
    byModule.set(imp.module, [...(byModule.get(imp.module) ?? []), comment,
      `NewFunctionBuilder().WithGoModuleFunction(api.GoModuleFunc(${fn}), ${sig}).Export(${goStr(imp.name)}).`]);
  }
  const out: string[] = [];
  for (const [module, entries] of byModule) {
    out.push(`_, err = r.NewHostModuleBuilder(${goStr(module)}).`, ...entries.map((e) => `\t${e}`), '\tInstantiate(ctx)', 'check(err)');
  }
  return out;
}

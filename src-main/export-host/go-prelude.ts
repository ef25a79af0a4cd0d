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
 * The part of the prelude that needs no wazero: the bindings, the end of a failed step, and
 * sequence integers with their checks. On its own so a test can build it with Go alone.
 */
export const GO_CORE = String.raw`// bound holds every binding so far, as memscope run --json writes them.
var bound = &bindings{values: map[string]any{}}

// bindings is bound's type: show prints a binding's line through it, set keeps its value (methods:
// a binding may be named like any function of this program, and hides it in main, but not bound's
// methods). names is the order run's object has: first bound first, a name bound again keeping its
// place (a map alone was written with its keys sorted by name).
type bindings struct {
	names  []string
	values map[string]any
}

// show prints a binding's line as memscope run does, on a line of its own (after guest output
// that left one open).
func (*bindings) show(format string, a ...any) {
	fmt.Fprintf(guestOut.ownLine(), format, a...)
}

func (b *bindings) set(name string, value any) {
	if _, ok := b.values[name]; !ok {
		b.names = append(b.names, name)
	}
	b.values[name] = value
}

// object is a JSON object whose keys keep their order: the bindings, a struct's fields in the
// order the struct declares them, as run writes both (encoding/json writes a map's keys sorted).
type object []member

type member struct {
	key   string
	value any
}

// object is a struct's value for the bindings line: key, value, key, value… in field order.
func (*bindings) object(pairs ...any) object {
	o := make(object, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		o = append(o, member{pairs[i].(string), pairs[i+1]})
	}
	return o
}

// jsValue is v as JSON.stringify writes it: an object member by member, in its order, and
// anything else by jsJSON.
func jsValue(v any) (string, error) {
	o, ok := v.(object)
	if !ok {
		return jsJSON(v)
	}
	parts := make([]string, len(o))
	for i, m := range o {
		key, err := jsJSON(m.key)
		if err != nil {
			return "", err
		}
		value, err := jsValue(m.value)
		if err != nil {
			return "", err
		}
		parts[i] = key + ":" + value
	}
	return "{" + strings.Join(parts, ",") + "}", nil
}

// guestOut and guestErr carry the guest's stdout and stderr (WithStdout, WithStderr, the
// builtins that print) and know whether its last bytes left a line open: the program's own lines
// (a binding, the JSON, a failure) start lines of their own. They ran on: "no newlinen = 0", and
// the JSON after such output did not parse.
var guestOut, guestErr = &lineEnd{f: os.Stdout}, &lineEnd{f: os.Stderr}

type lineEnd struct {
	f    *os.File
	open bool
}

func (l *lineEnd) Write(p []byte) (int, error) {
	if len(p) > 0 {
		l.open = p[len(p)-1] != '\n'
	}
	return l.f.Write(p)
}

// ownLine ends the guest's open line, if it left one, and is the stream to write a line to.
func (l *lineEnd) ownLine() *os.File {
	if l.open {
		l.f.Write([]byte("\n"))
		l.open = false
	}
	return l.f
}

// printBound prints the bindings as one JSON object: the program's last line.
func printBound() {
	all := make(object, len(bound.names))
	for i, name := range bound.names {
		all[i] = member{name, bound.values[name]}
	}
	final, err := jsValue(all)
	if err != nil {
		final = fmt.Sprintf("{\"error\": %q}", err.Error())
	}
	fmt.Fprintln(guestOut.ownLine(), final)
}

// jsJSON is v as JavaScript's JSON.stringify writes it, as run writes its bindings: encoding/json
// escapes <, > and & (SetEscapeHTML turns that off) and always U+2028 and U+2029, which
// JavaScript writes as they are. The scan steps over each escape whole, so an escaped backslash
// before the text u2028 stays as it is.
func jsJSON(v any) (string, error) {
	var b strings.Builder
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return "", err
	}
	text := strings.TrimSuffix(b.String(), "\n")
	var out strings.Builder
	for i := 0; i < len(text); i++ {
		switch {
		case strings.HasPrefix(text[i:], "\\u2028"):
			out.WriteString("\u2028")
			i += 5
		case strings.HasPrefix(text[i:], "\\u2029"):
			out.WriteString("\u2029")
			i += 5
		case text[i] == '\\':
			out.WriteString(text[i : i+2])
			i++
		default:
			out.WriteByte(text[i])
		}
	}
	return out.String(), nil
}

// stepLine and stepText are the sequence line and text of the step running (each step sets
// them first, through bound.step), so a failure the step did not word itself (a trap, a failed
// call, an access outside memory) names it too; stepColumn is where run places a failure at the
// step's own place (checkStep's).
var stepLine, stepColumn int
var stepText string

// step starts a step: its line, column and text, for check. A method, as show is: a binding
// named stepText would hide a variable of that name in main.
func (*bindings) step(line, column int, text string) {
	stepLine, stepColumn, stepText = line, column, text
}

// check ends the program like a failed step ends memscope run: the error at its sequence line,
// the bindings, exit 1. A part of the line that failed (an argument, an address) is named in its
// words, at the line.
func check(err error) {
	failAt(err, false)
}

// checkStep is check for a failure at the step's own place, its call (a trap, an exit, a time
// limit) or its expect's comparison: said at run's line:column.
func checkStep(err error) {
	failAt(err, true)
}

func failAt(err error, atStep bool) {
	if err != nil {
		msg := trapWords(err.Error())
		// Said as the JavaScript program and run's step line say it, the step's text after its
		// line: "line 2:1: boom(): trap: unreachable in boom". The steps' own errors start with
		// their line already.
		if stepLine > 0 {
			at := fmt.Sprint(stepLine)
			if atStep {
				at = fmt.Sprintf("%d:%d", stepLine, stepColumn)
			}
			msg = fmt.Sprintf("line %s: %s: %s", at, stepText, strings.TrimPrefix(msg, fmt.Sprintf("line %d: ", stepLine)))
		}
		fmt.Fprintln(guestErr.ownLine(), "✗", msg)
		printBound()
		os.Exit(1)
	}
}

// guestModule is the module's name as wazero names it (mod.Name(): the name section's module
// name, else empty), before each frame of its stack trace ("trap.divide(i32,i32) i32").
var guestModule string

// exportNames names each function the name section does not name by the name it is exported by,
// as run names it (wazero says "$4"); one neither names is func[4], as in run.
var exportNames = map[uint32]string{}

// runTraps is each trap wazero reports in memscope run's words (V8's, which run shows). wazero
// has one word where V8 has two, and the trap's instruction is not in its error: "integer divide
// by zero" is also a remainder by zero (run: "remainder by zero"); "integer overflow" is also a
// float too large for its integer (run: "float unrepresentable in integer range"); "invalid table
// access" is also an index past the table (run: "table index is out of bounds"). Each is said as
// the commoner case: a division, a call through a null function pointer.
var runTraps = map[string]string{
	"unreachable":                   "unreachable",
	"integer divide by zero":        "divide by zero",
	"integer overflow":              "divide result unrepresentable",
	"invalid conversion to integer": "float unrepresentable in integer range",
	"out of bounds memory access":   "memory access out of bounds",
	"indirect call type mismatch":   "null function or function signature mismatch",
	"invalid table access":          "null function or function signature mismatch",
	"stack overflow":                "stack overflow (Maximum call stack size exceeded)",
}

// wazeroFrame is a frame of wazero's stack trace: the function, then its signature as wazero
// writes it ("(i32,i32) i32"); the name may hold parentheses of its own (a C++ one).
var wazeroFrame = regexp.MustCompile("^(.*?)\\([a-z0-9,]*\\)(?: [a-z0-9]+| \\([a-z0-9,]*\\))?$")

// timeLimitMs is each call's time limit (main sets it); deadlineWords, wazero's error (a
// sys.ExitError) when a call's context expired past it, which closed the module.
var timeLimitMs int

const deadlineWords = "module closed with context deadline exceeded"

// trapWords is a trap as memscope run says it, "trap: divide by zero in divide", where wazero
// said "wasm error: integer divide by zero" and its stack trace: the function is its innermost
// frame's; a call stopped at its time limit in run's words up to what stopped it (run ends a
// worker; this program has none: wazero closed the module). Any other error is as it was.
func trapWords(msg string) string {
	const head, trace = "wasm error: ", "\nwasm stack trace:\n\t"
	if msg == deadlineWords {
		return fmt.Sprintf("the step ran past its time limit of %d ms; wazero closed the module", timeLimitMs)
	}
	if !strings.HasPrefix(msg, head) {
		return msg
	}
	what, stack, _ := strings.Cut(msg[len(head):], trace)
	words, ok := runTraps[what]
	if !ok {
		return msg
	}
	frame, _, _ := strings.Cut(stack, "\n")
	m := wazeroFrame.FindStringSubmatch(frame)
	if m == nil {
		return "trap: " + words
	}
	name := strings.TrimPrefix(m[1], guestModule+".")
	if index, err := strconv.ParseUint(strings.TrimPrefix(name, "$"), 10, 32); strings.HasPrefix(name, "$") && err == nil {
		name = exportNames[uint32(index)]
		if name == "" {
			name = fmt.Sprintf("func[%d]", index)
		}
	}
	return "trap: " + words + " in " + name
}

// showInt, showFloat, showText and showBytes: a value as memscope run shows it when an expect
// fails ("but n is 42 (0x2a)").
func showInt(v *big.Int) string {
	if v.CmpAbs(big.NewInt(9)) > 0 {
		return fmt.Sprintf("%d (%#x)", v, v)
	}
	return v.String()
}

// showFloat spells a float as JavaScript does: 1000000 and 1e+21 (Go's %g: 1e+06, 1e+21).
func showFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 0):
		return map[bool]string{true: "Infinity", false: "-Infinity"}[v > 0]
	case v == 0 && math.Signbit(v):
		return "-0"
	case v == 0:
		return "0"
	case math.Abs(v) >= 1e-6 && math.Abs(v) < 1e21:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	mantissa, exp, _ := strings.Cut(strconv.FormatFloat(v, 'e', -1, 64), "e")
	return mantissa + "e" + exp[:1] + strings.TrimLeft(exp[1:], "0")
}

// showF32 spells a value from an f32 in the fewest digits that read back as that f32 (0.1, not its
// float64 widening 0.10000000149011612), as memscope run does.
func showF32(v float64) string {
	short, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', -1, 32), 64)
	check(err)
	return showFloat(short)
}

// showText quotes text as JavaScript's JSON.stringify does (Go's %q writes "\x00", not "\u0000").
func showText(v string) string {
	text, err := jsJSON(v)
	check(err)
	return text
}

func showBytes(v []byte) string {
	if len(v) == 0 {
		return "bytes (empty)"
	}
	return fmt.Sprintf("bytes %x", v)
}

// showBound is an integer binding as memscope run prints it: 42 (0x2a) from 10 on, a negative
// one as it is. bits is the width of the wasm result it came from (32 or 64; 0 for any other
// value): run adds the signed reading where it differs (4294967295 (0xffffffff, signed -1)).
func showBound(v *big.Int, bits uint) string {
	if v.Cmp(big.NewInt(10)) < 0 {
		return v.String()
	}
	signed := ""
	if bits > 0 && v.BitLen() == int(bits) {
		signed = fmt.Sprintf(", signed %d", new(big.Int).Sub(v, new(big.Int).Lsh(big.NewInt(1), bits)))
	}
	return fmt.Sprintf("%d (%#x%s)", v, v, signed)
}

// showBoundBytes is a bytes binding as run prints it: hex, or (no bytes).
func showBoundBytes(v []byte) string {
	if len(v) == 0 {
		return "(no bytes)"
	}
	return hex.EncodeToString(v)
}

// fromUTF8 decodes text as run's read utf8 does (a TextDecoder): each maximal ill-formed part
// becomes one U+FFFD. string(raw) kept the bytes, and encoding/json then wrote one "\ufffd" per
// byte: ff e2 82 41 came out as three where run has two.
func fromUTF8(raw []byte) string {
	var b strings.Builder
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r != utf8.RuneError || size > 1 {
			b.WriteRune(r)
			i += size
			continue
		}
		// The lead byte's length and its second byte's range; the rest are 80..bf.
		n, lo, hi := 1, byte(0x80), byte(0xbf)
		switch c := raw[i]; {
		case c >= 0xc2 && c <= 0xdf:
			n = 2
		case c == 0xe0:
			n, lo = 3, 0xa0
		case c == 0xed:
			n, hi = 3, 0x9f
		case c >= 0xe1 && c <= 0xef:
			n = 3
		case c == 0xf0:
			n, lo = 4, 0x90
		case c == 0xf4:
			n, hi = 4, 0x8f
		case c >= 0xf1 && c <= 0xf3:
			n = 4
		}
		j := 1
		for ; j < n && i+j < len(raw) && raw[i+j] >= lo && raw[i+j] <= hi; j++ {
			lo, hi = 0x80, 0xbf
		}
		b.WriteRune(utf8.RuneError)
		i += j
	}
	return b.String()
}

// signHint is what run adds when two integers of opposite sign hold the same 32 or 64 bits.
func signHint(a, b *big.Int) string {
	if (a.Sign() < 0) == (b.Sign() < 0) {
		return ""
	}
	for _, bits := range []uint{32, 64} {
		m := new(big.Int).Lsh(big.NewInt(1), bits)
		lo := new(big.Int).Neg(m)
		// Mod is Euclidean: a's low bits read unsigned, as BigInt.asUintN.
		ua, ub := new(big.Int).Mod(a, m), new(big.Int).Mod(b, m)
		if ua.Cmp(ub) == 0 && a.Cmp(lo) >= 0 && b.Cmp(lo) >= 0 {
			return fmt.Sprintf(" (equal as %d-bit values: call results are bound unsigned; compare with %d)", bits, ua)
		}
	}
	return ""
}

// cmpText orders text as memscope run does: by UTF-16 code units, as JavaScript compares strings.
// Go's < compares UTF-8 bytes, which order U+E000..U+FFFF after the characters past U+FFFF
// (run: "\uffff" > "😀").
func cmpText(a, b string) int {
	x, y := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(x) && i < len(y); i++ {
		if x[i] != y[i] {
			return int(x[i]) - int(y[i])
		}
	}
	return len(x) - len(y)
}

// Sequence integers are exact, as in memscope run (a BigInt there): *big.Int, so nothing wraps
// or overflows (18446744073709551615 >> 32 is 4294967295; 9223372036854775807 + 1 is 2^63). A
// value is checked against a type's range only where it is stored (fitInt), as run checks it.
// Every operation makes a new value.
func num(v int64) *big.Int { return big.NewInt(v) }

// numText is a literal past int64 (Go has no big.Int constants).
func numText(text string) *big.Int {
	v, _ := new(big.Int).SetString(text, 10)
	return v
}

func unsigned(v uint64) *big.Int { return new(big.Int).SetUint64(v) }

func add(a, b *big.Int) *big.Int { return new(big.Int).Add(a, b) }
func sub(a, b *big.Int) *big.Int { return new(big.Int).Sub(a, b) }
func mul(a, b *big.Int) *big.Int { return new(big.Int).Mul(a, b) }
func neg(a *big.Int) *big.Int    { return new(big.Int).Neg(a) }

// and, or, xor and not read a negative number as two's complement, as BigInt's do.
func and(a, b *big.Int) *big.Int { return new(big.Int).And(a, b) }
func or(a, b *big.Int) *big.Int  { return new(big.Int).Or(a, b) }
func xor(a, b *big.Int) *big.Int { return new(big.Int).Xor(a, b) }
func not(a *big.Int) *big.Int    { return new(big.Int).Not(a) }

// quo and rem truncate toward zero as BigInt's / and % do (big.Int's Div and Mod would floor).
func quo(a, b *big.Int, line int) *big.Int {
	if b.Sign() == 0 {
		check(fmt.Errorf("line %d: division by zero", line))
	}
	return new(big.Int).Quo(a, b)
}

func rem(a, b *big.Int, line int) *big.Int {
	if b.Sign() == 0 {
		check(fmt.Errorf("line %d: division by zero (remainder)", line))
	}
	return new(big.Int).Rem(a, b)
}

// shl and shr take a count of 0 to 128, as run does (a typo cannot build a gigantic number);
// shr of a negative number rounds down, as BigInt's >> does (-1 >> 1 is -1).
func shl(a, b *big.Int, line int) *big.Int { return new(big.Int).Lsh(a, shiftCount(b, line)) }
func shr(a, b *big.Int, line int) *big.Int { return new(big.Int).Rsh(a, shiftCount(b, line)) }

func shiftCount(b *big.Int, line int) uint {
	if b.Sign() < 0 || b.Cmp(big.NewInt(128)) > 0 {
		check(fmt.Errorf("line %d: shift count %d is outside 0..128", line, b))
	}
	return uint(b.Int64())
}

// toFloat is an integer where a float is wanted (float + integer, an f64 argument): the nearest
// float64, as JavaScript's Number(bigint) rounds it.
func toFloat(v *big.Int) float64 {
	f, _ := new(big.Float).SetInt(v).Float64()
	return f
}

// flt makes a float literal a value, not a Go constant: constant arithmetic is exact, so
// -0.0 would be 0 and 1.5 / 0 would not compile, where run gives -0 and +Inf.
func flt(v float64) float64 { return v }

// low is v's low 64 bits, two's complement: the bits a wasm integer of that width holds.
func low(v *big.Int) uint64 {
	return new(big.Int).And(v, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
}

// fitInt is v where it is stored (a call argument, a write), checked as memscope run checks it,
// failing the step with its words where storing would wrap it: bits wide takes the signed or the
// unsigned range (-2^31 to 2^32-1 for 32 bits).
func fitInt(v *big.Int, bits uint, what string) *big.Int {
	lo := new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), bits-1))
	hi := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), bits), big.NewInt(1))
	if v.Cmp(lo) < 0 || v.Cmp(hi) > 0 {
		check(fmt.Errorf("%s: %d does not fit in %d bits (%d to %d)", what, v, bits, lo, hi))
	}
	return v
}

// needInt is a float where an integer must be stored: run refuses it.
func needInt(v float64, what string) *big.Int {
	check(fmt.Errorf("%s needs an integer, not a float", what))
	return nil
}

// fitFloat is v where an f32 or f64 is stored: a finite value that would become infinite fails
// the step, as in run; Infinity and NaN pass as they are. %g spells 1e+50 as JavaScript does.
func fitFloat(v float64, bits int, what string) float64 {
	if bits == 32 && !math.IsInf(v, 0) && !math.IsNaN(v) && math.IsInf(float64(float32(v)), 0) {
		check(fmt.Errorf("%s: %g does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)", what, v))
	}
	return v
}

// jsonInt is an integer as memscope run --json writes it: a number when a JavaScript number
// holds it exactly, else its decimal text.
func jsonInt(v *big.Int) any {
	if v.IsInt64() && v.Int64() <= 1<<53-1 && v.Int64() >= -(1<<53-1) {
		return v.Int64()
	}
	return v.String()
}

// jsonFloat is a float as memscope run --json writes it: NaN and the infinities as their
// JavaScript text (encoding/json refuses them, and an empty line would end the program), -0 as
// "-0" (run keeps its sign, which a JSON number written by JSON.stringify loses).
func jsonFloat(v float64) any {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	case v == 0 && math.Signbit(v):
		return "-0"
	}
	return v
}
`;

export const GO_HELPERS = String.raw`${GO_CORE}
// callContext is a call's context: it expires at the step's time limit, and wazero (its runtime
// closes modules on context done) then stops the call and closes the module, as run stops the step.
func callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, time.Duration(timeLimitMs)*time.Millisecond)
}

// checkCall is checkStep for an export's call, which may end in proc_exit (from _start or any
// other export; wazero's words were "module closed with exit_code(3)"): the instance is finished,
// so with 0 the sequence ends there and passes, its later steps not run, and another code fails
// the step, unsigned, as in Memscope. A call stopped at its time limit is an ExitError too,
// left to checkStep.
func checkCall(err error) {
	var exit *sys.ExitError
	if errors.As(err, &exit) && err.Error() != deadlineWords {
		if exit.ExitCode() == 0 {
			printBound()
			os.Exit(0)
		}
		err = fmt.Errorf("the guest called proc_exit(%d)", exit.ExitCode())
	}
	checkStep(err)
}

// maxOffset is the largest address or length run takes: 2^53 - 1, a JavaScript number exactly.
var maxOffset = big.NewInt(1<<53 - 1)

// place is where length bytes at offset are in the memory, checked as memscope run checks them,
// in its words: the address, then the length (negative, or no number holds it), then the access
// past the memory's end. api.Memory's own ok=false said nothing of which.
func place(mem api.Memory, offset, length *big.Int) (uint32, uint32) {
	for _, v := range []struct {
		what  string
		value *big.Int
	}{{"the address", offset}, {"the length", length}} {
		if v.value.Sign() < 0 || v.value.Cmp(maxOffset) > 0 {
			check(fmt.Errorf("%s %d is outside linear memory", v.what, v.value))
		}
	}
	size := uint32(0) // a module with no memory (mem is nil) has none of it
	if mem != nil {
		size = mem.Size()
	}
	if add(offset, length).Cmp(unsigned(uint64(size))) > 0 {
		check(fmt.Errorf("memory access out of bounds: [%#x, +%d) is outside linear memory of %d bytes", offset, length, size))
	}
	return uint32(offset.Uint64()), uint32(length.Uint64())
}

func read(mem api.Memory, offset, length *big.Int) []byte {
	o, n := place(mem, offset, length)
	if mem == nil {
		return []byte{} // no memory: only nothing at 0 was placed
	}
	b, _ := mem.Read(o, n)
	// Read returns a view of guest memory: copy it before the guest runs again.
	return append([]byte(nil), b...)
}

func readU8(mem api.Memory, offset *big.Int) uint8 {
	v, _ := mem.ReadByte(first(place(mem, offset, num(1))))
	return v
}

func readU16(mem api.Memory, offset *big.Int) uint16 {
	v, _ := mem.ReadUint16Le(first(place(mem, offset, num(2))))
	return v
}

func readU32(mem api.Memory, offset *big.Int) uint32 {
	v, _ := mem.ReadUint32Le(first(place(mem, offset, num(4))))
	return v
}

func readU64(mem api.Memory, offset *big.Int) uint64 {
	v, _ := mem.ReadUint64Le(first(place(mem, offset, num(8))))
	return v
}

func readF32(mem api.Memory, offset *big.Int) float32 {
	v, _ := mem.ReadFloat32Le(first(place(mem, offset, num(4))))
	return v
}

func readF64(mem api.Memory, offset *big.Int) float64 {
	v, _ := mem.ReadFloat64Le(first(place(mem, offset, num(8))))
	return v
}

func first(o, _ uint32) uint32 { return o }

// writeInt stores the low size bytes of v (checked by fitInt), little-endian.
func writeInt(mem api.Memory, offset *big.Int, v *big.Int, size int) {
	bits := low(v)
	o := first(place(mem, offset, num(int64(size))))
	switch size {
	case 1:
		mem.WriteByte(o, byte(bits))
	case 2:
		mem.WriteUint16Le(o, uint16(bits))
	case 4:
		mem.WriteUint32Le(o, uint32(bits))
	default:
		mem.WriteUint64Le(o, bits)
	}
}

func writeFloat(mem api.Memory, offset *big.Int, v float64, size int) {
	o := first(place(mem, offset, num(int64(size))))
	if size == 4 {
		mem.WriteFloat32Le(o, float32(v))
	} else {
		mem.WriteFloat64Le(o, v)
	}
}

func writeBytes(mem api.Memory, offset *big.Int, data []byte) {
	o := first(place(mem, offset, num(int64(len(data)))))
	if mem != nil { // no memory: only nothing at 0 was placed
		mem.Write(o, data)
	}
}

// nulLen: bytes up to the first NUL unit (1 byte for UTF-8, 2 for UTF-16), looked for in the
// first MiB from offset, as run looks (it said "after <offset>", and scanned the whole memory).
func nulLen(mem api.Memory, offset *big.Int, unit int64) *big.Int {
	// At least its first byte, as run checks it (an address at the memory's end is outside it).
	o := first(place(mem, offset, num(1)))
	end := mem.Size()
	if end-o > 1<<20 {
		end = o + 1<<20
	}
	rest, _ := mem.Read(o, end-o)
	for i := int64(0); i+unit <= int64(len(rest)); i += unit {
		if bytes.Equal(rest[i:i+unit], make([]byte, unit)) {
			return num(i)
		}
	}
	check(fmt.Errorf("no terminating NUL within %d bytes; give a length: [len]", end-o))
	return nil
}

// maxRead is the most text or bytes one read binds, as in run (64 MiB).
const maxRead = 64 << 20

// readSize is a read's length, refused past maxRead in run's words; an address or length run
// refuses for itself (negative, past 2^53 - 1) is left to place, which says so first, as run does.
func readSize(kind string, offset, length *big.Int) *big.Int {
	taken := func(v *big.Int) bool { return v.Sign() >= 0 && v.Cmp(maxOffset) <= 0 }
	if taken(offset) && taken(length) && length.Cmp(big.NewInt(maxRead)) > 0 {
		check(fmt.Errorf("read %s of %d bytes is above the limit of %d bytes (64 MiB) for one read; read it in parts", kind, length, maxRead))
	}
	return length
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
	return fromUTF16(read(mem, unsigned(uint64(ptr)), unsigned(uint64(readU32(mem, unsigned(uint64(ptr)-4))))))
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
      case 'print_utf8': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tguestOut.Write(read(m.Memory(), unsigned(uint64(api.DecodeU32(stack[0]))), unsigned(uint64(api.DecodeU32(stack[1])))))\n\t}'; break;
      case 'print_utf16': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tfmt.Fprint(guestOut, fromUTF16(read(m.Memory(), unsigned(uint64(api.DecodeU32(stack[0]))), unsigned(2*uint64(api.DecodeU32(stack[1]))))))\n\t}'; break;
      case 'abort': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tmsg := asString(m.Memory(), api.DecodeU32(stack[0]))\n\t\tfile := asString(m.Memory(), api.DecodeU32(stack[1]))\n\t\tfmt.Fprintf(guestErr, "abort: %s at %s:%d:%d\\n", msg, file, api.DecodeU32(stack[2]), api.DecodeU32(stack[3]))\n\t\tpanic("abort: " + msg) // unwinds the guest call; wazero returns it as the call\'s error\n\t}'; break;
      case 'trace': fn = 'func(ctx context.Context, m api.Module, stack []uint64) {\n\t\tfmt.Fprint(guestOut, "trace: ", asString(m.Memory(), api.DecodeU32(stack[0])))\n\t\tfor i := uint32(0); i < api.DecodeU32(stack[1]) && i < 5; i++ {\n\t\t\tsep := ", "\n\t\t\tif i == 0 {\n\t\t\t\tsep = " "\n\t\t\t}\n\t\t\tfmt.Fprint(guestOut, sep, api.DecodeF64(stack[2+i]))\n\t\t}\n\t\tfmt.Fprintln(guestOut)\n\t}'; break;
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

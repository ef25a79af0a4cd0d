// Rust's legacy symbol mangling (rustc's default up to at least 1.7x), read back for people:
// `_ZN4core9panicking18panic_bounds_check17h9e099015b52d9b3bE` is
// `core::panicking::panic_bounds_check`. The grammar is `_ZN` (length-prefixed identifiers)+ `E`;
// the last identifier `h` + 16 hex digits is a hash, dropped as rustc-demangle's short form does;
// `$…$` escapes and `..` stand for characters an identifier cannot hold. Clang's name section is
// demangled by wasm-ld already; rustc 1.63's is not. Written here (about forty lines) rather than
// taken from npm: no maintained JavaScript demangler for it is in the registry this project
// installs from, and Rust's own (rustc-demangle) is a crate. The v0 scheme (`_R…`) is left as is.

const ESCAPES: Record<string, string> = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };
const HASH = /^h[0-9a-f]{16}$/;

/** The readable form of a Rust legacy symbol, or null when `name` is not one. */
export function demangleRust(name: string): string | null {
  const start = name.startsWith('_ZN') ? 3 : name.startsWith('__ZN') ? 4 : -1;
  if (start < 0 || !name.endsWith('E')) return null;
  const parts: string[] = [];
  let at = start;
  while (at < name.length - 1) {
    let digits = at;
    while (digits < name.length && name.charCodeAt(digits) >= 48 && name.charCodeAt(digits) <= 57) digits++;
    if (digits === at) return null;
    const length = Number(name.slice(at, digits));
    if (length === 0 || digits + length > name.length - 1) return null;
    parts.push(name.slice(digits, digits + length));
    at = digits + length;
  }
  if (parts.length === 0) return null;
  if (parts.length > 1 && HASH.test(parts[parts.length - 1]!)) parts.pop();
  const idents = parts.map(unescape);
  return idents.includes(null) ? null : idents.join('::');
}

/** One identifier with its escapes read: `_$LT$impl$u20$Foo$GT$` is `<impl Foo>`. */
function unescape(ident: string): string | null {
  let s = ident.startsWith('_$') ? ident.slice(1) : ident;
  let out = '';
  while (s.length > 0) {
    if (s.startsWith('..')) {
      out += '::';
      s = s.slice(2);
    } else if (s[0] === '$') {
      const end = s.indexOf('$', 1);
      if (end < 0) return null;
      const code = s.slice(1, end);
      const char = ESCAPES[code] ?? (/^u[0-9a-f]{1,6}$/.test(code) ? String.fromCodePoint(parseInt(code.slice(1), 16)) : null);
      if (char === null) return null;
      out += char;
      s = s.slice(end + 1);
    } else {
      out += s[0];
      s = s.slice(1);
    }
  }
  return out;
}

/** Function names with Rust's legacy symbols read back; every other name as it is. */
export function demangleNames(functions: Record<number, string>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [index, name] of Object.entries(functions)) out[Number(index)] = demangleRust(name) ?? name;
  return out;
}

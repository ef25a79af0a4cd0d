// The name a C++ type_info carries, read back for people: libc++'s `std::type_info::name()` is
// the Itanium ABI's mangled type without its `_Z` (`St16invalid_argument` is
// `std::invalid_argument`, `PKc` is `const char*`, `N5shape6CircleE` is `shape::Circle`,
// `NSt3__112system_errorE` is `std::system_error`). Only
// what a thrown type usually is: builtins, length-prefixed names, `St`, nested `N…E`, and the
// `P`/`R`/`K` qualifiers. Templates and substitutions (`I…E`, `S_`) give null, and the caller
// shows the mangled text. A dozen lines of grammar, written here: the maintained demanglers
// (LLVM's, GNU's) are C++ libraries, and no JavaScript one is in the registry this project uses.

const BUILTINS: Record<string, string> = {
  v: 'void', b: 'bool', c: 'char', a: 'signed char', h: 'unsigned char', s: 'short', t: 'unsigned short',
  i: 'int', j: 'unsigned int', l: 'long', m: 'unsigned long', x: 'long long', y: 'unsigned long long',
  f: 'float', d: 'double', e: 'long double', w: 'wchar_t',
};

/**
 * libc++'s std::string and std::wstring (templates, outside the subset), in any of its inline
 * namespaces (`__2` in Emscripten, `__1` elsewhere): the types embind's signatures use most.
 */
const LIBCXX_STRING = /^NSt3__\d12basic_stringI([cw])NS_11char_traitsI\1EENS_9allocatorI\1EEEE$/;

/** `std::invalid_argument` for `St16invalid_argument`; null when the text is outside the subset. */
export function cxxTypeName(mangled: string): string | null {
  const string = LIBCXX_STRING.exec(mangled);
  if (string) return string[1] === 'c' ? 'std::string' : 'std::wstring';
  const read = new Reader(mangled);
  const type = read.type();
  return type !== null && read.at === mangled.length ? type : null;
}

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  type(): string | null {
    const c = this.text[this.at];
    if (c === undefined) return null;
    if (c === 'P' || c === 'R' || c === 'K') {
      this.at++;
      const inner = this.type();
      if (inner === null) return null;
      return c === 'K' ? `const ${inner}` : `${inner}${c === 'P' ? '*' : '&'}`;
    }
    if (BUILTINS[c]) {
      this.at++;
      return BUILTINS[c];
    }
    return this.name();
  }

  private name(): string | null {
    if (this.text.startsWith('St', this.at)) {
      this.at += 2;
      const id = this.sourceName();
      return id === null ? null : `std::${id}`;
    }
    if (this.text[this.at] !== 'N') return this.sourceName();
    this.at++;
    const parts: string[] = [];
    if (this.text.startsWith('St', this.at)) {
      this.at += 2;
      parts.push('std');
    }
    while (this.text[this.at] !== 'E') {
      const id = this.sourceName();
      if (id === null) return null;
      parts.push(id);
    }
    this.at++;
    // libc++'s inline namespace (`std::__1::system_error`) is not what anyone wrote.
    if (parts[0] === 'std' && parts[1] === '__1') parts.splice(1, 1);
    return parts.length > 0 ? parts.join('::') : null;
  }

  /** `<length><identifier>`: `16invalid_argument`. */
  private sourceName(): string | null {
    const digits = /^[1-9][0-9]*/.exec(this.text.slice(this.at));
    if (!digits) return null;
    const start = this.at + digits[0].length;
    const end = start + Number(digits[0]);
    if (end > this.text.length) return null;
    this.at = end;
    return this.text.slice(start, end);
  }
}

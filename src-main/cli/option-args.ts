// The one reading of a command line that every `memscope` command shares, so each takes its
// options by the same rules. Before it, each command had its own loop and they disagreed:
// `run --timeout 5 --timeout 9` ran with 9 ms without a word while `heap --step` given twice was
// refused; `export-host --lang=js` was an unknown option while `run --timeout=5` worked;
// `run -- a.wseq` was "unknown option --"; `run --json=yes` was taken as --json.
//
// The rules:
// - An option that takes a value takes it as `--name VALUE` or `--name=VALUE`, in every command.
// - Given twice it is refused (naming it), even with the same value: which one a script meant
//   cannot be known, and a silent last-wins hides a mistake in a long line.
// - A value that is one of the command's own options (`--module --json`) is refused: the value
//   was forgotten. `--name=VALUE` still passes any value.
// - An empty value (`--out=`, `--module ""`) is refused: it was taken as no option at all.
// - A flag takes no value: `--json=yes` is refused, not read as --json. A flag given twice is
//   the same as once.
// - `--` ends the options; `-` is an argument (standard input, where a command reads it).
// - An unknown option is refused, with the nearest known one when one is close.

import { closeNames } from '../shared/close-names.ts';

export interface OptionSpec {
  /** Options that take one value, each with what the value is ("a file", "a port number"). */
  values?: Readonly<Record<string, string>>;
  /** Options that take no value. */
  flags?: readonly string[];
  /**
   * Options followed by an optional second value (`--dump ADDR [LEN]`): the argument after the
   * value is taken too when it matches.
   */
  second?: Readonly<Record<string, RegExp>>;
}

export interface ScannedArgs {
  /** Each value option given, with its value. */
  values: Map<string, string>;
  /** The second values of `spec.second` options that had one. */
  seconds: Map<string, string>;
  flags: Set<string>;
  /** The other arguments, in order. */
  positional: string[];
}

/** An argument's option name: `--timeout` of `--timeout=5`; any other argument as it is. */
export function optionName(arg: string): string {
  const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
  return eq > 0 ? arg.slice(0, eq) : arg;
}

/** The command line read by `spec`'s rules, or a message saying what is wrong with it. */
export function scanArgs(argv: readonly string[], spec: OptionSpec): ScannedArgs | string {
  const values = spec.values ?? {};
  const flags = new Set(spec.flags ?? []);
  const known = (name: string) => flags.has(name) || Object.hasOwn(values, name);
  const out: ScannedArgs = { values: new Map(), seconds: new Map(), flags: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (raw === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!raw.startsWith('-') || raw === '-') {
      out.positional.push(raw);
      continue;
    }
    const name = optionName(raw);
    const inline = name === raw ? undefined : raw.slice(name.length + 1);
    if (flags.has(name)) {
      if (inline !== undefined) return `${name} takes no value (got ${raw})`;
      out.flags.add(name);
      continue;
    }
    const what = Object.hasOwn(values, name) ? values[name] : undefined;
    if (what === undefined) return unknownOption(raw, [...flags, ...Object.keys(values)]);
    if (out.values.has(name)) return `${name} given twice; give it once`;
    let value = inline;
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) return `${name} needs ${what}`;
      if (value === '--' || known(optionName(value))) return `${name} needs ${what} before ${value}`;
    }
    if (value === '') return `${name} needs ${what}, not ""`;
    out.values.set(name, value);
    const next = argv[i + 1];
    if (next !== undefined && spec.second?.[name]?.test(next)) out.seconds.set(name, argv[++i]!);
  }
  return out;
}

/** "unknown option --jsn (did you mean --json?)": the suggestion only when one is close. */
function unknownOption(raw: string, options: readonly string[]): string {
  // Compared without their dashes, which every option shares and `-json` lacks one of.
  const bare = (o: string) => o.replace(/^-+/, '');
  const [close] = closeNames(bare(optionName(raw)), options.filter((o) => o.startsWith('--')).map(bare), 1);
  return `unknown option ${raw}${close !== undefined ? ` (did you mean --${close}?)` : ''}`;
}

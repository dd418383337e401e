/**
 * The command line of every `npm run <command>`, one way (issue 20): each command describes its
 * options as data (a {@link CommandSpec}); the usage text is generated from that table, so it
 * cannot leave an option out, and {@link runCommand} gives every command the same behaviour:
 *
 * - `--help` or `-h` anywhere (before a `--`, and not as the value of a string option): the usage
 *   on stdout, exit 0, nothing else done;
 * - an unknown option, a non-repeatable option given twice, a missing or surplus argument, a bad
 *   value (wholeNumber, decimal, existingDirectory): one message on stderr, with a
 *   pointer to `--help` (no stack trace, no usage dump), exit 64 — before any work;
 * - a {@link TestCompromisedError} (a file that cannot be read, a server that cannot be reached):
 *   its message, exit 2; anything else: "<command> could not run" with the stack, exit 2.
 *
 * Below support/cli so that commands living elsewhere (the mutation campaign, the benchmarks) use it too.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT, TestCompromisedError, UsageError } from '../errors';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** A one-letter alias (`-x`). */
  readonly short?: string;
  /** May be given more than once (the values are collected in order). */
  readonly multiple?: boolean;
  /** The value's placeholder in the usage (`<file.json>`); string options only. */
  readonly value?: string;
  /** What the option does, with its default. */
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<T extends OptionTable = OptionTable> {
  /** The npm script (`trace`), for `usage: npm run trace -- …`. */
  readonly name: string;
  /** The forms of the command line after `npm run <name> --` (`<log file> [options]`). */
  readonly synopsis: readonly string[];
  /** What the command does, a few lines. */
  readonly description: string;
  readonly options: T;
  /** Positional arguments: how many (default none). */
  readonly positionals?: { readonly min: number; readonly max: number };
  /** Anything the usage should end with (exit codes, environment variables). */
  readonly epilogue?: string;
}

/** The values of a table's options, typed from the table. */
export type OptionValues<T extends OptionTable> = {
  -readonly [K in keyof T]?: T[K]['multiple'] extends true ? string[] : T[K]['type'] extends 'string' ? string : boolean;
};

export interface ParsedCommandLine<T extends OptionTable> {
  readonly values: OptionValues<T>;
  readonly positionals: readonly string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'print this text and exit' };

/** The options of a command, `--help` included. */
function withHelp(options: OptionTable): OptionTable {
  return { ...options, help: HELP };
}

/** `-x, --name <value>` */
export function flagOf(name: string, option: OptionSpec): string {
  const value = option.type === 'string' ? ` ${option.value ?? '<value>'}` : '';
  return `${option.short ? `-${option.short}, ` : ''}--${name}${value}${option.multiple ? ' (repeatable)' : ''}`;
}

/** The usage text: synopsis, description, one line per option (wrapped), epilogue. */
export function usageOf(spec: CommandSpec): string {
  const options = Object.entries(withHelp(spec.options));
  const flags = options.map(([name, o]) => flagOf(name, o));
  const width = Math.min(28, Math.max(...flags.map((f) => f.length)) + 2);
  const rows = options.map(([, o], i) => {
    const flag = flags[i] ?? '';
    const lines = wrap(o.help, 100 - width - 2);
    const first = flag.length + 2 > width ? [`  ${flag}`, `  ${' '.repeat(width)}${lines[0] ?? ''}`] : [`  ${flag.padEnd(width)}${lines[0] ?? ''}`];
    return [...first, ...lines.slice(1).map((l) => `  ${' '.repeat(width)}${l}`)].join('\n');
  });
  const synopsis = spec.synopsis.map((s, i) => `${i === 0 ? 'usage: ' : '       '}npm run ${spec.name} -- ${s}`);
  return [...synopsis, '', spec.description, '', 'Options:', ...rows, ...(spec.epilogue ? ['', spec.epilogue] : [])].join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** The pointer every usage error ends with. */
export function helpHint(name: string): string {
  return `(npm run ${name} -- --help lists the options)`;
}

/** A usage error of command `name`: the message and the pointer to --help. */
export function usageError(name: string, message: string): UsageError {
  return new UsageError(`${message}\n${helpHint(name)}`);
}

/** parseArgs's description of a table's options (`--help` included). */
function parseArgsOptions(options: OptionTable): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  return Object.fromEntries(Object.entries(withHelp(options)).map(([k, o]) => [k, {
    type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}),
  }]));
}

/**
 * `--help` or `-h` before any `--`, as an option: not when it is the value of a string option
 * (`--name -h` names the scenarios "-h"; with `options`, the command's table, that is recognised;
 * without it every `-h` counts).
 */
export function wantsHelp(argv: readonly string[], options: OptionTable = {}): boolean {
  const { tokens } = parseArgs({ args: [...argv], options: parseArgsOptions(options), strict: false, allowPositionals: true, tokens: true });
  return tokens.some((t) => t.kind === 'option' && t.name === 'help');
}

/** The command line by the table; anything it does not describe is a usage error. */
export function parseCommandLine<T extends OptionTable>(spec: CommandSpec<T>, argv: readonly string[]): ParsedCommandLine<T> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: parseArgsOptions(spec.options), strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw usageError(spec.name, `npm run ${spec.name}: ${(e as Error).message.replace(/\. To specify a positional argument.*$/s, '')}`);
  }
  // parseArgs keeps the last of a repeated option: `--adapter a --adapter b` would silently run b.
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || spec.options[t.name]?.multiple) continue;
    if (seen.has(t.name)) throw usageError(spec.name, `npm run ${spec.name}: --${t.name} given more than once (it takes one value)`);
    seen.add(t.name);
  }
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  const n = parsed.positionals.length;
  if (n > max) throw usageError(spec.name, `npm run ${spec.name}: unexpected argument${n - max > 1 ? 's' : ''} ${parsed.positionals.slice(max).map((p) => `"${p}"`).join(' ')}`);
  if (n < min) throw usageError(spec.name, `npm run ${spec.name}: missing ${spec.synopsis[0] ?? 'argument'}`);
  return { values: parsed.values as OptionValues<T>, positionals: parsed.positionals };
}

/** A whole number in `min`..`max` given to `--name`, or `fallback` when absent; anything else is a usage error. */
export function wholeNumber<F extends number | undefined>(command: string, name: string, value: string | undefined, fallback: F, min = 0, max = Number.MAX_SAFE_INTEGER): number | F {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw usageError(command, `--${name} must be a whole number ${rangeOf(min, max)}, got "${value}"`);
  return Number(value);
}

/** A decimal number (`1.5`) in `min`..`max` given to `--name`, or `fallback` when absent; anything else is a usage error. */
export function decimal<F extends number | undefined>(command: string, name: string, value: string | undefined, fallback: F, min = 0, max = Number.MAX_SAFE_INTEGER): number | F {
  if (value === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < min || Number(value) > max) throw usageError(command, `--${name} must be a number ${rangeOf(min, max)}, got "${value}"`);
  return Number(value);
}

function rangeOf(min: number, max: number): string {
  return max === Number.MAX_SAFE_INTEGER ? `of at least ${String(min)}` : `between ${String(min)} and ${String(max)}`;
}

/** The directory given to `--name` (`undefined` when absent); one that does not exist is a usage error. */
export function existingDirectory(command: string, name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !(existsSync(value) && statSync(value).isDirectory())) throw usageError(command, `--${name}: no such directory: ${value}`);
  return value;
}

/** How a command's failure becomes its message and exit code. */
export function exitOnError(name: string, e: unknown): number {
  if (e instanceof UsageError) {
    console.error(e.message);
    return EXIT.usage;
  }
  console.error(e instanceof TestCompromisedError ? e.message : `npm run ${name} could not run: ${(e as Error).stack ?? String(e)}`);
  return EXIT.broken;
}

/**
 * Run a command: `--help`/`-h` prints the usage and exits 0 without calling `main`; `main`'s
 * result is the exit code; its errors are reported by {@link exitOnError}. Sets `process.exitCode`
 * (never `process.exit`, so output is flushed).
 */
export function runCommand(spec: CommandSpec, argv: readonly string[], main: (argv: readonly string[]) => Promise<number> | number): void {
  if (wantsHelp(argv, spec.options)) {
    console.log(usageOf(spec));
    process.exitCode = EXIT.passed;
    return;
  }
  Promise.resolve().then(() => main(argv)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.exitCode = exitOnError(spec.name, e); },
  );
}

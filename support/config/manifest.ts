/**
 * The JSON files a run is given — the run configuration (--config), the lab profile, the
 * known-issues manifest, the mutation campaign's reviewed equivalents — read the same way: the file
 * read (or a UsageError saying which file could not be), parsed (a syntax error with its line),
 * then handed to the file's own validation, whose problems are UsageErrors naming the file and
 * line too. Nothing is kept: whoever needs a file reads it, and the run checks every file before
 * its first scenario.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors';

/** One kind of file: what it is called in messages, and how its parsed JSON becomes its value. */
export interface Manifest<T> {
  readonly what: string;
  /** The value of the file's JSON; throws a UsageError (`json` gives the lines of keys). */
  readonly validate: (raw: unknown, json: JsonText) => T;
}

/** The text of a JSON file, for saying where something is in it. */
export class JsonText {
  constructor(readonly file: string, readonly text: string) {}

  /** The line of character `index`. */
  lineAt(index: number): number {
    return this.text.slice(0, Math.max(0, index)).split('\n').length;
  }

  /** The line of `"key"` (searching from `"after"`, when given). */
  line(key: string, after?: string): number {
    const from = after === undefined ? 0 : Math.max(0, this.text.indexOf(`"${after}"`));
    return this.lineAt(this.text.indexOf(`"${key}"`, from));
  }

  /** `file:line` of `"key"`. */
  at(key: string, after?: string): string {
    return `${this.file}:${String(this.line(key, after))}`;
  }
}

/** `text` (the content of `file`) as a `manifest`. */
export function parseManifest<T>(file: string, text: string, manifest: Manifest<T>): T {
  const json = new JsonText(file, text);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = syntaxErrorAt(text, message);
    throw new UsageError(`${file}:${String(position === undefined ? 1 : json.lineAt(position))}: not valid JSON: ${message}`);
  }
  return manifest.validate(raw, json);
}

/**
 * Where JSON.parse found its error: `… at position N`, or, for an unexpected token, the token
 * within the excerpt V8 quotes (`Unexpected token 'o', ..."s": [ oops }" is not valid JSON`).
 */
function syntaxErrorAt(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  const quoted = /^Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  const excerpt = quoted?.[2];
  const at = excerpt ? text.indexOf(excerpt) : -1;
  return at >= 0 ? at + (excerpt ?? '').indexOf(quoted?.[1] ?? '') : undefined;
}

/** Read `file` as a `manifest`. */
export function readManifest<T>(file: string, manifest: Manifest<T>): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read the ${manifest.what}: ${(e as Error).message}`);
  }
  return parseManifest(file, text, manifest);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

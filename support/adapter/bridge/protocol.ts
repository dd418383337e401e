/**
 * The bridge wire protocol: newline-delimited JSON, one message per line (one per frame over
 * WebSocket). The JSON Schemas in `schema/` are the published definition; every incoming message
 * is validated against them, and an invalid one is reported with its line number and content —
 * never silently dropped.
 *
 * Session: harness → `hello` (token) · bridge → `hello` + `capabilities` · harness → `register`
 * · bridge → `ack`(of register) · then `request` ⇄ `ack`/`error` (by referenceId) while the
 * bridge streams `event`s · either side → `close`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { PartyConfig, SiteConfig } from '../contract';
import type { Envelope, TEvent } from '../../model/event';
import { buildAttributesSchema } from './schema/attributesSchema';
import { schemaCheck as compileCheck, Unsupported, type Check, type Resolve } from '../../accel';
import { DEFAULT_LIMITS } from './limits';

export const PROTOCOL = 'cmc-bridge';
export const PROTOCOL_VERSION = 1;

type WireAttributes = Readonly<Record<string, unknown>>;

export interface HelloMessage {
  readonly type: 'hello';
  readonly protocol: typeof PROTOCOL;
  readonly version: number;
  readonly role: 'harness' | 'bridge';
  readonly token?: string;
  readonly name?: string;
  readonly settles?: boolean;
}
export interface CapabilitiesMessage {
  readonly type: 'capabilities';
  readonly requests: readonly string[] | '*';
  readonly features: readonly string[];
}
export interface RegisterMessage { readonly type: 'register'; readonly parties: readonly PartyConfig[]; readonly sites?: readonly SiteConfig[] }
export interface RequestMessage extends Envelope { readonly type: 'request'; readonly referenceId: number; readonly name: string; readonly attributes: WireAttributes }
export interface EventMessage extends Envelope { readonly type: 'event'; readonly name: string; readonly dn?: string; readonly attributes: WireAttributes; readonly origin?: string }

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Copy `e`'s envelope fields that are set into `into` (the schema forbids nulls), in the protocol's order. */
function addEnvelope<T extends Envelope>(into: Writable<T>, e: Envelope): Writable<T> {
  if (e.site !== undefined) into.site = e.site;
  if (e.participant !== undefined) into.participant = e.participant;
  if (e.protocol !== undefined) into.protocol = e.protocol;
  if (e.sender !== undefined) into.sender = e.sender;
  return into;
}

/** The envelope fields of an event or request, without the undefined ones. */
export function envelopeOf(e: Envelope): Envelope {
  return addEnvelope<Envelope>({}, e);
}

/**
 * An event as the wire carries it, and back. Built field by field: these run once per event on
 * each side of the bridge, where object spreads were a measurable share of the cost.
 */
export function eventMessage(e: Envelope & { readonly name: string; readonly dn?: string; readonly attributes: WireAttributes; readonly origin?: string }): EventMessage {
  const m = addEnvelope<EventMessage>({ type: 'event' } as Writable<EventMessage>, e);
  m.name = e.name;
  if (e.dn) m.dn = e.dn;
  m.attributes = e.attributes;
  if (e.origin) m.origin = e.origin;
  return m;
}

/** The event a wire message carries; `origin` when the bridge named none. */
export function eventOf(m: EventMessage, origin: string): TEvent {
  const e = addEnvelope<TEvent>({} as Writable<TEvent>, m);
  e.name = m.name;
  if (m.dn) e.dn = m.dn;
  e.attributes = m.attributes as TEvent['attributes'];
  e.origin = m.origin ?? origin;
  return e;
}

export interface AckMessage { readonly type: 'ack'; readonly referenceId?: number; readonly of?: 'request' | 'register' }
export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
  readonly code?: string;
  readonly referenceId?: number;
  readonly of?: 'request' | 'register' | 'hello' | 'message';
  readonly line?: number;
}
export interface CloseMessage { readonly type: 'close'; readonly reason?: string }

export type WireMessage = HelloMessage | CapabilitiesMessage | RegisterMessage | RequestMessage | EventMessage | AckMessage | ErrorMessage | CloseMessage;
export type MessageType = WireMessage['type'];

export const MESSAGE_TYPES: readonly MessageType[] = ['hello', 'capabilities', 'register', 'request', 'event', 'ack', 'error', 'close'];
export const SCHEMA_DIR = join(__dirname, 'schema');

/** A message type's checks: `full` is the published schema run by Ajv; `fast` never accepts what it refuses (support/accel/schemaCheck.ts). */
export interface Validator {
  readonly full: ValidateFunction;
  readonly fast: Check;
}

/**
 * The published schema files, compiled (about half a second): one instance per endpoint or run
 * that decodes messages, shared by its connections.
 */
export class WireSchemas {
  private readonly validators: ReadonlyMap<string, Validator>;

  constructor() {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false });
    const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
    // Always the catalogue's current attributes (the published file is checked against it by a spec).
    const attributes = buildAttributesSchema() as Record<string, unknown>;
    ajv.addSchema(attributes);
    const schemas = new Map<string, Record<string, unknown>>(MESSAGE_TYPES.map((t) => [t, load(t)]));
    const resolve = resolver([attributes, ...schemas.values()]);
    this.validators = new Map([...schemas].map(([t, schema]): [string, Validator] => {
      const full = ajv.compile(schema);
      try {
        return [t, { full, fast: compileCheck(schema, resolve) }];
      } catch (e) {
        if (e instanceof Unsupported) return [t, { full, fast: () => false }];
        throw e;
      }
    }));
  }

  /** Both checks of a message type (exported for the spec that compares them). */
  get(type: string): Validator | undefined {
    return this.validators.get(type);
  }

  /**
   * Parse and validate one line. The problem text says what is wrong; the caller adds where. JSON
   * nested deeper than `maxDepth` is refused before it is parsed (validating it would recurse as
   * deep).
   */
  decode(line: string, maxDepth: number = DEFAULT_LIMITS.maxDepth): Decoded {
    if (nestedDeeperThan(line, maxDepth)) return { ok: false, problem: `JSON nested deeper than ${maxDepth} levels (maxDepth)` };
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      return { ok: false, problem: `not JSON (${(e as Error).message})` };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'not a JSON object' };
    const type = (raw as { type?: unknown }).type;
    const validate = typeof type === 'string' ? this.validators.get(type) : undefined;
    if (!validate) return { ok: false, problem: `unknown message type ${JSON.stringify(type)} (known: ${MESSAGE_TYPES.join(', ')})` };
    // The fast check decides; the published schema, run only on a message the fast check refuses, says why.
    if (!validate.fast(raw) && !validate.full(raw)) return { ok: false, problem: `invalid ${String(type)}: ${describe(validate.full.errors)}` };
    return { ok: true, message: raw as WireMessage };
  }
}

/**
 * Whether the JSON text nests objects/arrays deeper than `max` (brackets inside strings do not
 * count). Most lines have fewer brackets than the limit in all, which two native scans tell; only
 * the others are walked character by character.
 */
export function nestedDeeperThan(line: string, max: number): boolean {
  let brackets = 0;
  for (let i = line.indexOf('{'); i >= 0 && brackets <= max; i = line.indexOf('{', i + 1)) brackets += 1;
  for (let i = line.indexOf('['); i >= 0 && brackets <= max; i = line.indexOf('[', i + 1)) brackets += 1;
  if (brackets <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return false;
}

/** `$ref`s between the published documents (by `$id`) and JSON pointers inside them. */
function resolver(documents: readonly Record<string, unknown>[]): Resolve {
  const byId = new Map(documents.map((d) => [String(d.$id), d]));
  return (ref, document) => {
    const base = typeof document === 'object' ? String(document.$id) : '';
    const url = new URL(ref, base);
    const target = byId.get(`${url.origin}${url.pathname}`);
    if (!target) throw new Unsupported(`$ref ${ref}`);
    let schema: unknown = target;
    for (const step of decodeURIComponent(url.hash.replace(/^#\/?/, '')).split('/').filter((p) => p !== '')) {
      schema = (schema as Record<string, unknown> | undefined)?.[step.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (typeof schema !== 'object' && typeof schema !== 'boolean') throw new Unsupported(`$ref ${ref}`);
    return { schema: schema as Record<string, unknown>, document: target };
  };
}

export type Decoded = { readonly ok: true; readonly message: WireMessage } | { readonly ok: false; readonly problem: string };

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(message)'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`).join('; ');
}

/** How an invalid line is reported: where, what, and the content (shortened). */
export function invalidLineReport(source: string, lineNo: number, line: string, problem: string): string {
  const shown = line.length > 300 ? `${line.slice(0, 300)}… (${line.length} chars)` : line;
  return `${source} line ${lineNo}: ${problem}: ${shown}`;
}

export function encode(message: WireMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/** Whether `text.slice(start, end)` is longer than `max` bytes in UTF-8, counted only when its length leaves a doubt. */
function longerThan(text: string, start: number, end: number, max: number): boolean {
  const chars = end - start;
  if (chars > max) return true;
  if (chars * 3 <= max) return false;
  return Buffer.byteLength(start === 0 && end === text.length ? text : text.slice(start, end)) > max;
}

/**
 * Splits a byte stream into lines (LF or CRLF), numbering them from 1. Bounded: a line longer
 * than `maxBytes` (UTF-8) is not kept; `tooLong` is told its number, and the decoder delivers
 * nothing more (the connection is to be closed).
 */
export class LineDecoder {
  private buffer = '';
  private lineNo = 0;
  private stopped = false;

  constructor(
    private readonly onLine: (line: string, lineNo: number) => void,
    private readonly maxBytes: number = DEFAULT_LIMITS.maxMessageBytes,
    private readonly tooLong: (lineNo: number) => void = (lineNo) => {
      throw new Error(`line ${lineNo} is longer than ${maxBytes} bytes`);
    },
  ) {}

  push(chunk: string): void {
    if (this.stopped) return;
    const text = this.buffer + chunk;
    let start = 0;
    try {
      for (let nl = text.indexOf('\n'); nl >= 0 && !this.stopped; nl = text.indexOf('\n', start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.lineNo += 1;
        if (longerThan(text, start, end, this.maxBytes)) return this.stop();
        const line = text.slice(start, end);
        start = nl + 1;
        if (line.trim() !== '') this.onLine(line, this.lineNo);
      }
    } finally {
      // What follows the last newline waits for the next chunk (one slice per chunk, not per line).
      this.buffer = this.stopped ? '' : start === 0 ? text : text.slice(start);
    }
    if (longerThan(this.buffer, 0, this.buffer.length, this.maxBytes)) {
      this.lineNo += 1;
      this.stop();
    }
    return undefined;
  }

  private stop(): void {
    this.stopped = true;
    this.buffer = '';
    this.tooLong(this.lineNo);
  }

  /** Lines seen so far, blank ones included (the last line number given). */
  get lines(): number {
    return this.lineNo;
  }

  /** Text left without a final newline when the stream ended (a truncated message). */
  get pending(): string {
    return this.buffer;
  }
}

export function hello(role: HelloMessage['role'], extra: Partial<Pick<HelloMessage, 'token' | 'name' | 'settles'>> = {}): HelloMessage {
  return { type: 'hello', protocol: PROTOCOL, version: PROTOCOL_VERSION, role, ...extra };
}

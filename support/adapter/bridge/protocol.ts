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
import type { Envelope } from '../../model/event';
import { buildAttributesSchema } from './schema/attributesSchema';

export const PROTOCOL = 'cmc-bridge';
export const PROTOCOL_VERSION = 1;
/** A longer line is refused: it bounds the memory one peer can make the other hold. */
export const MAX_LINE_BYTES = 1024 * 1024;

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

/** The envelope fields of an event or request, without the undefined ones (the schema forbids nulls). */
export function envelopeOf(e: Envelope): Envelope {
  return {
    ...(e.site !== undefined ? { site: e.site } : {}), ...(e.participant !== undefined ? { participant: e.participant } : {}),
    ...(e.protocol !== undefined ? { protocol: e.protocol } : {}), ...(e.sender !== undefined ? { sender: e.sender } : {}),
  };
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

let validators: ReadonlyMap<string, ValidateFunction> | undefined;

/** Compile the published schema files once per process. */
function compiled(): ReadonlyMap<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false });
  const load = (name: string): object => JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as object;
  // Always the catalogue's current attributes (the published file is checked against it by a spec).
  ajv.addSchema(buildAttributesSchema() as object);
  validators = new Map(MESSAGE_TYPES.map((t) => [t, ajv.compile(load(t))]));
  return validators;
}

export type Decoded = { readonly ok: true; readonly message: WireMessage } | { readonly ok: false; readonly problem: string };

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(message)'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`).join('; ');
}

/** Parse and validate one line. The problem text says what is wrong; the caller adds where. */
export function decodeLine(line: string): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, problem: `not JSON (${(e as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'not a JSON object' };
  const type = (raw as { type?: unknown }).type;
  const validate = typeof type === 'string' ? compiled().get(type) : undefined;
  if (!validate) return { ok: false, problem: `unknown message type ${JSON.stringify(type)} (known: ${MESSAGE_TYPES.join(', ')})` };
  if (!validate(raw)) return { ok: false, problem: `invalid ${String(type)}: ${describe(validate.errors)}` };
  return { ok: true, message: raw as WireMessage };
}

/** How an invalid line is reported: where, what, and the content (shortened). */
export function invalidLineReport(source: string, lineNo: number, line: string, problem: string): string {
  const shown = line.length > 300 ? `${line.slice(0, 300)}… (${line.length} chars)` : line;
  return `${source} line ${lineNo}: ${problem}: ${shown}`;
}

export function encode(message: WireMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/**
 * Splits a byte stream into lines (LF or CRLF), numbering them from 1. Bounded: a line longer
 * than {@link MAX_LINE_BYTES} raises instead of growing the buffer.
 */
export class LineDecoder {
  private buffer = '';
  private lineNo = 0;

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  push(chunk: string): void {
    const text = this.buffer + chunk;
    let start = 0;
    try {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const line = text.slice(start, end);
        start = nl + 1;
        this.lineNo += 1;
        if (line.trim() !== '') this.onLine(line, this.lineNo);
      }
    } finally {
      // What follows the last newline waits for the next chunk (one slice per chunk, not per line).
      this.buffer = start === 0 ? text : text.slice(start);
    }
    if (this.buffer.length > MAX_LINE_BYTES) {
      throw new Error(`line ${this.lineNo + 1} is longer than ${MAX_LINE_BYTES} bytes`);
    }
  }

  /** Text left without a final newline when the stream ended (a truncated message). */
  get pending(): string {
    return this.buffer;
  }
}

export function hello(role: HelloMessage['role'], extra: Partial<Pick<HelloMessage, 'token' | 'name' | 'settles'>> = {}): HelloMessage {
  return { type: 'hello', protocol: PROTOCOL, version: PROTOCOL_VERSION, role, ...extra };
}

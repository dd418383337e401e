/**
 * The bounds a bridge endpoint keeps against a hostile or broken peer: how many connections, how
 * long a silent one may stay, how large a message, how deep its JSON, how much unread output, how
 * many log lines. Each has a default (below, and in the README's bridge section), and each can be
 * set: `npm run simulator -- --limit name=value` (repeatable), `startBridgeServer({ limits })`, or
 * `adapterOptions.limits` for the harness side of the bridge (listen mode, and what it reads).
 */
import { UsageError } from '../../errors';

export interface BridgeLimits {
  /** Connections open at once (sessions and those still before their hello); one more is refused with an error. */
  readonly maxConnections: number;
  /** While full, a connection that has not said hello after this long gives its place to a new one. */
  readonly evictWithoutHelloMs: number;
  /** A connection must complete its hello within this (TLS handshake and WebSocket upgrade included). */
  readonly handshakeTimeoutMs: number;
  /** An open session with no message in either direction for this long is closed. */
  readonly idleTimeoutMs: number;
  /** A longer line (TCP) or message (WebSocket) is refused with an error, then the connection closes. */
  readonly maxMessageBytes: number;
  /** JSON nested deeper (the message itself is level 1) is refused with an error naming the line. */
  readonly maxDepth: number;
  /** This much output waiting for the peer to read it: stop reading from the peer until it drains. */
  readonly writeHighWaterBytes: number;
  /** More output waiting than this: the peer is dropped (it does not read what it asks for). */
  readonly maxWriteBufferBytes: number;
  /** Reading stopped this long because the peer does not read: the peer is dropped. */
  readonly writeStallMs: number;
  /** Received messages waiting to be executed; above, reading pauses until half of them are done. */
  readonly maxQueuedMessages: number;
  /** Bad input and refusals are logged in full up to `logLinesPerInterval` lines of each kind per interval… */
  readonly logIntervalMs: number;
  /** …and the rest counted per kind and peer, in one summary line at the end of the interval. */
  readonly logLinesPerInterval: number;
  /** Failed authentications from one address that are answered at once; after them the back-off starts. */
  readonly authFailuresBeforeBackoff: number;
  /** The first back-off after a failed authentication; it doubles with each further failure… */
  readonly authBackoffMs: number;
  /** …up to this. While it lasts, hellos from that address are refused without checking the token. */
  readonly authBackoffMaxMs: number;
}

export const DEFAULT_LIMITS: BridgeLimits = Object.freeze({
  maxConnections: 1000,
  evictWithoutHelloMs: 1000,
  handshakeTimeoutMs: 10_000,
  idleTimeoutMs: 300_000,
  maxMessageBytes: 1024 * 1024,
  maxDepth: 64,
  writeHighWaterBytes: 1024 * 1024,
  maxWriteBufferBytes: 16 * 1024 * 1024,
  writeStallMs: 30_000,
  maxQueuedMessages: 1000,
  logIntervalMs: 10_000,
  logLinesPerInterval: 5,
  authFailuresBeforeBackoff: 3,
  authBackoffMs: 100,
  authBackoffMaxMs: 30_000,
});

export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as readonly (keyof BridgeLimits)[];

/** The smallest value each limit accepts (a zero would switch a protection off or refuse everything). */
const MINIMUM: Readonly<Record<keyof BridgeLimits, number>> = {
  maxConnections: 1, evictWithoutHelloMs: 0, handshakeTimeoutMs: 10, idleTimeoutMs: 10, maxMessageBytes: 1024, maxDepth: 4,
  writeHighWaterBytes: 1024, maxWriteBufferBytes: 1024, writeStallMs: 10, maxQueuedMessages: 1, logIntervalMs: 10,
  logLinesPerInterval: 0, authFailuresBeforeBackoff: 0, authBackoffMs: 1, authBackoffMaxMs: 1,
};

function isLimit(name: string): name is keyof BridgeLimits {
  return (LIMIT_NAMES as readonly string[]).includes(name);
}

/**
 * Check and complete a partial set of limits. `where` prefixes every error (the option or file
 * that gave them); an unknown name, a non-integer or a value below the minimum is a usage error.
 */
export function resolveLimits(given: Readonly<Record<string, unknown>> | undefined, where: string): BridgeLimits {
  if (given === undefined) return DEFAULT_LIMITS;
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(given)) {
    if (!isLimit(name)) throw new UsageError(`${where}: unknown limit "${name}" (known: ${LIMIT_NAMES.join(', ')})`);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < MINIMUM[name]) {
      throw new UsageError(`${where}: limit "${name}" must be an integer ≥ ${MINIMUM[name]}, got ${JSON.stringify(value)}`);
    }
    out[name] = value;
  }
  const limits = out as unknown as BridgeLimits;
  if (limits.maxWriteBufferBytes < limits.writeHighWaterBytes) {
    throw new UsageError(`${where}: maxWriteBufferBytes (${limits.maxWriteBufferBytes}) must be at least writeHighWaterBytes (${limits.writeHighWaterBytes})`);
  }
  if (limits.authBackoffMaxMs < limits.authBackoffMs) throw new UsageError(`${where}: authBackoffMaxMs must be at least authBackoffMs`);
  return limits;
}

/** `--limit name=value` arguments (repeatable) → limits; a value may be written with `_` separators (1_048_576). */
export function parseLimitArgs(args: readonly string[], where = '--limit'): BridgeLimits {
  const given: Record<string, unknown> = {};
  for (const arg of args) {
    const m = /^([A-Za-z]+)=([0-9_]+)$/.exec(arg);
    if (!m?.[1] || !m[2]) throw new UsageError(`${where} ${arg}: expected name=integer (known names: ${LIMIT_NAMES.join(', ')})`);
    given[m[1]] = Number(m[2].replace(/_/g, ''));
  }
  return resolveLimits(given, where);
}

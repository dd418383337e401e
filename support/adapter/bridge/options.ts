/**
 * The bridge's `adapterOptions`, checked up front so a typo is a usage error, not a hang:
 *
 *     { "adapter": "bridge", "adapterOptions": { "url": "tcp://127.0.0.1:7070", "tokenEnv": "LAB_BRIDGE_TOKEN" } }
 *     { "adapter": "bridge", "adapterOptions": { "transport": "ws", "port": 7071, "listen": true, "limits": { "maxConnections": 50 } } }
 */
import { UsageError } from '../../errors';
import type { Capabilities } from '../contract';
import { resolveLimits, type BridgeLimits } from './limits';
import type { Endpoint, TlsFiles, TransportKind } from './transport';

export interface BridgeConfig {
  readonly endpoint: Endpoint;
  /** Wait for the bridge process to dial in instead of dialling it. */
  readonly listen: boolean;
  readonly token?: string;
  /** Declared here, the harness does not ask the bridge (needed for `@requires` before any connection). */
  readonly capabilities?: Capabilities;
  readonly connectTimeoutMs: number;
  readonly name?: string;
  /** What this side accepts from the bridge (message size and depth; in listen mode the listener's bounds too). */
  readonly limits: BridgeLimits;
}

const KNOWN = ['url', 'host', 'port', 'transport', 'path', 'listen', 'token', 'tokenEnv', 'tls', 'capabilities', 'connectTimeoutMs', 'name', 'limits'];
export const LOOPBACK = '127.0.0.1';

function fromUrl(url: string): { transport: TransportKind; host: string; port: number; path?: string; secure: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`bridge: "url" is not a URL: ${url}`);
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  const kinds: Record<string, { transport: TransportKind; secure: boolean }> = {
    tcp: { transport: 'tcp', secure: false }, tls: { transport: 'tcp', secure: true }, ws: { transport: 'ws', secure: false }, wss: { transport: 'ws', secure: true },
  };
  const kind = kinds[scheme];
  if (!kind) throw new UsageError(`bridge: "url" must start with tcp://, tls://, ws:// or wss://, got ${url}`);
  if (!parsed.port) throw new UsageError(`bridge: "url" needs a port: ${url}`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return { ...kind, host, port: Number(parsed.port), ...(kind.transport === 'ws' && parsed.pathname !== '/' ? { path: parsed.pathname } : {}) };
}

function str(options: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = options[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`bridge: "${key}" must be a non-empty string`);
  return v;
}

function tlsOf(raw: unknown): TlsFiles | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) throw new UsageError('bridge: "tls" must be an object { cert, key, ca }');
  const t = raw as Record<string, unknown>;
  const files: Record<string, string> = {};
  for (const k of ['cert', 'key', 'ca']) {
    const v = str(t, k);
    if (v) files[k] = v;
  }
  return files;
}

function capabilitiesOf(raw: unknown): Capabilities | undefined {
  if (raw === undefined) return undefined;
  const c = raw as { requests?: unknown; features?: unknown };
  const list = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (typeof raw !== 'object' || raw === null || !(c.requests === '*' || list(c.requests)) || !list(c.features)) {
    throw new UsageError('bridge: "capabilities" must be { "requests": "*" | [names], "features": [names] }');
  }
  return { requests: c.requests, features: c.features };
}

function portOf(raw: unknown, listen: boolean): number {
  if (raw === undefined && listen) return 0;
  if (!Number.isInteger(raw) || (raw as number) < 0 || (raw as number) > 65535) throw new UsageError('bridge: "port" must be an integer 0–65535 (or give "url")');
  return raw as number;
}

function endpointOf(options: Readonly<Record<string, unknown>>, listen: boolean): Endpoint {
  const url = str(options, 'url');
  const tls = tlsOf(options.tls);
  if (url) {
    const u = fromUrl(url);
    if (u.secure && !tls) throw new UsageError(`bridge: ${url} needs "tls" (ca to trust the peer, or cert/key to listen)`);
    return { transport: u.transport, host: u.host, port: u.port, ...(u.path ? { path: u.path } : {}), ...(tls ? { tls } : {}) };
  }
  const transport = options.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ws') throw new UsageError('bridge: "transport" must be "tcp" or "ws"');
  const path = str(options, 'path');
  return {
    transport, host: str(options, 'host') ?? LOOPBACK, port: portOf(options.port, listen),
    ...(path ? { path } : {}), ...(tls ? { tls } : {}),
  };
}

/** `token`, or `tokenEnv` naming the environment variable that holds it (so the token is in no file). */
function tokenOf(options: Readonly<Record<string, unknown>>): string | undefined {
  const token = str(options, 'token');
  const env = str(options, 'tokenEnv');
  if (token && env) throw new UsageError('bridge: give "token" or "tokenEnv", not both');
  if (!env) return token;
  const value = process.env[env];
  if (!value) throw new UsageError(`bridge: "tokenEnv" names ${env}, which is not set or empty`);
  return value;
}

function limitsOf(raw: unknown): BridgeLimits {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) throw new UsageError('bridge: "limits" must be an object { name: integer } (see the README\'s bridge section)');
  return resolveLimits(raw as Readonly<Record<string, unknown>> | undefined, 'bridge: "limits"');
}

export function parseBridgeOptions(options: Readonly<Record<string, unknown>>): BridgeConfig {
  const unknown = Object.keys(options).filter((k) => !KNOWN.includes(k));
  if (unknown.length) throw new UsageError(`bridge: unknown option(s) ${unknown.join(', ')} (known: ${KNOWN.join(', ')})`);
  const listen = options.listen ?? false;
  if (typeof listen !== 'boolean') throw new UsageError('bridge: "listen" must be true or false');
  const timeout = options.connectTimeoutMs ?? 5000;
  if (!Number.isInteger(timeout) || (timeout as number) <= 0 || (timeout as number) > 600_000) throw new UsageError('bridge: "connectTimeoutMs" must be a positive integer');
  const token = tokenOf(options);
  const capabilities = capabilitiesOf(options.capabilities);
  const name = str(options, 'name');
  return {
    endpoint: endpointOf(options, listen), listen, connectTimeoutMs: timeout as number, limits: limitsOf(options.limits),
    ...(token ? { token } : {}), ...(capabilities ? { capabilities } : {}), ...(name ? { name } : {}),
  };
}

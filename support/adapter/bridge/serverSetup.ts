/**
 * Where a bridge server's token comes from, and what to warn about before it listens. The token on
 * the command line (`--token`) is visible to every user of the machine (`ps`, npm's echo of the
 * command), so a file (`--token-file`) or the environment ({@link TOKEN_ENV}) are offered; an empty
 * token is refused (it would switch authentication off without saying so).
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { UsageError } from '../../errors';

export const TOKEN_ENV = 'CMC_BRIDGE_TOKEN';

export interface TokenSources {
  /** `--token` as given (undefined when absent, '' when given empty). */
  readonly token?: string;
  readonly tokenFile?: string;
}

export interface ServerToken {
  readonly token?: string;
  readonly source: 'none' | '--token' | '--token-file' | typeof TOKEN_ENV;
}

export function resolveServerToken(given: TokenSources, env: Readonly<Record<string, string | undefined>> = process.env): ServerToken {
  if (given.token !== undefined && given.tokenFile !== undefined) throw new UsageError('give --token or --token-file, not both');
  if (given.token !== undefined) {
    if (given.token === '') throw new UsageError(`--token is empty: an empty token would switch authentication off. Omit --token to run without one, or give it with --token-file FILE or ${TOKEN_ENV}`);
    return { token: given.token, source: '--token' };
  }
  if (given.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(given.tokenFile, 'utf8');
    } catch (e) {
      throw new UsageError(`--token-file ${given.tokenFile}: ${(e as Error).message}`);
    }
    const token = text.replace(/\r?\n$/, '');
    if (token.trim() === '') throw new UsageError(`--token-file ${given.tokenFile}: the file is empty (an empty token would switch authentication off)`);
    if (token.includes('\n')) throw new UsageError(`--token-file ${given.tokenFile}: the token must be one line (the file has ${token.split('\n').length})`);
    return { token, source: '--token-file' };
  }
  const fromEnv = env[TOKEN_ENV];
  if (fromEnv === undefined) return { source: 'none' };
  if (fromEnv === '') throw new UsageError(`${TOKEN_ENV} is set but empty: an empty token would switch authentication off (unset it to run without a token)`);
  return { token: fromEnv, source: TOKEN_ENV };
}

/** 127.0.0.0/8, ::1 (and ::ffff:127.x), localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** Lines to print before listening: a token others can read, an exposed endpoint without a token or without TLS. */
export function exposureWarnings(host: string, token: ServerToken, tls: boolean): string[] {
  const warnings: string[] = [];
  if (token.source === '--token') warnings.push(`warning: --token is visible to every user of this machine (ps, npm's echo of the command line); prefer --token-file FILE or ${TOKEN_ENV}`);
  if (isLoopback(host)) return warnings;
  if (!token.token) warnings.push(`warning: listening on ${host} without a token: anyone who can reach this port can drive the simulator; give --token-file FILE or set ${TOKEN_ENV}`);
  else if (!tls) warnings.push(`warning: listening on ${host} without TLS: the token and every message cross the network in clear text (--tls-cert/--tls-key)`);
  return warnings;
}

/**
 * Issue 22, `npm run simulator`'s token and limit options: --token-file, CMC_BRIDGE_TOKEN, no empty
 * token, a warning for an exposed host without one; the limits' parsing. (The bridge's own abuse
 * specs are in support/adapter/bridge/abuse*.spec.ts.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exposureWarnings, isLoopback, resolveServerToken, TOKEN_ENV } from '../adapter/bridge/serverSetup';
import { DEFAULT_LIMITS, LIMIT_NAMES, parseLimitArgs, resolveLimits } from '../adapter/bridge/limits';
import { parseServerArgs } from './simulatorServer';

describe('npm run simulator: token and limit options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-token-'));

  it('refuses an empty token, whichever way it is given', () => {
    assert.throws(() => parseServerArgs(['--port', '0', '--token', '']), /--token is empty: an empty token would switch authentication off/);
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    assert.throws(() => parseServerArgs(['--port', '0', '--token-file', empty]), /the file is empty/);
    assert.throws(() => resolveServerToken({}, { [TOKEN_ENV]: '' }), /CMC_BRIDGE_TOKEN is set but empty/);
    assert.throws(() => parseServerArgs(['--port', '0', '--token', 'a', '--token-file', empty]), /not both/);
    assert.throws(() => parseServerArgs(['--port', '0', '--token-file', join(dir, 'missing')]), /--token-file .*missing: ENOENT/);
  });

  it('reads the token from a file (one line) or from CMC_BRIDGE_TOKEN, and warns when it is on the command line', () => {
    const file = join(dir, 'token');
    writeFileSync(file, 's3cret\n');
    const fromFile = parseServerArgs(['--port', '0', '--token-file', file]);
    assert.equal(fromFile.token, 's3cret');
    assert.deepEqual(fromFile.warnings, []);
    assert.deepEqual(resolveServerToken({}, { [TOKEN_ENV]: 'from-env' }), { token: 'from-env', source: TOKEN_ENV });
    assert.match(parseServerArgs(['--port', '0', '--token', 's3cret']).warnings.join('\n'), /--token is visible to every user of this machine .* prefer --token-file FILE or CMC_BRIDGE_TOKEN/);
  });

  it('warns for a host other than loopback without a token (and without TLS)', () => {
    assert.match(exposureWarnings('0.0.0.0', { source: 'none' }, false).join('\n'), /listening on 0\.0\.0\.0 without a token: anyone who can reach this port can drive the simulator/);
    assert.match(exposureWarnings('10.1.2.3', { token: 't', source: '--token-file' }, false).join('\n'), /without TLS/);
    assert.deepEqual(exposureWarnings('10.1.2.3', { token: 't', source: '--token-file' }, true), []);
    assert.deepEqual(exposureWarnings('127.0.0.1', { source: 'none' }, false), []);
    for (const host of ['127.0.0.1', '127.9.9.9', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.ok(isLoopback(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.1', 'example.com']) assert.ok(!isLoopback(host), host);
  });

  it('--limit name=value sets a bound; an unknown name or a bad value is a usage error', () => {
    assert.equal(parseServerArgs(['--port', '0', '--limit', 'maxConnections=50', '--limit', 'maxMessageBytes=65_536']).limits.maxMessageBytes, 65536);
    assert.deepEqual(parseServerArgs(['--port', '0']).limits, DEFAULT_LIMITS);
    assert.throws(() => parseLimitArgs(['maxConections=5']), /unknown limit "maxConections"/);
    assert.throws(() => parseLimitArgs(['maxConnections=0']), /must be an integer ≥ 1/);
    assert.throws(() => parseLimitArgs(['maxConnections']), /expected name=integer/);
    assert.throws(() => resolveLimits({ writeHighWaterBytes: 4096, maxWriteBufferBytes: 2048 }, 'x'), /maxWriteBufferBytes \(2048\) must be at least writeHighWaterBytes/);
  });
});

describe("the README's bridge section", () => {
  it('lists every limit with its default', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const rows = new Map([...readme.matchAll(/^\| `([A-Za-z]+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
    for (const name of LIMIT_NAMES) assert.equal(rows.get(name), DEFAULT_LIMITS[name], `README row for ${name}`);
  });
});

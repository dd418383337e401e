/**
 * The commands' option parsing, in process (no child processes): the command line is held to the
 * configuration file's rules, a bridge without adapterOptions is refused early, --batch reaches the
 * Kafka bridge, --features is checked by every command that takes it.
 */
import { describe, test as it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors';
import { parseOptions } from './conformance';
import { checkAdapterOptions } from './adapterOptions';
import { feedOptions } from './feed';
import { monitorOptions } from './monitor';

const dir = mkdtempSync(join(tmpdir(), 'cmc-options-'));
const usage = (f: () => unknown, message: RegExp, command = 'conformance'): void => {
  assert.throws(f, (e: unknown) => e instanceof UsageError && message.test(e.message) && e.message.endsWith(`(npm run ${command} -- --help lists the options)`), message.source);
};

describe('npm run conformance: options', () => {
  it('--timeout, --max-events, --shutdown-grace keep the bounds of the configuration file', () => {
    usage(() => parseOptions(['--max-events', '1']), /^--max-events 1: must be an integer between 100 and 1000000/);
    usage(() => parseOptions(['--timeout', '60000']), /^--timeout 60000: must be an integer between 1 and 50000/);
    usage(() => parseOptions(['--timeout', '3000000000']), /^--timeout 3000000000: must be/);
    usage(() => parseOptions(['--timeout', 'soon']), /^--timeout must be a whole number/);
    const parsed = parseOptions(['--timeout', '50000', '--max-events', '100', '--shutdown-grace', '0']);
    assert.equal(parsed.config.timeoutMs, 50_000);
    assert.equal(parsed.config.maxEventsPerScenario, 100);
    assert.equal(parsed.supervise.graceMs, 0, '--shutdown-grace 0 is allowed, as in the file');
  });

  it('an option overrides the file; a bad file value is named by file:line', () => {
    const config = join(dir, 'run.json');
    writeFileSync(config, '{\n  "timeoutMs": 4000,\n  "shutdownGraceMs": 7\n}\n');
    const parsed = parseOptions(['--config', config, '--timeout', '2000']);
    assert.equal(parsed.config.timeoutMs, 2000);
    assert.equal(parsed.supervise.graceMs, 7);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "maxEventsPerScenario": 1\n}\n');
    assert.throws(() => parseOptions(['--config', bad]), /bad\.json:2: "maxEventsPerScenario" must be an integer between 100/);
  });

  it('--features must be a directory; a repeated --adapter is refused', () => {
    usage(() => parseOptions(['--features', join(dir, 'none')]), /^--features: no such directory/);
    usage(() => parseOptions(['--adapter', 'simulator', '--adapter', 'bridge']), /--adapter given more than once/);
  });

  it('--adapter bridge with no adapterOptions is refused before anything runs, saying so', () => {
    assert.throws(() => checkAdapterOptions('bridge', undefined, undefined), (e: unknown) => e instanceof UsageError && /^no --config file: no "adapterOptions" for adapter bridge, which needs them:\nbridge: "port"/.test(e.message));
    const config = join(dir, 'bridge.json');
    writeFileSync(config, '{ "adapter": "bridge" }\n');
    assert.throws(() => parseOptions(['--config', config]), /bridge\.json:1: no "adapterOptions" for adapter bridge/);
    assert.doesNotThrow(() => checkAdapterOptions('bridge', { url: 'tcp://127.0.0.1:7000' }, undefined));
    assert.doesNotThrow(() => checkAdapterOptions('simulator', undefined, undefined));
  });
});

describe('npm run feed / monitor: options', () => {
  it('--batch reaches the Kafka bridge too', () => {
    const o = feedOptions(['--kafka', 'localhost:9092', '--topic', 'voice-callthread', '--nats', 'nats://127.0.0.1:4222', '--batch', '5']);
    assert.equal(o.batch, 5);
    assert.equal(o.kafka?.batch, 5);
  });

  it('--call-idle reaches the Kafka bridge (default 30 min), and goes with --kafka only', () => {
    const kafka = ['--kafka', 'localhost:9092', '--topic', 'voice-callthread', '--nats', 'nats://127.0.0.1:4222'];
    assert.equal(feedOptions(kafka).kafka?.callIdleMs, 1_800_000);
    assert.equal(feedOptions([...kafka, '--call-idle', '600']).kafka?.callIdleMs, 600_000);
    usage(() => feedOptions(['calls.log', '--nats', 'nats://127.0.0.1:4222', '--call-idle', '600']), /--call-idle go with --kafka/, 'feed');
  });

  it('monitor checks --features and whole-number counts', () => {
    usage(() => monitorOptions(['--nats', 'nats://127.0.0.1:4222', '--features', join(dir, 'none')]), /^--features: no such directory/, 'monitor');
    usage(() => monitorOptions(['--nats', 'nats://127.0.0.1:4222', '--workers', '1.5']), /^--workers must be a whole number of at least 1/, 'monitor');
    assert.equal(monitorOptions(['--nats', 'nats://127.0.0.1:4222', '--call-idle', '0.5']).callIdleMs, 500);
  });
});

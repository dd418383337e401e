/** The command-line options of issue 18: --workspace-api, --api-key, --fault, --via-workspace-api, --simulator-fault. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerArgs } from './simulatorServer';
import { inProcessFault, viaOptions } from './viaServer';
import { UsageError } from '../errors';

describe('npm run simulator: --workspace-api and --fault', () => {
  it('serves the Workspace API facade on loopback, with the given key or a made-up one', () => {
    const given = parseServerArgs(['--workspace-api', '--port', '0', '--api-key', 'k3y-0123456']);
    assert.deepEqual(given.workspaceApi, { apiKey: 'k3y-0123456', generated: false });
    assert.equal(given.endpoint.host, '127.0.0.1');
    const made = parseServerArgs(['--workspace-api', '--port', '0']);
    assert.equal(made.workspaceApi?.generated, true);
    assert.match(made.workspaceApi?.apiKey ?? '', /^[0-9a-f]{32}$/);
  });

  it('refuses what does not fit: bridge options beside --workspace-api, a key without it, a bad fault', () => {
    assert.throws(() => parseServerArgs(['--workspace-api', '--port', '0', '--token', 't']), (e: Error) => e instanceof UsageError && /--token belong to the bridge protocol/.test(e.message));
    assert.throws(() => parseServerArgs(['--port', '0', '--api-key', 'k3y-0123456']), (e: Error) => e instanceof UsageError && /--api-key goes with --workspace-api/.test(e.message));
    assert.throws(() => parseServerArgs(['--port', '0', '--fault', 'drop:EventNothing']), (e: Error) => e instanceof UsageError && /--fault: EventNothing is not an event the models know/.test(e.message));
    assert.throws(() => parseServerArgs(['--port', '0', '--fault', 'swap:EventHeld']), /is not a fault \(drop:<EventName>/);
    assert.deepEqual(parseServerArgs(['--port', '0', '--fault', 'drop:EventHeld']).fault, { kind: 'drop', event: 'EventHeld' });
  });
});

describe('npm run conformance: --via-workspace-api and --simulator-fault', () => {
  it('one transport at a time; the fault is checked before anything starts', () => {
    assert.deepEqual(viaOptions({ 'via-workspace-api': true, 'simulator-fault': 'drop:EventHeld' }, 'usage'), { via: 'workspace-api', fault: 'drop:EventHeld' });
    assert.throws(() => viaOptions({ 'via-server': true, 'via-workspace-api': true }, 'usage'), /exclude each other/);
    assert.throws(() => viaOptions({ 'simulator-fault': 'drop:' }, 'usage'), (e: Error) => e instanceof UsageError);
  });

  it('in process the fault goes to the embedded simulator; another adapter has none', () => {
    assert.deepEqual(inProcessFault({}, 'drop:EventHeld'), { adapter: 'simulator', adapterOptions: { simulatorFault: 'drop:EventHeld' } });
    assert.throws(() => inProcessFault({ adapter: 'bridge' }, 'drop:EventHeld'), /needs the reference simulator/);
  });
});

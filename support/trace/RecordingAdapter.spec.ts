/**
 * The recording wrapper (`--record`) on its own: what it writes per line, and that it passes on
 * what the adapter it wraps can do only once that adapter knows it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventSink, EventSourceAdapter, Topology } from '../adapter/contract';
import { recording } from './RecordingAdapter';

/** An adapter that learns while opening whether it settles (as the bridge learns it from the server's hello), and reports what it is told to. */
class Learning implements EventSourceAdapter {
  readonly name = 'learning';
  readonly capabilities = { requests: '*' as const, features: [] };
  settled?: () => Promise<void>;
  settles = 0;
  sink: EventSink | undefined;

  open(_topology: Topology, sink: EventSink): Promise<void> {
    this.sink = sink;
    this.settled = () => {
      this.settles += 1;
      return Promise.resolve();
    };
    return Promise.resolve();
  }

  send(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('recording (--record)', () => {
  it('passes on settled() once the adapter it wraps has it (the bridge only knows after opening): a recorded run does not wait out the quiet period after every request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-recording-'));
    try {
      const inner = new Learning();
      const wrapped = recording(inner, join(dir, 'r.ndjson'));
      const settledOf = (a: EventSourceAdapter): (() => Promise<void>) | undefined => a.settled;
      assert.equal(settledOf(wrapped), undefined, 'not before the adapter knows');
      await wrapped.open({ parties: [] }, { event: () => undefined, fail: () => undefined });
      const settled = settledOf(wrapped);
      assert.equal(typeof settled, 'function');
      await settled?.();
      assert.equal(inner.settles, 1, 'the adapter\'s own');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('states a line\'s kind where its name does not tell it: another protocol\'s event (an IVR\'s CallStatus), another protocol\'s request (its DialOutRegistry)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-recording-'));
    try {
      const file = join(dir, 'r.ndjson');
      const inner = new Learning();
      const wrapped = recording(inner, file);
      await wrapped.open({ parties: [] }, { event: () => undefined, fail: () => undefined });
      inner.sink?.event({ name: 'EventRinging', dn: '7001', attributes: { ThisDN: '7001' } });
      inner.sink?.event({ name: 'CallStatus', dn: 'Ivy', participant: 'Ivy', protocol: 'IVR', attributes: { CallEvent: 'Ringing' } });
      await wrapped.send?.({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002' } });
      await wrapped.send?.({ name: 'DialOutRegistry', participant: 'Ivy', protocol: 'IVR', attributes: { ThisDN: '7501' } });
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; kind?: string });
      assert.deepEqual(lines.map((l) => [l.name, l.kind]), [['EventRinging', undefined], ['CallStatus', 'event'], ['RequestMakeCall', undefined], ['DialOutRegistry', 'request']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

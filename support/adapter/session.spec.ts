/**
 * The session's account of an adapter's failures and floods: a lost link reported any time before
 * close() resolved makes the scenario broken (never silently dropped); one reported later reaches
 * onLateFailure; past the event bound the scenario is broken and memory stays bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestCompromisedError } from '../errors';
import { AdapterSession, type SessionOptions } from './session';
import type { EventSink, EventSourceAdapter } from './contract';

interface Scripted {
  readonly adapter: EventSourceAdapter;
  /** The sink the session gave the adapter. */
  sink(): EventSink;
}

/** An adapter that delivers one event per request; `onSend`/`onClose` add the misbehaviour. */
function scripted(hooks: { onSend?: (sink: EventSink) => void; onClose?: (sink: EventSink) => Promise<void> | void; settles?: boolean } = {}): Scripted {
  let given: EventSink | undefined;
  const adapter: EventSourceAdapter = {
    name: 'scripted',
    capabilities: { requests: '*', features: [] },
    open: (_topology, sink) => { given = sink; return Promise.resolve(); },
    send: (request) => {
      given?.event({ name: 'EventDialing', dn: '7001', attributes: { ThisDN: '7001', ReferenceID: request.attributes.ReferenceID } });
      if (given) hooks.onSend?.(given);
      return Promise.resolve();
    },
    ...(hooks.settles === false ? {} : { settled: () => Promise.resolve() }),
    close: async () => { if (given) await hooks.onClose?.(given); },
  };
  return { adapter, sink: () => given as EventSink };
}

async function session(s: Scripted, options: Partial<SessionOptions> = {}): Promise<AdapterSession> {
  const opened = new AdapterSession(s.adapter, { timeoutMs: 500, settleMs: 100, ...options });
  await opened.open({ parties: [] });
  await opened.send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001' } });
  return opened;
}

const broken = (pattern: RegExp) => (e: unknown): boolean => e instanceof TestCompromisedError && pattern.test(e.message);

test('a failure reported on the next tick after the events makes the scenario broken at close', async () => {
  const opened = await session(scripted({ onSend: (sink) => { setImmediate(() => { sink.fail(new Error('link lost on the next tick')); }); } }));
  await opened.settle();
  await assert.rejects(opened.close(), broken(/failed: link lost on the next tick/));
});

test('a failure 5 ms after the events, inside the settle window, makes the scenario broken', async () => {
  const opened = await session(scripted({ settles: false, onSend: (sink) => { setTimeout(() => { sink.fail(new Error('link lost 5 ms later')); }, 5); } }));
  await assert.rejects(opened.settle(), broken(/failed: link lost 5 ms later/));
  await opened.close();
});

test('a failure reported while the adapter closes makes the scenario broken', async () => {
  const opened = await session(scripted({ onClose: (sink) => { sink.fail(new Error('link lost while closing')); } }));
  await assert.rejects(opened.close(), broken(/link lost while closing/));
});

test('a failure scheduled by close for the turn after it resolved still counts', async () => {
  const opened = await session(scripted({ onClose: (sink) => { setImmediate(() => { sink.fail(new Error('socket closed')); }); } }));
  await assert.rejects(opened.close(), broken(/socket closed/));
});

test('a failure after close resolved goes to onLateFailure, not into the void', async () => {
  const late: string[] = [];
  const s = scripted();
  const opened = await session(s, { onLateFailure: (e) => { late.push(e.message); } });
  await opened.close();
  s.sink().fail(new Error('link lost much later'));
  assert.deepEqual(late, ['link lost much later']);
});

test('a failure a step already threw is not thrown again by close', async () => {
  const opened = await session(scripted({ onSend: (sink) => { sink.fail(new Error('reset')); } }));
  await assert.rejects(opened.waitFor(() => undefined, 50), broken(/reset/));
  await opened.close();
});

test('past the bound the scenario is broken as a flood; the first events are kept, the rest counted', async () => {
  const opened = await session(scripted({ onSend: (sink) => { for (let i = 0; i < 250; i += 1) sink.event({ name: 'EventAttachedDataChanged', dn: '7003', attributes: {} }); } }), { maxEvents: 100 });
  assert.equal(opened.events.length, 100);
  assert.equal(opened.dropped, 151, 'the stimulus event and 250 more, of which 100 are kept');
  await assert.rejects(opened.settle(), broken(/^flood: more than 100 events in one scenario/));
});

/**
 * Record → replay: wraps any adapter and appends every request it is sent and every event it
 * reports to an NDJSON trace (`{"name","dn","attributes"}` per line, and the site, participant,
 * protocol and sender when it has them, the kind when the name does not tell it, and when it was
 * written: the format `npm run trace`
 * prints and the replay adapter reads). Run once against a lab with `--record lab.ndjson`, replay
 * later with `--replay lab.ndjson`. Lines are appended as they happen: constant memory.
 */
import { appendFileSync } from 'node:fs';
import type { EventSink, EventSourceAdapter, RawEvent, Topology } from '../adapter/contract';
import type { TRequest } from '../model/event';
import { envelopeOf, kindOf } from './record';

/** The name of the marker line that starts each scenario's part of a recording. */
export const SCENARIO_MARKER = 'Scenario';

/**
 * The name of the line that follows a request the adapter refused to send (a form its API cannot
 * express): the request was logged before it was handed over, and this says it never reached the
 * system, so a replay does not take it for a stimulus (the live run skipped that scenario).
 */
export const NOT_SENT_MARKER = 'NotSent';

/** The name of the marker line that starts each run's part of a recording (`--record`, `--record-append`). */
export const SESSION_MARKER = 'Session';

/**
 * When a line was written (UTC, to the millisecond): a replay judges as unexpected what arrived
 * within the quiet period after the scenario's last expected event, as the live run did. Without
 * it, an extra event after the last expected one was never judged in a replay: a faulty system's
 * recording passed where the live run had failed.
 */
function arrival(): string {
  return new Date().toISOString().slice(0, 23);
}

export function recording(inner: EventSourceAdapter, file: string): EventSourceAdapter {
  const write = (line: Readonly<Record<string, unknown>>): void => appendFileSync(file, `${JSON.stringify(line)}\n`);
  const send = inner.send?.bind(inner);
  return {
    name: `${inner.name} (recorded to ${file})`,
    capabilities: inner.capabilities,
    open: (topology: Topology, sink: EventSink) => {
      // A marker per scenario, so that a replay finds each scenario's own part of the recording,
      // with the features the recorded system declared (a replay declares them in its place).
      // And the level the system was observed at (a coarser one than T-Library: the replay judges at it too).
      const observation = inner.capabilities.observation;
      if (topology.scenario) write({ name: SCENARIO_MARKER, attributes: { scenario: topology.scenario, features: inner.capabilities.features.join(' '), ...(observation ? { observation: JSON.stringify(observation) } : {}) } });
      return inner.open(topology, {
      event: (e: RawEvent) => {
        // Its envelope too (site, participant, protocol, sender): a multi-site or multi-protocol scenario's tables check it.
        // Its kind when the name does not tell it (an IVR's CallStatus is an event, not another message).
        write({ name: e.name, ...(kindOf(e.name) === 'event' ? {} : { kind: 'event' }), ...(e.dn ? { dn: e.dn } : {}), ...envelopeOf(e), time: arrival(), attributes: e.attributes });
        sink.event(e);
      },
      fail: (err) => sink.fail(err),
      });
    },
    ...(send ? {
      send: (request: TRequest) => {
        const dn = request.attributes.ThisDN;
        write({ name: request.name, ...(kindOf(request.name) === 'request' ? {} : { kind: 'request' }), ...(typeof dn === 'string' ? { dn } : {}), ...envelopeOf(request), time: arrival(), attributes: request.attributes });
        return send(request).catch((e: unknown) => {
          const ref = request.attributes.ReferenceID;
          write({ name: NOT_SENT_MARKER, attributes: { request: request.name, ...(ref !== undefined ? { ReferenceID: ref } : {}), reason: e instanceof Error ? e.message : String(e) } });
          throw e;
        });
      },
    } : {}),
    // Read when asked, as support/adapter/profiled.ts does: an adapter may only know once open whether
    // it settles (the bridge learns it from the server's hello). Copied at wrapping, a recorded bridge
    // run had none, and waited out the quiet period after every request (10× slower).
    get settled(): (() => Promise<void>) | undefined {
      return inner.settled ? () => inner.settled?.() ?? Promise.resolve() : undefined;
    },
    close: () => inner.close(),
  };
}

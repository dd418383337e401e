/**
 * A bridge server whose "system" does no work: each request of the basic call (make, answer,
 * release) answers with the two events the reference simulator sends, built from the request
 * alone. It isolates the cost of the wire (JSON, schema validation, TCP, the server session) from
 * the simulator's. Prints `listening <url>` like `npm run simulator`.
 */
import type { EventSink, EventSourceAdapter } from '../support/adapter/contract';
import type { TRequest } from '../support/model/event';
import { startBridgeServer } from '../support/adapter/bridge/server';

type Attrs = Record<string, string | number>;

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function wireOnly(): EventSourceAdapter {
  let sink: EventSink | undefined;
  let next = 0;
  const peerOf = new Map<string, string>();
  const emit = (name: string, dn: string, attributes: Attrs): void => sink?.event({ name, dn, attributes: { ThisDN: dn, ...attributes } });
  const send = (r: TRequest): Promise<void> => {
    const a = r.attributes;
    const thisDn = text(a.ThisDN);
    const ref = Number(a.ReferenceID);
    if (r.name === 'RequestMakeCall') {
      next += 1;
      const conn = next.toString(16).padStart(16, '0');
      const other = text(a.OtherDN);
      peerOf.set(thisDn, other).set(other, thisDn);
      emit('EventDialing', thisDn, { ConnID: conn, OtherDN: other, ThisDNRole: 'Origination', OtherDNRole: 'Destination', ReferenceID: ref });
      emit('EventRinging', other, { ConnID: conn, OtherDN: thisDn, ThisDNRole: 'Destination', OtherDNRole: 'Origination' });
    } else {
      const other = peerOf.get(thisDn) ?? '';
      const name = r.name === 'RequestAnswerCall' ? 'EventEstablished' : 'EventReleased';
      emit(name, thisDn, { ConnID: text(a.ConnID), OtherDN: other, ReferenceID: ref });
      emit(name, other, { ConnID: text(a.ConnID), OtherDN: thisDn });
    }
    return Promise.resolve();
  };
  return {
    name: 'wire only', capabilities: { requests: ['RequestMakeCall', 'RequestAnswerCall', 'RequestReleaseCall'], features: [] },
    open: (_t, s) => {
      sink = s;
      return Promise.resolve();
    },
    send, settled: () => Promise.resolve(), close: () => Promise.resolve(),
  };
}

startBridgeServer({ endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, create: wireOnly }).then(
  (server) => console.log(`listening ${server.url}`),
  (e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 2;
  },
);

/**
 * Example adapter: how to put your own CTI client under test. Copy this file, replace
 * `connectClient` with your client library (Platform SDK bridge, CTI middleware SDK…), and run
 *
 *     npm run conformance -- --adapter path/to/your-adapter.ts
 *
 * As shipped, `connectClient` returns a loopback client backed by the reference simulator, so this
 * file is runnable and the suite passes through it: the public contract is all an adapter needs.
 */
import { EventEmitter } from 'node:events';
import type { EventSink, EventSourceAdapter, Topology } from '../contract';
import type { TRequest } from '../../model/event';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';

/** The shape of a typical CTI client: connect, register DNs, send requests, emit events. */
interface CtiClient extends EventEmitter {
  registerDn(dn: string): Promise<void>;
  request(name: string, attributes: Readonly<Record<string, unknown>>): Promise<void>;
  disconnect(): Promise<void>;
}

export default function ctiClientAdapter(options: Readonly<Record<string, unknown>>): EventSourceAdapter {
  let client: CtiClient | undefined;
  return {
    name: `CTI client at ${typeof options.host === 'string' ? options.host : 'loopback'}`,
    // Which requests the system supports; scenarios needing others are skipped with the reason.
    capabilities: { requests: '*', features: ['agent:login-reports-state'] },

    async open(topology: Topology, sink: EventSink): Promise<void> {
      client = await connectClient(options, topology);
      // Map each client event to a T-Library event; `dn` says whose stream it belongs to.
      client.on('event', (e: { name: string; dn?: string; attributes: Record<string, unknown> }) => {
        sink.event({ name: e.name, attributes: e.attributes, ...(e.dn ? { dn: e.dn } : {}) });
      });
      client.on('error', (err: Error) => sink.fail(err)); // lost link → scenario broken, not failed
      for (const party of topology.parties) {
        if (party.configured && party.type !== 'External') await client.registerDn(party.dn);
      }
    },

    // The harness sets ReferenceID; the system must echo it in the answering event.
    send: (request: TRequest) => (client ? client.request(request.name, request.attributes) : Promise.reject(new Error('not open'))),

    close: () => client?.disconnect() ?? Promise.resolve(),
  };
}

/** Replace with your client library. This one loops back to the reference simulator. */
async function connectClient(_options: Readonly<Record<string, unknown>>, topology: Topology): Promise<CtiClient> {
  const simulator = new SimulatorAdapter();
  const client = new EventEmitter() as CtiClient;
  await simulator.open(topology, { event: (e) => client.emit('event', e), fail: (err) => client.emit('error', err) });
  client.registerDn = () => Promise.resolve();
  client.request = (name, attributes) => simulator.send({ name, attributes: attributes as TRequest['attributes'] });
  client.disconnect = () => simulator.close();
  return client;
}

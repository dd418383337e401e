/**
 * Example adapter: how to put your own CTI client under test. Copy this file, replace
 * `connectClient` with your client library (Platform SDK bridge, CTI middleware SDK…), and run
 *
 *     npm run conformance -- --adapter path/to/your-adapter.ts
 *
 * As shipped, `connectClient` returns a loopback client backed by the reference simulator, so this
 * file is runnable and the suite passes through it (declare the simulator's capabilities, as the
 * self-test in support/cli/conformance.spec.ts does, and it runs every scenario the simulator runs):
 * the public contract is all an adapter needs.
 *
 * Two things make an adapter fast and complete:
 * - `settled()`: resolve once every event caused by the requests sent so far has been delivered.
 *   Without it the harness waits the settle time (`settleMs`, 300 ms) after every request before it
 *   judges unexpected events — the whole suite then takes minutes instead of seconds. A CTI client
 *   usually gets it from a round trip: send a cheap query after the last request and wait for its
 *   answer, which the server sends after the events of the earlier requests.
 * - `capabilities.features`: what your system can do and which documented variant it has. The
 *   template declares none (see DECLARED below): give yours as `"adapterOptions": { "features":
 *   [...] }` in the configuration file, or edit DECLARED. A scenario tagged `@requires:<name>` is
 *   skipped, with the reason, unless you declare `<name>` — never failed for a variant you did not
 *   claim.
 */
import { EventEmitter } from 'node:events';
import type { EventSink, EventSourceAdapter, Topology } from '../contract';
import type { Envelope, TRequest } from '../../model/event';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';

/** The shape of a typical CTI client: connect, register DNs, send requests, emit events. */
interface CtiClient extends EventEmitter {
  registerDn(dn: string): Promise<void>;
  /** `envelope`: on a multi-site lab, the site whose T-Server takes the request (and the like). */
  request(name: string, attributes: Readonly<Record<string, unknown>>, envelope: Envelope): Promise<void>;
  /** Resolves after every event of the requests sent so far has been emitted (e.g. a query's round trip). */
  flush(): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * What this system declares unless `adapterOptions.features` says otherwise: nothing. No capability
 * holds for every T-Server — an ability needs a component or a driver beyond one T-Server's CTI
 * link, and a variant is exactly where switches differ —, so a template that declared one would make
 * a correct switch with the other variant "not conformant". Add the ones that hold for your system
 * (support/model/capabilities.ts says what each one promises; the README has the table):
 *
 * Abilities: things no CTI request causes, or components beyond one T-Server:
 *   external-parties, alerting-control, timeout-control, digit-entry, dial-outcome-control,
 *   call-parking, shared-line-phone, multi-site, transaction-monitoring, network-transfer,
 *   interaction-server, call-monitoring, ivr-server, virtual-queues, agent:login-reports-state,
 *   redirect:answered-call, routing:divert-on-ringing, routing:route-type-reject.
 * Variants: of each documented pair, the behaviour your switch has (at most one of the two):
 *   agent:acw-as-not-ready | agent:acw-event
 *   sst:network-reached | sst:no-network-reached
 *   redirect:silent-release | redirect:notify-release
 *   network-reached:not-reported | network-reached:reported
 *   off-hook:not-reported | off-hook:reported
 *   ivr:caller-connected-to-agent-only | ivr:caller-connected-at-ivr-answer
 *   routing:diverted-after-route-used | routing:route-used-only
 *   monitoring:observer-sees-customer | monitoring:observer-sees-initiator
 *   mute:no-private-info | mute:private-info
 */
const DECLARED: readonly string[] = [];

/** `adapterOptions.features` (a list of names), or DECLARED when absent. */
function featuresOf(options: Readonly<Record<string, unknown>>): readonly string[] {
  const given = options.features;
  if (given === undefined) return DECLARED;
  if (!Array.isArray(given) || !given.every((f) => typeof f === 'string')) throw new Error('adapterOptions.features must be a list of capability names (support/model/capabilities.ts)');
  return given;
}

export default function ctiClientAdapter(options: Readonly<Record<string, unknown>>): EventSourceAdapter {
  const features = featuresOf(options);
  let client: CtiClient | undefined;
  return {
    name: `CTI client at ${typeof options.host === 'string' ? options.host : 'loopback'}`,
    // Which requests the system supports ('*' or a list of names) and what it can do (above);
    // scenarios needing anything else are skipped with the reason.
    capabilities: { requests: '*', features },

    async open(topology: Topology, sink: EventSink): Promise<void> {
      client = await connectClient(options, topology);
      // Map each client event to a T-Library event; `dn` says whose stream it belongs to.
      // Keep the envelope (site, sender, participant, protocol): a multi-site or IVR model judges it,
      // and an adapter that declares 'multi-site' but drops the site fails those scenarios.
      client.on('event', (e: Envelope & { name: string; dn?: string; attributes: Record<string, unknown> }) => {
        const { name, dn, attributes, site, sender, participant, protocol } = e;
        sink.event({ name, attributes, ...(dn ? { dn } : {}), ...defined({ site, sender, participant, protocol }) });
      });
      client.on('error', (err: Error) => sink.fail(err)); // lost link → scenario broken, not failed
      for (const party of topology.parties) {
        if (party.configured && party.type !== 'External') await client.registerDn(party.dn);
      }
    },

    // The harness sets ReferenceID; the system must echo it in the answering event.
    send: (request: TRequest) => {
      const { name, attributes, ...envelope } = request;
      return client ? client.request(name, attributes, envelope) : Promise.reject(new Error('not open'));
    },

    // Every event of the requests so far has arrived: the harness judges at once instead of waiting settleMs.
    settled: () => (client ? client.flush() : Promise.resolve()),

    close: () => client?.disconnect() ?? Promise.resolve(),
  };
}

/** Replace with your client library. This one loops back to the reference simulator. */
async function connectClient(_options: Readonly<Record<string, unknown>>, topology: Topology): Promise<CtiClient> {
  const simulator = new SimulatorAdapter();
  const client = new EventEmitter() as CtiClient;
  await simulator.open(topology, { event: (e) => client.emit('event', e), fail: (err) => client.emit('error', err) });
  client.registerDn = () => Promise.resolve();
  client.request = (name, attributes, envelope) => simulator.send({ ...envelope, name, attributes: attributes as TRequest['attributes'] });
  client.flush = () => simulator.settled();
  client.disconnect = () => simulator.close();
  return client;
}

/** The fields that are set (an event without a site has no `site` key at all). */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

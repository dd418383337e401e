/**
 * The public adapter contract: what a user implements to put their system under test.
 *
 * The harness opens the adapter once per scenario with the parties the feature declared, receives
 * every event through the sink, optionally sends requests, and closes it. Steps never see the
 * adapter; the World talks to it through {@link AdapterSession}.
 *
 * Events carry T-Library attribute names without the `Attribute` prefix (`ThisDN`, `ConnID`,
 * `CallType`); enum values may be numbers or names, the harness normalises them.
 */
import type { Envelope, TRequest } from '../model/event';
import type { ParticipantConfig } from '../model/participants';

export type { ParticipantConfig };

/** The kind of telephony object a party uses (GenEM: Extension, ACD Position, ACD Queue, Routing Point, trunk/external). */
export type DNType = 'Extension' | 'ACDPosition' | 'ACDQueue' | 'RoutingPoint' | 'External';

export interface PartyConfig {
  /** The name used in the feature ("Alice"). */
  readonly name: string;
  /** The DN (or external number) as the feature wrote it. */
  readonly dn: string;
  readonly type: DNType;
  /** For agents: the AgentID they log in with. */
  readonly agentId?: string;
  /** For agents: the ACD queue they log in to, when the feature names one. */
  readonly queue?: string;
  /**
   * False when the feature deliberately uses a DN the switch does not know (negative responses).
   * Adapters must not configure or register such DNs.
   */
  readonly configured: boolean;
  /**
   * This DN is an appearance of another DN's line (GenEM Special Cases / Shared Call Appearance):
   * `shared` = a shared call appearance (every appearance is alerted, one answers); `bridged` = a
   * bridged appearance that follows the principal's calls. Adapters configure it on the switch.
   */
  readonly appearanceOf?: { readonly line: string; readonly kind: 'shared' | 'bridged' };
  /**
   * DN options as configured on the switch (the DN's annex in Genesys configuration), with party
   * names already resolved to DNs: e.g. `hg-type=fork`, `hg-members=7002,7003` for a hunt group,
   * `divert-on-ringing=false` for a routing point. The options the reference simulator reads are
   * listed in support/simulator/acdState.ts; a real adapter maps them to its lab's configuration.
   */
  readonly options?: Readonly<Record<string, string>>;
  /** Multi-site labs: the site whose switch owns the DN (a name of `Topology.sites`). */
  readonly site?: string;
  /** Set when the party is not a DN but another participant (see {@link ParticipantConfig}). */
  readonly participant?: ParticipantConfig;
}

export interface Topology {
  readonly parties: readonly PartyConfig[];
  /**
   * Multi-site labs: the sites (switching domains) and the T-Server of each; parties name their
   * site in `PartyConfig.site`. Absent = one site.
   */
  readonly sites?: readonly SiteConfig[];
  /** The scenario being run (`features/x.feature:12 Alice calls Bob`): for logs, recordings and replay. */
  readonly scenario?: string;
  /**
   * The parties the scenario's own steps and expectation tables name (not the whole cast of the
   * Background): a replay must find each of them in the recording, or the scenario is not exercised.
   */
  readonly named?: readonly string[];
}

export interface SiteConfig {
  /** The site's name as the feature writes it ("Paris"); also the location requests name. */
  readonly name: string;
  /** The server that reports the site's events ("T-Server Paris"). */
  readonly server: string;
}

export interface Capabilities {
  /** Request names the system accepts (`RequestMakeCall`…), or `'*'` for every T-Library request. */
  readonly requests: readonly string[] | '*';
  /**
   * Named abilities that features gate on with `@requires:<name>`, e.g. `external-parties`
   * (the adapter can make an outside caller call in or hang up), `alerting-control`,
   * `agent:acw-as-not-ready`. A scenario whose requirement is missing is skipped with the reason.
   */
  readonly features: readonly string[];
  /**
   * Optional: the adapter sees the system at a coarser level than T-Library events (e.g. call
   * states through an agent API). Scenarios that expect what it cannot show are skipped with the
   * reason; absent = it shows everything (support/adapter/observation.ts).
   */
  readonly observation?: Observation;
}

/** What an adapter at a coarser level can show (see {@link Capabilities.observation}). */
export interface Observation {
  /** The level, as reports name it: "Workspace API (call-state level)". */
  readonly tier: string;
  /** Events it reports; a table expecting another is skipped. */
  readonly events: readonly string[];
  /** Attributes it reports; a table asserting another is skipped. */
  readonly attributes: readonly string[];
  /**
   * Attributes the level carries no trace of and that are incidental to the models (a request's
   * ReferenceID, for instance): their cells are not checked, and the scenario lists them.
   */
  readonly unchecked: readonly string[];
  /** False when each DN's events come on a stream of their own, so no order across DNs can be seen. */
  readonly crossDnOrder: boolean;
  /** The kinds of party it has a view of (e.g. only DNs an agent can log in on). */
  readonly partyTypes: readonly DNType[];
}

/**
 * `send` rejects with this when the adapter can carry requests of this name but not this form of
 * one (an attribute its API has no field for): the scenario is skipped with the reason, not broken.
 */
export class RequestNotExpressible extends Error {
  override readonly name = 'RequestNotExpressible';
}

/**
 * An event as the adapter reports it. Attribute values may be numbers or names for enums, plain
 * objects or pair lists for KV lists, `AttributeX` or `X` for names: the harness normalises them and
 * lists anything it cannot read (it never drops an event).
 */
export interface RawEvent extends Envelope {
  readonly name: string;
  /**
   * Whose event stream the event belongs to; default `participant`, then ThisDN (some events, e.g. a
   * third party's EventAttachedDataChanged, have none). The envelope fields (`site`, `participant`,
   * `protocol`, `sender`) are optional: a single T-Server adapter leaves them out.
   */
  readonly dn?: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Where it came from (log file:line, wire message number), shown in diffs. */
  readonly origin?: string;
  /**
   * Replay only: when the recording says the event happened (ms, on the recording's clock). The
   * events a scenario does not expect are judged up to `settleMs` after its last expected one, as
   * in a live run.
   */
  readonly recordedAt?: number;
  /**
   * Replay only: the event comes after the recording's next stimulus of the scenario (another
   * party's later act, which it may be the consequence of): it may match an expected event, but it
   * is never unexpected.
   */
  readonly afterNextAct?: boolean;
}

/**
 * A replay adapter's answer to a step: found (the recorded ReferenceID; undefined when the
 * recorded stimulus carries none, e.g. a party action on the phone), or not exercised, with why.
 */
export type ReplayAnswer =
  | { readonly referenceId: number | undefined }
  | { readonly notExercised: string; readonly final: boolean };

/** Where the adapter delivers what it observes. */
export interface EventSink {
  /** One event from the system. */
  event(event: RawEvent): void;
  /** The adapter lost its connection or cannot go on: the scenario becomes broken, not failed. */
  fail(error: Error): void;
}

export interface EventSourceAdapter {
  /** Shown in reports ("reference simulator", "SIP Server lab via bridge"). */
  readonly name: string;
  readonly capabilities: Capabilities;
  /** Connect, configure/register the parties' DNs, and start delivering events to `sink`. */
  open(topology: Topology, sink: EventSink): Promise<void>;
  /**
   * Send a request. `ReferenceID` is set by the harness; echo it in the answering event.
   * Absent ⇒ the adapter is observe-only (recorded logs): stimulus steps are skipped with a reason.
   * Besides T-Library requests (`Request…`), party actions that no CTI request can cause are sent
   * with names `Party.CallsIn`, `Party.Answers`, `Party.HangsUp` and `Network.DelayAlerting`, and
   * only when the adapter lists the matching capability.
   */
  send?(request: TRequest): Promise<void>;
  /**
   * Observe-only adapters that replay a recording: the recorded counterpart of a request the
   * scenario would send (`setup` for a Given, `stimulus` for the When). Delivers the recorded events
   * that followed it and answers with the recorded ReferenceID, or says why the recording does not
   * exercise the scenario (it is then reported as not exercised, never failed). Opening the adapter
   * again after closing it tries the recording's next candidate for the scenario's first step; a
   * `final` answer says there is none.
   */
  recorded?(request: TRequest, role: 'setup' | 'stimulus'): ReplayAnswer;
  /**
   * Optional: resolves once every event caused by the requests sent so far has been delivered.
   * Lets the harness fail at once instead of waiting for the timeout (the simulator has it).
   */
  settled?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A user adapter module default-exports a factory. `options` are the `adapterOptions` of the
 * configuration file (hosts, credentials, DN mappings — whatever the adapter needs).
 */
export type AdapterFactory = (options: Readonly<Record<string, unknown>>) => EventSourceAdapter | Promise<EventSourceAdapter>;

export function supportsRequest(capabilities: Capabilities, request: string): boolean {
  return capabilities.requests === '*' ? request.startsWith('Request') : capabilities.requests.includes(request);
}

/** The adapters chosen by name (support/adapter/select.ts); anything else is the path of a user module. */
export const BUILT_IN_ADAPTERS: readonly string[] = ['simulator', 'bridge', 'replay', 'workspace'];

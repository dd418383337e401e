/**
 * The stimuli of a log: what a client or a party did, as the request a scenario step sends. A
 * client request in the log is one (`RequestAnswerCall` at line 12). A party action that no
 * request caused is recognised from the events themselves (issue 17), the way a real switch's
 * traffic is mostly driven from the phones:
 *
 * | events (no ReferenceID of a logged request)                          | the action, as a request          |
 * |----------------------------------------------------------------------|-----------------------------------|
 * | EventDialing at a DN not yet on the call (after EventOffHook or not)  | RequestMakeCall ThisDN, OtherDN   |
 * | EventEstablished at the DN the call was ringing at                   | RequestAnswerCall ThisDN, ConnID  |
 * | EventReleased at a DN on the call, not a consequence of another's act | RequestReleaseCall ThisDN, ConnID |
 * | EventHeld / EventRetrieved at a DN talking / holding                 | RequestHoldCall / RequestRetrieveCall |
 * | the first event of a new inbound call (ringing, queued, routed)      | Party.CallsIn ThisDN, OtherDN     |
 * | EventEstablished at a shared line's appearance joining a call in talk | Phone.BargesInOnSharedLine ThisDN |
 *
 * An event carrying a ReferenceID no logged request has is the answer to a request the log does
 * not show: it is that request (named after the event where the event says which, else an
 * `UnloggedRequest`), so that it counts as a stimulus too. Everything else is a consequence.
 *
 * A release is a consequence (not a hang-up) when another party's act ends the call for this one:
 * the other party of a two-party call that one side released, the party a conference member
 * deleted, everyone of a cleared call, the other DNs a call rang at when one of them answered, the
 * others of a call of three a moment after one hung up (HUMAN_ACT_MS). With one monitored DN on
 * the call (the far end outside), nobody can tell who hung up: that release is no stimulus at all.
 * Nor is anything a DN shows a moment after its own act (HUMAN_ACT_MS): it follows from that act.
 *
 * {@link StimulusTracker} reads records one at a time and holds only the calls in progress, the
 * requests waiting for their events (bounded) and nothing per finished call: the recogniser runs
 * it over a stream, the replay over a whole log.
 */
import { lookupAttribute } from '../model/catalogue';
import { enumNameOf } from '../model/enums';
import { RecentMap } from '../model/recent';
import { msOf, type RawValue, type TraceRecord } from './record';
import type { Envelope } from '../model/event';
import { NOT_SENT_MARKER } from './RecordingAdapter';

export type StimulusOrigin = 'request' | 'phone' | 'unlogged';

export interface Stimulus {
  /** The record's index (the request, or the event the action was recognised from). */
  readonly at: number;
  /** The request the action is (`RequestMakeCall` for dialling from the phone). */
  readonly name: string;
  readonly attributes: Readonly<Record<string, RawValue>>;
  readonly origin: StimulusOrigin;
  /** `file:line` of the record. */
  readonly source: string;
  /** What happened, for reasons (`Bob's phone answered (EventEstablished without ReferenceID)`). */
  readonly description: string;
  readonly referenceId: number | undefined;
  /** Every DN the stimulus names (ThisDN, OtherDN, ThisQueue…): the parties it involves. */
  readonly dns: readonly string[];
  /** The ConnID it acts on, or the call it created (known once its first event is read). */
  call: string | undefined;
  /** Set when a harness recording says the request never reached the system (why): not a stimulus to replay. */
  refused?: string;
  /** Whose request it was and where it went, when the trace says (a harness recording: participant, site). */
  readonly envelope?: Envelope;
}

/** What a DN is doing on a call, as far as the events say. */
type PartyState = 'Dialing' | 'Ringing' | 'Established' | 'Held' | 'Busy' | 'Queued';

const STATE_AFTER: Readonly<Record<string, PartyState>> = {
  EventDialing: 'Dialing', EventNetworkReached: 'Dialing', EventRinging: 'Ringing', EventEstablished: 'Established',
  EventRetrieved: 'Established', EventHeld: 'Held', EventDestinationBusy: 'Busy', EventQueued: 'Queued', EventRouteRequest: 'Queued',
};
const LEAVES = new Set(['EventReleased', 'EventAbandoned', 'EventDiverted', 'EventRouteUsed']);

/** Requests after which the other parties' releases are their consequence (see {@link releasesOthers}). */
const ENDS_OTHERS = /^Request(ReleaseCall|ClearCall|Complete(Transfer|Conference)|SingleStep|DeleteFromConference|RedirectCall|MuteTransfer|ReconnectCall|MergeCalls|RouteCall|Reject)/;

/** The request an event answers, when the request itself is not in the log. */
const ANSWERS: Readonly<Record<string, string>> = {
  EventDialing: 'RequestMakeCall', EventEstablished: 'RequestAnswerCall', EventReleased: 'RequestReleaseCall',
  EventHeld: 'RequestHoldCall', EventRetrieved: 'RequestRetrieveCall', EventAgentLogin: 'RequestAgentLogin',
  EventAgentLogout: 'RequestAgentLogout', EventAgentReady: 'RequestAgentReady', EventAgentNotReady: 'RequestAgentNotReady',
  EventRegistered: 'RequestRegisterAddress', EventUnregistered: 'RequestUnregisterAddress', EventDNDOn: 'RequestSetDNDOn',
  EventDNDOff: 'RequestSetDNDOff',
};

/**
 * A consultation's dialling (CallType Consult, or a PreviousConnID naming the call it consults on):
 * its request, when the log does not show it (a rotated file's second part), was a transfer's or a
 * conference's first step, not a call of its own — which one, nothing in the event says.
 */
function consultation(r: TraceRecord): boolean {
  return r.name === 'EventDialing' && (enumNameOf('CallType', r.attributes.CallType) === 'Consult' || typeof r.attributes.PreviousConnID === 'string');
}

/** ReferenceID values that mean "none" (T-Library's 0xFFFFFFFF, and 0). */
export function referenceOf(attributes: Readonly<Record<string, RawValue>>): number | undefined {
  const ref = attributes.ReferenceID;
  return typeof ref === 'number' && ref !== 0 && ref !== 0xffffffff ? ref : undefined;
}

/** The DN-valued attributes of a record (ThisDN, OtherDN, ThirdPartyDN, ThisQueue…). */
export function dnsOf(attributes: Readonly<Record<string, RawValue>>): string[] {
  const out: string[] = [];
  for (const key in attributes) {
    const v = attributes[key];
    if (typeof v === 'string' && v && lookupAttribute(key)?.kind === 'dn' && !out.includes(v)) out.push(v);
  }
  return out;
}

export const connIdOf = (r: TraceRecord): string | undefined => (typeof r.attributes.ConnID === 'string' && r.attributes.ConnID ? r.attributes.ConnID.toLowerCase() : undefined);


/** A party action recognised from an event: the request it is, and what happened in words. */
interface Action {
  readonly name: string;
  readonly what: string;
  readonly attributes: Record<string, RawValue>;
}

const onCall = (dn: string, conn: string | undefined): Record<string, RawValue> => ({ ThisDN: dn, ...(conn ? { ConnID: conn } : {}) });
const otherOf = (r: TraceRecord): string | undefined => (typeof r.attributes.OtherDN === 'string' ? r.attributes.OtherDN : undefined);

/** The party actions an event shows, by the DN's state on the call before it (see the module comment). */
const RECOGNISE: Readonly<Record<string, (c: { dn: string; conn: string | undefined; state: PartyState | undefined; r: TraceRecord }) => Action | undefined>> = {
  EventDialing: ({ dn, state, r }) => {
    const other = otherOf(r);
    if (state !== undefined) return undefined;
    // A consultation's dialling is a transfer's or a conference's first step, not a call of its own.
    if (consultation(r)) return { name: 'UnloggedRequest', what: `${dn} began a consultation with ${other ?? 'a number'} (a transfer or a conference: the event does not say which)`, attributes: { ThisDN: dn, ...(other ? { OtherDN: other } : {}) } };
    return { name: 'RequestMakeCall', what: `${dn} dialled ${other ?? 'a number'}`, attributes: { ThisDN: dn, ...(other ? { OtherDN: other } : {}) } };
  },
  EventEstablished: ({ dn, conn, state }) => (state === 'Ringing' ? { name: 'RequestAnswerCall', what: `${dn} answered`, attributes: onCall(dn, conn) } : undefined),
  EventHeld: ({ dn, conn, state }) => (state === 'Established' ? { name: 'RequestHoldCall', what: `${dn} put the call on hold`, attributes: onCall(dn, conn) } : undefined),
  EventRetrieved: ({ dn, conn, state }) => (state === 'Held' ? { name: 'RequestRetrieveCall', what: `${dn} retrieved the held call`, attributes: onCall(dn, conn) } : undefined),
};

/**
 * The first event of a call that came in from outside (ringing, queued, at a routing point): the
 * caller called. A call first seen answered, held or busy started before the log did (a log that
 * starts mid-call, a rotated file): it is no new call, and nothing judges its start. Nor is one that
 * rings as handed on (CallState Transferred, Redirected, Forwarded, Conferenced): a single-step
 * transfer of a call from before the log rings its new party so.
 */
function callIn(r: TraceRecord, dn: string): Action | undefined {
  const state = STATE_AFTER[r.name];
  if ((state !== 'Ringing' && state !== 'Queued') || enumNameOf('CallType', r.attributes.CallType) !== 'Inbound') return undefined;
  const callState = enumNameOf('CallState', r.attributes.CallState) ?? '';
  if (HANDED_ON.has(callState) || callState === 'Conferenced') return undefined;
  const from = otherOf(r) ?? (typeof r.attributes.ANI === 'string' ? r.attributes.ANI : undefined);
  return { name: 'Party.CallsIn', what: `${from ?? 'an outside caller'} called ${dn}`, attributes: { ThisDN: dn, ...(from ? { OtherDN: from } : {}) } };
}

/** Call states of a call handed on to another DN (a release that hands it on, a ringing where it arrives so). */
const HANDED_ON: ReadonlySet<string> = new Set(['Transferred', 'Redirected', 'Forwarded']);

interface CallInProgress {
  readonly parties: Map<string, PartyState>;
  /** DNs alerted as the call's observer (a supervisor's monitoring leg: EventRinging with ThisDNRole Observer). */
  readonly observers: Set<string>;
  /** When (log time, ms) a party hung up on it while two or more others were on it (see {@link HUMAN_ACT_MS}). */
  hungUpAt?: number;
  /** The last act on it (a request, a press of a button): whose, and when (log time, ms). */
  lastAct?: { readonly dn: string; readonly ms: number };
  /** DNs whose next release is the consequence of another party's act. */
  readonly releasedByOthers: Set<string>;
}

/**
 * Requests whose function holds or retrieves the requester's calls (GenEM: a consultation for a
 * transfer or conference holds the main call; alternate, reconnect, complete and merge retrieve or
 * hold one): an EventHeld/EventRetrieved at the requester soon after one is its consequence.
 */
const HOLDING_REQUESTS: ReadonlySet<string> = new Set([
  'RequestInitiateTransfer', 'RequestInitiateConference', 'RequestAlternateCall', 'RequestReconnectCall',
  'RequestCompleteTransfer', 'RequestCompleteConference', 'RequestMergeCalls', 'RequestMuteTransfer',
  'RequestSingleStepTransfer', 'RequestSingleStepConference',
]);
/** Those that also release one of the requester's calls (the transferred call, the consultation): its EventReleased there is their consequence, not a hang-up. */
const RELEASING_REQUESTS: ReadonlySet<string> = new Set([
  'RequestCompleteTransfer', 'RequestCompleteConference', 'RequestReconnectCall', 'RequestMergeCalls', 'RequestMuteTransfer',
  'RequestSingleStepTransfer', 'RequestSingleStepConference',
]);
/** How many records after such a request its hold or retrieve may come (a busy log interleaves other calls). */
const CONSEQUENCE_WINDOW = 200;

/**
 * Less time (log time) than a person takes to act again. A release at another party this soon after
 * a party hung up on a call with two or more others is that hang-up's consequence: the call ended
 * for them too (a bridged appearance, a conference the switch ends) — no one hangs up a phone within
 * a third of a second of another; a conference that goes on tells the others with EventPartyDeleted,
 * not EventReleased. And an event at a DN this soon after the DN's own act (a request, a press of a
 * button) is no new act of its: it follows from that act (a retrieve 3 ms after a hold is the
 * switch's, not a person's).
 */
export const HUMAN_ACT_MS = 300;

/** Events that show a DN's own act when no request caused them (dialling, answering, holding, retrieving, hanging up). */
const OWN_ACTS: ReadonlySet<string> = new Set(['EventDialing', 'EventEstablished', 'EventHeld', 'EventRetrieved', 'EventReleased']);

/** How long (in records) a logged request waits for the events that carry its ReferenceID. */
const REQUEST_WINDOW = 5000;
/** Logged requests remembered by ReferenceID: at least the most recent 4,096, at most twice as many. */
const MAX_PENDING = 4096;

export class StimulusTracker {
  private readonly calls = new Map<string, CallInProgress>();
  /** Logged (or recognised unlogged) requests by ReferenceID, waiting for their events. */
  private readonly byReference = new RecentMap<number, Stimulus>(MAX_PENDING);
  /** Requests that create a call (no ConnID yet), by the requesting DN. */
  private readonly creating = new Map<string, Stimulus>();
  /** DN → where its last logged request that holds or retrieves calls as part of its function was (see {@link HOLDING_REQUESTS}). */
  private readonly holding = new Map<string, { readonly at: number; readonly name: string }>();

  /** Calls whose last monitored party handed them on (see {@link handsOn}): at least the 4,096 most recent. */
  private readonly handedOn = new RecentMap<string, true>(4_096);
  /** DNs seen as appearances of a shared line (their events carry AppearanceIndex): at most the switch's DNs. */
  private readonly appearances = new Set<string>();

  /** `infer: false`: only logged requests are stimuli (a harness recording logs every one). */
  constructor(private readonly infer = true) {}

  /** The calls in progress (for memory accounting). */
  get openCalls(): number {
    return this.calls.size;
  }

  /** The stimulus record `r` (at `index`) is, if any; the tracker's state follows the record either way. */
  push(r: TraceRecord, index: number): Stimulus | undefined {
    if (r.name === NOT_SENT_MARKER) this.notSent(r);
    if (r.sync || r.summary || r.context || r.kind === 'other') return undefined;
    if (r.kind === 'request') return this.request(r, index);
    return this.event(r, index);
  }

  private request(r: TraceRecord, index: number): Stimulus {
    const call = connIdOf(r);
    const s = this.stimulus(r, index, r.name, r.attributes, 'request', `${r.name} (${r.source})`, call);
    const thisDn = typeof r.attributes.ThisDN === 'string' ? r.attributes.ThisDN : undefined;
    if (thisDn) {
      if (HOLDING_REQUESTS.has(r.name)) this.holding.set(thisDn, { at: index, name: r.name });
      else this.holding.delete(thisDn);
    }
    if (call) this.releasesOthers(r.name, call, thisDn, r.attributes, msOf(r.time));
    else if (thisDn) this.creating.set(thisDn, s);
    return s;
  }

  private event(r: TraceRecord, index: number): Stimulus | undefined {
    const dn = r.dn ?? (typeof r.attributes.ThisDN === 'string' ? r.attributes.ThisDN : undefined);
    const conn = connIdOf(r);
    const ref = referenceOf(r.attributes);
    const logged = ref !== undefined ? this.byReference.get(ref) : undefined;
    let s: Stimulus | undefined;
    if (logged && index - logged.at <= REQUEST_WINDOW) {
      logged.call ??= conn;
    } else if (dn && ((conn && this.reachedByCaller(r, dn, conn, index)) || (r.name === 'EventDialing' && this.answersCreating(dn, conn, index)))) {
      // the call of a logged act whose events carry no ReferenceID: an outside caller's call at the DN
      // it called, a dialling that does not echo the request (an API that does not carry ReferenceIDs)
    } else if (dn && this.infer) {
      s = this.partyAction(r, index, dn, conn, ref);
    }
    if (dn && conn) this.follow(r, dn, conn);
    return s;
  }

  /** The party action (or unlogged request) the event shows, if it is one. */
  private partyAction(r: TraceRecord, index: number, dn: string, conn: string | undefined, ref: number | undefined): Stimulus | undefined {
    const call = conn ? this.calls.get(conn) : undefined;
    if (ref === undefined && this.consequence(r, dn, index, call)) return undefined;
    const state = call?.parties.get(dn);
    const make = (a: Action): Stimulus => this.stimulus(r, index, a.name, a.attributes, ref === undefined ? 'phone' : 'unlogged',
      `${a.what} (${r.name}${ref === undefined ? ' without ReferenceID' : ` with ReferenceID ${ref}, no logged request`}, ${r.source})`, conn);
    if (r.name === 'EventReleased') {
      if (state === undefined || !call) return ref === undefined ? undefined : this.unlogged(r, index, dn, conn, ref);
      return this.release(dn, conn, call, state, make, msOf(r.time));
    }
    const action = this.bargeIn(r.name, dn, state, call) ?? RECOGNISE[r.name]?.({ dn, conn, state, r }) ?? (this.isNewCall(conn) ? callIn(r, dn) : undefined);
    if (action) return make(action);
    return ref === undefined ? undefined : this.unlogged(r, index, dn, conn, ref);
  }

  /** Whether `conn` is a call not seen yet (nor one handed on to a DN it has not reached yet). */
  private isNewCall(conn: string | undefined): conn is string {
    return conn !== undefined && !this.calls.has(conn) && !this.handedOn.has(conn);
  }

  /** Another phone of a shared line joining the call its line is talking on (GenEM, Shared Call Appearance, barge-in). */
  private bargeIn(name: string, dn: string, state: PartyState | undefined, call: CallInProgress | undefined): Action | undefined {
    if (name !== 'EventEstablished' || state !== undefined || !call || !this.appearances.has(dn) || ![...call.parties.values()].includes('Established')) return undefined;
    return { name: 'Phone.BargesInOnSharedLine', what: `${dn} joined the call on its shared line`, attributes: { ThisDN: dn } };
  }

  /**
   * A logged outside caller's call (`Party.CallsIn`, what a harness recording logs for "Olivia calls
   * Bob") takes the first new call to reach the DN it called: ringing, queued or at a routing point.
   * Nothing of that call echoes the act's ReferenceID (no client asked for it).
   */
  private reachedByCaller(r: TraceRecord, dn: string, conn: string, index: number): boolean {
    const creating = this.creating.get(dn);
    if (!creating || creating.name !== 'Party.CallsIn' || creating.call !== undefined || index - creating.at > REQUEST_WINDOW) return false;
    const state = STATE_AFTER[r.name];
    if (!state || state === 'Dialing' || this.calls.has(conn)) return false;
    creating.call = conn;
    return true;
  }

  /**
   * An event without ReferenceID that follows from an earlier act, not a party's act: a request's
   * holding or release, an observer's connection, and what a DN shows a moment after its own act
   * (no person acts again that soon: a retrieve 3 ms after a hold is the switch's).
   */
  private consequence(r: TraceRecord, dn: string, index: number, call: CallInProgress | undefined): boolean {
    const name = r.name;
    if (this.heldByRequest(name, dn, index) || (name === 'EventEstablished' && call?.observers.has(dn) === true)) return true;
    return OWN_ACTS.has(name) && call !== undefined && justActed(call, dn, msOf(r.time));
  }

  /**
   * An EventHeld or EventRetrieved without ReferenceID at a DN just after its own request that holds
   * or retrieves as part of its function (a consultation holds the main call; alternating and
   * reconnecting retrieve it), or an EventReleased after one that releases one of its calls
   * (completing a transfer releases the transferred call at the requester): that request's
   * consequence, not the party pressing hold or hanging up on the phone.
   * The switch need not echo the request's ReferenceID on it (the QA model of SIP Server puts it on
   * the consultation's EventDialing only); taken for a phone act, it cut the request's events short.
   */
  private heldByRequest(name: string, dn: string, index: number): boolean {
    const by = this.holding.get(dn);
    if (!by || index - by.at > CONSEQUENCE_WINDOW) return false;
    return name === 'EventHeld' || name === 'EventRetrieved' || (name === 'EventReleased' && RELEASING_REQUESTS.has(by.name));
  }

  /** A harness recording's note that the request with this ReferenceID was refused by the adapter, never sent. */
  private notSent(r: TraceRecord): void {
    const ref = referenceOf(r.attributes);
    const s = ref === undefined ? undefined : this.byReference.get(ref);
    if (s) s.refused = typeof r.attributes.reason === 'string' ? r.attributes.reason : 'refused by the adapter';
  }

  /** The dialling of a logged request that does not echo its ReferenceID (it takes the call). */
  private answersCreating(dn: string, conn: string | undefined, index: number): boolean {
    const creating = this.creating.get(dn);
    // An outside caller's call reaches the DN (reachedByCaller); it is not the DN dialling.
    if (!creating || creating.name === 'Party.CallsIn' || creating.call !== undefined || index - creating.at > REQUEST_WINDOW) return false;
    creating.call = conn;
    return true;
  }

  /** The answer to a request the log does not show: that request. */
  private unlogged(r: TraceRecord, index: number, dn: string, conn: string | undefined, ref: number): Stimulus {
    return this.stimulus(r, index, consultation(r) ? 'UnloggedRequest' : ANSWERS[r.name] ?? 'UnloggedRequest', { ThisDN: dn, ...(conn ? { ConnID: conn } : {}) }, 'unlogged', `a request the log does not show (${r.name} with ReferenceID ${ref}, ${r.source})`, conn);
  }

  /** A release at `dn`: a hang-up, unless it is the consequence of another party's act or nobody can tell. */
  private release(dn: string, conn: string | undefined, call: CallInProgress, state: PartyState, make: (a: Action) => Stimulus, ms: number | undefined): Stimulus | undefined {
    if (call.releasedByOthers.delete(dn)) return undefined;
    if (call.hungUpAt !== undefined && ms !== undefined && ms - call.hungUpAt <= HUMAN_ACT_MS) return undefined;
    // Alone on the call: the far end may have hung up as well as this DN, unless this DN was still dialling.
    if (call.parties.size < 2 && state !== 'Dialing' && state !== 'Busy') return undefined;
    const s = make({ name: 'RequestReleaseCall', what: `${dn} hung up`, attributes: onCall(dn, conn) });
    if (conn) this.releasesOthers('RequestReleaseCall', conn, dn, {}, ms);
    return s;
  }

  /**
   * After `name` by `dn` on `conn`: the releases that follow are consequences — the other party of
   * a two-party call, the deleted conference member, everyone of a cleared call.
   */
  private releasesOthers(name: string, conn: string, dn: string | undefined, attributes: Readonly<Record<string, RawValue>>, ms: number | undefined): void {
    if (!ENDS_OTHERS.test(name)) return;
    const call = this.calls.get(conn);
    if (!call) return;
    const others = [...call.parties.keys()].filter((p) => p !== dn);
    if (name === 'RequestDeleteFromConference') {
      if (typeof attributes.OtherDN === 'string') call.releasedByOthers.add(attributes.OtherDN);
    } else if (name === 'RequestClearCall' || others.length <= 1) {
      for (const p of others) call.releasedByOthers.add(p);
    } else if (name === 'RequestReleaseCall') {
      call.hungUpAt = ms;
    }
  }

  /** Who is on which call, after the event. */
  private follow(r: TraceRecord, dn: string, conn: string): void {
    if (r.attributes.Extensions !== undefined && hasAppearanceIndex(r.attributes.Extensions)) this.appearances.add(dn);
    if (r.name === 'EventPartyChanged' && typeof r.attributes.PreviousConnID === 'string') {
      const previous = this.calls.get(r.attributes.PreviousConnID.toLowerCase());
      const state = previous?.parties.get(dn);
      if (previous && state) {
        previous.parties.delete(dn);
        if (previous.parties.size === 0) this.calls.delete(r.attributes.PreviousConnID.toLowerCase());
        this.callOf(conn).parties.set(dn, state);
      }
      return;
    }
    if (LEAVES.has(r.name)) {
      const call = this.calls.get(conn);
      if (!call) return;
      call.parties.delete(dn);
      if (call.parties.size === 0) {
        this.calls.delete(conn);
        // Handed on (a single-step transfer of an outside caller's call, a redirect): the call goes on
        // at a DN it has not reached yet; its ringing there is not a new call.
        if (handsOn(r.attributes)) this.handedOn.set(conn, true);
      }
      return;
    }
    const state = STATE_AFTER[r.name];
    if (!state) return;
    const call = this.callOf(conn);
    alerting(call, r, dn);
    call.parties.set(dn, state);
  }

  private callOf(conn: string): CallInProgress {
    let call = this.calls.get(conn);
    if (!call) {
      call = { parties: new Map(), releasedByOthers: new Set(), observers: new Set() };
      this.calls.set(conn, call);
    }
    return call;
  }

  private stimulus(r: TraceRecord, index: number, name: string, attributes: Readonly<Record<string, RawValue>>, origin: StimulusOrigin, description: string, call: string | undefined): Stimulus {
    const referenceId = referenceOf(r.attributes);
    const s: Stimulus = { at: index, name, attributes, origin, source: r.source, description, referenceId, dns: dnsOf(attributes), call, ...(r.envelope ? { envelope: r.envelope } : {}) };
    // The call's last act: a DN's own (not an outside party's at it: Party.*), and when.
    const ms = msOf(r.time);
    const on = call === undefined ? undefined : this.calls.get(call);
    if (on) on.lastAct = typeof attributes.ThisDN === 'string' && ms !== undefined && !name.startsWith('Party.') ? { dn: attributes.ThisDN, ms } : undefined;
    if (referenceId !== undefined) {
      this.byReference.set(referenceId, s);
    }
    return s;
  }
}

/** A release that hands the call on to another DN (ThirdPartyDN, CallState Transferred, Redirected or Forwarded). */
function handsOn(attributes: Readonly<Record<string, RawValue>>): boolean {
  if (typeof attributes.ThirdPartyDN === 'string' && attributes.ThirdPartyDN) return true;
  return HANDED_ON.has(enumNameOf('CallState', attributes.CallState) ?? '');
}

/**
 * What ringing and answering tell of the call's other parties: answered where it was ringing, the
 * call stops ringing elsewhere ({@link stopsRinging}); alerted as its observer (a supervisor's
 * monitoring leg), the DN's connection follows from the call it observes — the model lists the
 * observer's EventRinging and EventEstablished as consequences of the monitored party's answer.
 */
function alerting(call: CallInProgress, r: TraceRecord, dn: string): void {
  if (r.name === 'EventEstablished' && call.parties.get(dn) === 'Ringing') stopsRinging(call, dn);
  else if (r.name === 'EventRinging' && enumNameOf('DNRole', r.attributes.ThisDNRole) === 'Observer') call.observers.add(dn);
}

/** Whether the last act on the call was `dn`'s own, less than {@link HUMAN_ACT_MS} before `ms`, nobody else's act between. */
function justActed(call: CallInProgress, dn: string, ms: number | undefined): boolean {
  const last = call.lastAct;
  return last !== undefined && last.dn === dn && ms !== undefined && ms - last.ms < HUMAN_ACT_MS;
}

/**
 * `dn` answered where the call was ringing: the call stops ringing at the other DNs it rang at (a
 * shared line's other appearances, the other members of a hunt group); their releases follow from it.
 */
function stopsRinging(call: CallInProgress, dn: string): void {
  for (const [other, was] of call.parties) if (other !== dn && was === 'Ringing') call.releasedByOthers.add(other);
}

/**
 * Whether a key-value list (Extensions, as the readers give it: [{key, value}…]) holds
 * AppearanceIndex, which SIP Server gives only on a shared line's appearances (GenEM, Shared Call
 * Appearance; digest 1 §3.8).
 */
export function hasAppearanceIndex(list: unknown): boolean {
  return Array.isArray(list) && list.some((kv) => typeof kv === 'object' && kv !== null && (kv as { key?: unknown }).key === 'AppearanceIndex');
}

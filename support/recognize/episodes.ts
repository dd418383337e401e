/**
 * A stream of log records split into calls, as they come: the records of one call are its ConnID's,
 * those of the ConnIDs linked to it (PreviousConnID, TransferConnID, the same CallUUID), the
 * requests that made or acted on it (by ConnID, or by the ReferenceID its events echo), and — since
 * a scenario's history can span two ConnIDs — the calls its parties were on at the same time (a
 * consultation made with RequestMakeCall while the first call is held, a call to a busy party). A
 * call is complete once none of its DNs is on it any more and a few more records brought nothing
 * for it; it is then handed on, and forgotten. Memory holds the calls in progress only.
 */
import { connIdOf, dnsOf, referenceOf } from '../trace/stimuli';
import { msOf, type TraceRecord } from '../trace/record';

export interface Episode {
  readonly id: number;
  readonly records: TraceRecord[];
  /** Each record's place in the stream (records of merged calls, and late requests, are put back in order). */
  readonly order: number[];
  /** Each record's log time (ms; NaN without one). */
  readonly times: number[];
  /** ConnID → the DNs on it now. */
  readonly active: Map<string, Set<string>>;
  /** Every ConnID, CallUUID and ReferenceID of the call (to forget them with it). */
  readonly conns: Set<string>;
  readonly uuids: Set<string>;
  readonly references: Set<number>;
  /** The DNs it had on a call (to forget them with it). */
  readonly dns: Set<string>;
  /** The record count (of the stream) when none of its DNs was on it any more; undefined while it goes on. */
  endedAt: number | undefined;
  /** The latest log time of its records (ms), for idle expiry. */
  lastTime: number | undefined;
}

const ON_CALL = new Set(['EventDialing', 'EventNetworkReached', 'EventRinging', 'EventEstablished', 'EventRetrieved', 'EventHeld', 'EventDestinationBusy', 'EventQueued', 'EventRouteRequest']);
const OFF_CALL = new Set(['EventReleased', 'EventAbandoned', 'EventDiverted', 'EventRouteUsed']);

/** Records after the end of a call in which a late record of it still joins it. */
export const GRACE_RECORDS = 200;
/** Requests waiting for a call (no ConnID yet, their DN on no call) are kept this many records. */
const PENDING_RECORDS = 2000;

export class EpisodeSplitter {
  private next: number;
  private count = 0;
  private readonly byConn = new Map<string, Episode>();
  private readonly byUuid = new Map<string, Episode>();
  private readonly byRef = new Map<number, Episode>();
  /** DNs on a call of an episode now. */
  private readonly byDn = new Map<string, Episode>();
  private readonly open = new Set<Episode>();
  /** Open episodes nobody is on any more, waiting out their grace. */
  private readonly ended = new Set<Episode>();
  /** Requests by a DN that is on no call yet (a RequestMakeCall before its EventDialing), with when. */
  private readonly pending = new Map<string, { readonly record: TraceRecord; readonly at: number }[]>();
  /** Records that belong to no call (agent state of an idle DN, registrations, requests nothing followed). */
  outside = 0;

  /**
   * `complete` gets each call when it is done; `links(dn)` says whether a DN being on two calls at
   * once makes them one (a device does; an ACD queue or a routing point holds many calls, and
   * does not).
   */
  /** `firstId`: the number of its first call (a splitter that continues another's numbering). */
  constructor(private readonly complete: (episode: Episode, finished: boolean) => void, private readonly links: (dn: string) => boolean = () => true, firstId = 1) {
    this.next = firstId;
  }

  /** The number its next call gets. */
  get nextId(): number {
    return this.next;
  }

  /** The episodes in progress (their records are what memory holds). */
  get inProgress(): number {
    return this.open.size;
  }

  /** The records not yet handed on: those of the calls in progress, and requests waiting for a call. */
  *held(): Iterable<TraceRecord> {
    for (const e of this.open) yield* e.records;
    for (const list of this.pending.values()) for (const p of list) yield p.record;
  }

  /** One record, with its log time in ms (msOf(r.time)) when it has one. */
  push(r: TraceRecord, time?: number): void {
    this.count += 1;
    if (r.sync || r.summary || r.kind === 'other') return;
    const episode = this.route(r);
    if (episode) {
      if (r.kind === 'event') this.adoptWaiting(episode, r);
      this.add(episode, r, this.count, time);
    }
    this.judgeEnded();
  }

  /** End of input: every call still open is handed on (`finished` false when some DN is still on it). */
  flush(): void {
    for (const e of [...this.open]) this.finish(e);
    this.outside += [...this.pending.values()].reduce((n, list) => n + list.length, 0);
    this.pending.clear();
  }

  /** Hands on the calls no record touched since `nowMs - idleMs` of log time (judged as they are). */
  expireIdle(nowMs: number, idleMs: number): void {
    for (const e of [...this.open]) if (e.lastTime !== undefined && e.lastTime < nowMs - idleMs) this.finish(e);
  }

  private route(r: TraceRecord): Episode | undefined {
    // Usually one episode or none: collected without allocating, a list only when calls join.
    let found: Episode | undefined;
    let more: Episode[] | undefined;
    const add = (e: Episode | undefined): void => {
      if (!e || e === found || !this.open.has(e)) return;
      if (!found) found = e;
      else if (!more) more = [e];
      else if (!more.includes(e)) more.push(e);
    };
    const conn = connIdOf(r);
    this.related(r, conn, add);
    if (!found) return this.start(r, conn);
    if (!more) return found;
    const all = [found, ...more].sort((x, y) => x.id - y.id);
    const first = all[0] as Episode;
    for (const other of all.slice(1)) this.merge(first, other);
    return first;
  }

  /** The episodes a record names: by ConnID and the ConnIDs it links, CallUUID, ReferenceID, and a DN on a call now. */
  private related(r: TraceRecord, conn: string | undefined, add: (e: Episode | undefined) => void): void {
    const a = r.attributes;
    if (conn) add(this.byConn.get(conn));
    // Each attribute in turn, not arrays of them: this runs for every record.
    const previous = a.PreviousConnID;
    if (typeof previous === 'string' && previous) add(this.byConn.get(previous.toLowerCase()));
    const transfer = a.TransferConnID;
    if (typeof transfer === 'string' && transfer) add(this.byConn.get(transfer.toLowerCase()));
    if (typeof a.CallUUID === 'string') add(this.byUuid.get(a.CallUUID));
    const ref = referenceOf(a);
    if (ref !== undefined) add(this.byRef.get(ref));
    if (r.kind === 'request') {
      for (const dn of dnsOf(a)) this.onCallAt(dn, add);
    } else {
      this.onCallAt(r.dn, add);
      this.onCallAt(a.OtherDN, add);
    }
  }

  /** The episode `dn` is on a call of now, when a DN there links calls. */
  private onCallAt(dn: unknown, add: (e: Episode | undefined) => void): void {
    if (typeof dn === 'string' && this.byDn.has(dn) && this.links(dn)) add(this.byDn.get(dn));
  }

  /** A record of no call in progress: a new call (an event with a ConnID), or a request waiting for one. */
  private start(r: TraceRecord, conn: string | undefined): Episode | undefined {
    const thisDn = typeof r.attributes.ThisDN === 'string' ? r.attributes.ThisDN : r.dn;
    if (r.kind === 'request') {
      if (thisDn) {
        const list = this.pending.get(thisDn) ?? [];
        list.push({ record: r, at: this.count });
        this.pending.set(thisDn, list);
      } else this.outside += 1;
      return undefined;
    }
    if (!conn || !thisDn) {
      this.outside += 1;
      return undefined;
    }
    const e: Episode = { id: this.next++, records: [], order: [], times: [], active: new Map(), conns: new Set(), uuids: new Set(), references: new Set(), dns: new Set(), endedAt: undefined, lastTime: undefined };
    this.open.add(e);
    return e;
  }

  /** The requests the event's DNs sent while on no call (a RequestMakeCall is logged before its EventDialing) join its call. */
  private adoptWaiting(e: Episode, r: TraceRecord): void {
    if (this.pending.size === 0) return;
    // Its DN, then the other DN (not an array of them: this runs for every event).
    const byDn = this.adopt(e, r.dn);
    const byOther = this.adopt(e, r.attributes.OtherDN);
    if (byDn || byOther) this.sort(e);
  }

  /** The requests `dn` sent while on no call, added to `e`; whether there were any still waiting. */
  private adopt(e: Episode, dn: unknown): boolean {
    const waiting = typeof dn === 'string' ? this.pending.get(dn) : undefined;
    // (a waiting request's time is read again: requests are few)
    if (!waiting || typeof dn !== 'string') return false;
    this.pending.delete(dn);
    let adopted = false;
    for (const w of waiting) {
      if (this.count - w.at > PENDING_RECORDS) continue;
      this.add(e, w.record, w.at, msOf(w.record.time));
      adopted = true;
    }
    return adopted;
  }

  private sort(e: Episode): void {
    const sorted = e.records.map((r, i) => ({ r, at: e.order[i] ?? 0, time: e.times[i] ?? NaN })).sort((a, b) => a.at - b.at);
    e.records.length = 0;
    e.order.length = 0;
    e.times.length = 0;
    for (const x of sorted) {
      e.records.push(x.r);
      e.order.push(x.at);
      e.times.push(x.time);
    }
  }

  private add(e: Episode, r: TraceRecord, at: number, time: number | undefined): void {
    e.records.push(r);
    e.order.push(at);
    e.times.push(time ?? NaN);
    if (time !== undefined) e.lastTime = time;
    const conn = connIdOf(r);
    if (conn) {
      e.conns.add(conn);
      this.byConn.set(conn, e);
    }
    if (typeof r.attributes.CallUUID === 'string') {
      e.uuids.add(r.attributes.CallUUID);
      this.byUuid.set(r.attributes.CallUUID, e);
    }
    const ref = referenceOf(r.attributes);
    if (ref !== undefined && r.kind === 'request') {
      e.references.add(ref);
      this.byRef.set(ref, e);
    }
    if (r.kind === 'event' && r.dn && conn) this.follow(e, r, r.dn, conn);
  }

  /** Who is on which of the episode's calls after the event; an episode nobody is on any more has ended. */
  private follow(e: Episode, r: TraceRecord, dn: string, conn: string): void {
    if (r.name === 'EventPartyChanged' && typeof r.attributes.PreviousConnID === 'string') {
      e.active.get(r.attributes.PreviousConnID.toLowerCase())?.delete(dn);
      this.on(e, conn).add(dn);
    } else if (ON_CALL.has(r.name)) this.on(e, conn).add(dn);
    else if (OFF_CALL.has(r.name)) e.active.get(conn)?.delete(dn);
    else return;
    e.dns.add(dn);
    let stillOn = false;
    let anyone = false;
    for (const set of e.active.values()) {
      if (set.size) anyone = true;
      if (set.has(dn)) stillOn = true;
    }
    if (stillOn) this.byDn.set(dn, e);
    else if (this.byDn.get(dn) === e) this.byDn.delete(dn);
    if (!anyone) {
      e.endedAt ??= this.count;
      this.ended.add(e);
    } else if (e.endedAt !== undefined) {
      e.endedAt = undefined;
      this.ended.delete(e);
    }
  }

  private on(e: Episode, conn: string): Set<string> {
    let set = e.active.get(conn);
    if (!set) {
      set = new Set();
      e.active.set(conn, set);
    }
    return set;
  }

  private merge(into: Episode, from: Episode): void {
    into.records.push(...from.records);
    into.order.push(...from.order);
    into.times.push(...from.times);
    this.sort(into);
    for (const [c, set] of from.active) {
      const target = into.active.get(c) ?? new Set<string>();
      for (const dn of set) target.add(dn);
      into.active.set(c, target);
    }
    for (const c of from.conns) { into.conns.add(c); this.byConn.set(c, into); }
    for (const u of from.uuids) { into.uuids.add(u); this.byUuid.set(u, into); }
    for (const r of from.references) { into.references.add(r); this.byRef.set(r, into); }
    for (const dn of from.dns) {
      into.dns.add(dn);
      if (this.byDn.get(dn) === from) this.byDn.set(dn, into);
    }
    if (from.lastTime !== undefined && (into.lastTime === undefined || from.lastTime > into.lastTime)) into.lastTime = from.lastTime;
    this.open.delete(from);
    this.ended.delete(from);
  }

  /** The ended episodes whose grace has passed. */
  private judgeEnded(): void {
    if (this.count % 16 !== 0) return;
    for (const e of [...this.ended]) if (e.endedAt !== undefined && this.count - e.endedAt > GRACE_RECORDS) this.finish(e);
    for (const [dn, list] of this.pending) {
      const kept = list.filter((w) => this.count - w.at <= PENDING_RECORDS);
      this.outside += list.length - kept.length;
      if (kept.length) this.pending.set(dn, kept);
      else this.pending.delete(dn);
    }
  }

  private finish(e: Episode): void {
    this.open.delete(e);
    this.ended.delete(e);
    for (const c of e.conns) if (this.byConn.get(c) === e) this.byConn.delete(c);
    for (const u of e.uuids) if (this.byUuid.get(u) === e) this.byUuid.delete(u);
    for (const r of e.references) if (this.byRef.get(r) === e) this.byRef.delete(r);
    for (const dn of e.dns) if (this.byDn.get(dn) === e) this.byDn.delete(dn);
    this.complete(e, e.endedAt !== undefined);
  }
}

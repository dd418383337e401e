/**
 * What a call of a log is judged with besides its own records: the state its DNs were in before it
 * (an agent's login, do-not-disturb, forwarding, a supervisor monitoring them). `npm run recognize`
 * keeps it as it reads; a feed sends each call thread with its DNs' state events, so a monitor's
 * worker judges the call as recognize does (support/stream/callThreads.ts).
 */
import { isDnStateEvent } from '../trace/logIndex';
import type { TraceRecord } from '../trace/record';

/**
 * The last few events of each DN's state outside any call (its agent's login, do-not-disturb,
 * forwarding, monitoring), to give a call of a log the state its DNs were in before it: a call is
 * judged on its own records, and "becoming ready without being logged in" must not be judged on an
 * agent the log showed logging in earlier. Bounded: a few per DN and kind.
 */
export class DnStateTail {
  /** DN → kind of state (agent, do-not-disturb, forwarding…) → its last few events: a call looks up its own DNs only. */
  private readonly byDn = new Map<string, Map<string, TraceRecord[]>>();

  note(r: TraceRecord): void {
    if (r.kind !== 'event' || !r.dn || !isDnStateEvent(r.name)) return;
    let kinds = this.byDn.get(r.dn);
    if (!kinds) {
      kinds = new Map();
      this.byDn.set(r.dn, kinds);
    }
    const kind = r.name.replace(/(On|Off|Set|Cancel|Cancelled|NextCall|Login|Logout|Ready|NotReady|AfterCallWork)$/, '');
    const tail = kinds.get(kind) ?? [];
    tail.push(r);
    if (tail.length > 4) tail.shift();
    kinds.set(kind, tail);
  }

  /**
   * The state events of the DNs a call's `records` name (see {@link dnsNamed}), up to its last line,
   * that are not records of its own: in log order, marked as context (never a stimulus).
   */
  contextOf(records: readonly TraceRecord[]): TraceRecord[] {
    const line = records[records.length - 1]?.line ?? 0;
    const out: TraceRecord[] = [];
    for (const dn of dnsNamed(records)) {
      for (const tail of this.byDn.get(dn)?.values() ?? []) {
        for (const r of tail) if (r.line <= line && !records.some((own) => own.line === r.line && own.name === r.name)) out.push({ ...r, context: true });
      }
    }
    return out.sort((a, b) => a.line - b.line);
  }
}

/**
 * The DNs a call's records name: those with events, and those the call reached or was asked of
 * without an event of their own (the OtherDN a caller dialled, the ThisDN of a request) — a
 * destination with do-not-disturb on gets no event of the call, and its state is what explains it.
 */
export function dnsNamed(records: readonly TraceRecord[]): Set<string> {
  const dns = new Set<string>();
  for (const r of records) {
    if (r.dn) dns.add(r.dn);
    for (const k of ['ThisDN', 'OtherDN'] as const) {
      const v = r.attributes[k];
      if (typeof v === 'string' && v) dns.add(v);
    }
  }
  return dns;
}

/**
 * What a desktop knows about its calls, derived only from observed events (so it works the same with
 * the simulator and a real system): per DN, each ConnID with its state and the other party.
 * Stimulus steps use it to fill in ConnIDs ("Bob answers" → the call ringing at Bob).
 */
import type { ObservedEvent } from '../model/event';

/** `Queued`: the call waits on a queue or routing point DN (EventQueued / EventRouteRequest). */
export type CallState = 'Dialing' | 'Ringing' | 'Established' | 'Held' | 'Busy' | 'Queued';

export interface KnownCall {
  readonly connId: string;
  state: CallState;
  otherDn?: string;
}

const STATE_AFTER: Readonly<Record<string, CallState>> = {
  EventDialing: 'Dialing',
  EventRinging: 'Ringing',
  EventEstablished: 'Established',
  EventRetrieved: 'Established',
  EventHeld: 'Held',
  EventDestinationBusy: 'Busy',
  EventQueued: 'Queued',
  EventRouteRequest: 'Queued',
};

export class CallView {
  private readonly calls = new Map<string, Map<string, KnownCall>>();
  private readonly seen = new Set<string>();

  apply(event: ObservedEvent): void {
    const connId = typeof event.attributes.ConnID === 'string' ? event.attributes.ConnID : undefined;
    if (!connId) return;
    this.seen.add(connId);
    const onDn = this.calls.get(event.dn) ?? new Map<string, KnownCall>();
    this.calls.set(event.dn, onDn);
    const other = event.attributes.OtherDN;
    // EventDiverted / EventRouteUsed: the call left the queue or routing point.
    if (['EventReleased', 'EventAbandoned', 'EventDiverted', 'EventRouteUsed'].includes(event.name)) {
      onDn.delete(connId);
      return;
    }
    if (event.name === 'EventPartyChanged') {
      const previous = event.attributes.PreviousConnID;
      const known = typeof previous === 'string' ? onDn.get(previous) : undefined;
      if (known && previous !== connId) {
        onDn.delete(previous as string);
        onDn.set(connId, { ...known, connId });
      }
      return;
    }
    const state = STATE_AFTER[event.name];
    if (!state) return;
    const known = onDn.get(connId) ?? { connId, state };
    known.state = state;
    if (typeof other === 'string') known.otherDn = other;
    onDn.set(connId, known);
  }

  /** Calls on `dn`, optionally only those in `states` and/or with `otherDn`. Newest last. */
  find(dn: string, filter: { states?: readonly CallState[]; otherDn?: string } = {}): KnownCall[] {
    return [...(this.calls.get(dn)?.values() ?? [])].filter((c) =>
      (!filter.states || filter.states.includes(c.state)) && (!filter.otherDn || c.otherDn === filter.otherDn));
  }

  /** Forget every call (a replay starting again on another part of the recording). */
  clear(): void {
    this.calls.clear();
    this.seen.clear();
  }

  /** Every ConnID ever seen, to make up one that certainly does not exist. */
  allConnIds(): string[] {
    return [...this.seen];
  }
}

/**
 * Events a model leaves optional: the Genesys QA model of SIP Server says of some events that they
 * "may be" sent (an ACD queue's EventDiverted on overflow, "optional within 3 s"): their absence is
 * not an error, and when they come they must be right. A table of such events ("Sales may also
 * receive, in order:") is one optional unit on one DN:
 *
 * - none of its events arrived on the DN (no unconsumed event there bears a name the table names):
 *   it holds, and takes nothing;
 * - some did: they are matched as a required table on that DN alone (the same ordering rule), so
 *   a wrong attribute, a wrong order or half the unit missing is not conformant.
 *
 * A second copy, and events of other names on the DN, are not the table's: they stay for the events
 * nobody expected.
 *
 * Also here, as the other thing that decides which observed events a table is matched against: the
 * events a scenario lets pass unjudged (`@extras-allowed[:party]`, {@link withoutAllowedExtras}).
 */
import type { ObservedEvent } from '../model/event';
import { matchSequence, type SequenceInput, type SequenceOutcome } from './sequence';

/** The input restricted to what an optional table is about: its DN's events of the names it names. */
export function optionalScope(input: SequenceInput): SequenceInput {
  const names = new Set(input.rows.map((r) => r.event));
  const dns = new Set(input.rows.map((r) => input.resolveDn(r.dn ?? input.defaultDn ?? '')));
  const observed = input.observed.filter((e: ObservedEvent) => dns.has(e.dn) && names.has(e.name));
  return { ...input, observed };
}

/** Match an optional table: `matched` with nothing assigned when none of its events came. */
export function matchOptional(input: SequenceInput): SequenceOutcome {
  const scoped = optionalScope(input);
  if (scoped.observed.length === 0) return { kind: 'matched', assignment: new Map(), bindings: input.bindings };
  return matchSequence(scoped);
}

/** Whether an optional table's events came at all (`matchOptional` matched them) or not. */
export function receivedNone(outcome: SequenceOutcome): boolean {
  return outcome.kind === 'matched' && outcome.assignment.size === 0;
}

/** A table's match, optional or required: one choice for the world, the log judge and the mutation checks. */
export function matchExpectation(input: SequenceInput, optional: boolean | undefined): SequenceOutcome {
  return optional ? matchOptional(input) : matchSequence(input);
}

/** What a table that did not match is diagnosed on: an optional table's own DN and events. */
export function diagnosable(input: SequenceInput, optional: boolean | undefined): SequenceInput {
  return optional ? optionalScope(input) : input;
}

/**
 * The input without the events a scenario lets pass unjudged (`@extras-allowed`, or
 * `@extras-allowed:<party>` for those DNs): on such a DN only the events whose names the table gives
 * it are matched, so an unjudged event before them does not shift the DN's rows. `allowedDns`
 * undefined: every DN (the whole scenario allows extras). `outside`: events outside the scenario's
 * models (support/world/parties.ts `outsideModel`: an agent-state event at a DN cast as no agent's,
 * a reported handset event) are left out on every DN unless the table names them there — a phone's
 * EventOffHook before its EventDialing does not shift the caller's rows.
 */
export function withoutAllowedExtras(input: SequenceInput, allowedDns: ReadonlySet<string> | undefined, outside?: (e: ObservedEvent) => boolean): SequenceInput {
  // The common case (no party allows extras, no event outside the models) costs one pass, no map.
  if (allowedDns?.size === 0 && !(outside && input.observed.some(outside))) return input;
  const named = new Map<string, Set<string>>();
  for (const r of input.rows) {
    const dn = input.resolveDn(r.dn ?? input.defaultDn ?? '');
    const names = named.get(dn) ?? new Set<string>();
    names.add(r.event);
    named.set(dn, names);
  }
  const judgedHere = (e: ObservedEvent): boolean => {
    const names = named.get(e.dn);
    if (outside?.(e) && !names?.has(e.name)) return false;
    if (allowedDns && !allowedDns.has(e.dn)) return true;
    return names === undefined || names.has(e.name);
  };
  const observed = input.observed.filter(judgedHere);
  return observed.length === input.observed.length ? input : { ...input, observed };
}

/**
 * Mutant generation from one recorded clean run: one fault per event the stimulus caused (drop,
 * duplicate, delay, swap with the next event of its DN, each asserted attribute changed to another
 * legal value, ConnID linkage replaced) and one unexpected event per monitored DN.
 *
 * An attribute is changed only to a value that the asserting table cells reject: a value the
 * documented model allows (`Ok or Conferenced`, `any`) is no deviation, so it is not a mutant.
 * Which values are legal comes from the catalogue (enum values, the cast's DNs, ConnIDs of the run).
 */
import { lookupAttribute } from '../model/catalogue';
import { checkEventRules, EVENT_RULES, type ValueType } from '../model/eventRules';
import { enumNames } from '../model/enums';
import { PROTOCOLS, type AttrValue, type ObservedEvent } from '../model/event';
import { matchCell, show, type Bindings } from '../matching/cells';
import { cellValue, parseExpectationTable, type ExpectedRow } from '../matching/expectation';
import { faultId, type FaultDescriptor } from '../simulator/faults';
import type { ScenarioRecording } from './recording';
import { tableCases } from './reorder';

export interface Mutant {
  readonly id: string;
  readonly fault: FaultDescriptor;
}

export interface ScenarioContext {
  readonly resolveDn: (ref: string) => string;
  readonly bindings: Bindings;
  readonly stimulus: readonly ObservedEvent[];
  /** Expected rows of every table, with the DN each is about. */
  readonly rows: readonly (ExpectedRow & { readonly dnResolved: string })[];
}

export function contextOf(rec: ScenarioRecording): ScenarioContext {
  const byName = new Map(rec.parties.map((p) => [p.name, p.dn]));
  const resolveDn = (ref: string): string => byName.get(ref.replace(/'s$/, '')) ?? ref;
  const rows = rec.expectations.flatMap((x) => parseExpectationTable(x.rows, { dnColumn: x.dnColumn })
    .map((r) => ({ ...r, dnResolved: resolveDn(r.dn ?? x.party ?? '') })));
  return { resolveDn, bindings: new Map(rec.bindings), stimulus: rec.observed.filter((e) => e.seq >= rec.stimulusFrom), rows };
}

const EXTRA_EVENT = 'EventAttachedDataChanged';
const FRESH_CONNID = '00ffee0000c0ffee';

/** Every mutant of one scenario, in a stable order. `delayMs` should exceed the step timeout. */
export function generateMutants(rec: ScenarioRecording, delayMs: number): Mutant[] {
  const ctx = contextOf(rec);
  const legal = legalSwaps(rec);
  const faults: FaultDescriptor[] = [];
  for (const [i, e] of ctx.stimulus.entries()) {
    faults.push({ kind: 'drop', at: e.seq }, { kind: 'duplicate', at: e.seq }, { kind: 'delay', at: e.seq, ms: delayMs });
    const next = ctx.stimulus.slice(i + 1).find((f) => f.dn === e.dn);
    if (next && !legal(e.seq, next.seq)) faults.push({ kind: 'swap', at: e.seq, with: next.seq });
    faults.push(...attributeFaults(e, ctx, rec), ...ruleFaults(e));
  }
  const last = ctx.stimulus[ctx.stimulus.length - 1];
  if (last) {
    for (const p of rec.parties.filter((q) => q.configured && q.type !== 'External')) {
      const connId = last.attributes.ConnID;
      faults.push({ kind: 'extra', after: last.seq, dn: p.dn, name: EXTRA_EVENT, attributes: { ThisDN: p.dn, ...(connId !== undefined ? { ConnID: connId } : {}) } });
    }
  }
  return faults.map((fault) => ({ id: faultId(fault), fault }));
}

/**
 * Two events whose order the ordering rule leaves free (same table, and same `step` or an
 * any-order table): swapping them is a legal reordering — checked by the reordering property, not
 * a mutant.
 */
function legalSwaps(rec: ScenarioRecording): (a: number, b: number) => boolean {
  const place = new Map<number, { table: number; step: number; any: boolean }>();
  for (const c of tableCases(rec)) {
    for (const [seq, row] of c.rowOf) place.set(seq, { table: c.table, step: row.step, any: c.mode === 'any' });
  }
  return (a, b) => {
    const pa = place.get(a);
    const pb = place.get(b);
    return pa !== undefined && pb !== undefined && pa.table === pb.table && (pa.any || pa.step === pb.step);
  };
}

/** Attributes the tables assert for this event (rows of the same event name on the same DN). */
function assertingRows(e: ObservedEvent, ctx: ScenarioContext): ScenarioContext['rows'] {
  return ctx.rows.filter((r) => r.event === e.name && r.dnResolved === e.dn);
}

function attributeFaults(e: ObservedEvent, ctx: ScenarioContext, rec: ScenarioRecording): FaultDescriptor[] {
  const rows = assertingRows(e, ctx);
  const attributes = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.attribute)))];
  const out: FaultDescriptor[] = [];
  for (const attribute of attributes) {
    const cells = rows.flatMap((r) => r.cells.filter((c) => c.attribute === attribute));
    const rejected = (v: AttrValue): boolean => cells.every((c) => !matchCell(c.matcher, v, { bindings: ctx.bindings, resolveDn: ctx.resolveDn }).ok);
    const current = cellValue(e, attribute);
    if (isEnvelopeField(attribute)) {
      const value = envelopeCandidates(attribute, current, rec).find(rejected);
      if (value !== undefined) out.push({ kind: 'envelope', at: e.seq, field: attribute, value });
      continue;
    }
    const kind = lookupAttribute(attribute)?.kind;
    if (kind === 'connid') {
      for (const value of connIdCandidates(rec, current).filter(rejected)) out.push({ kind: 'connid', at: e.seq, attribute, value });
      continue;
    }
    const value = candidates(attribute, current, rec).find(rejected);
    if (value !== undefined) out.push({ kind: 'attribute', at: e.seq, attribute, value });
  }
  return out;
}

/** A value of the wrong type for each typed attribute of the event-level rules. */
const ILL_TYPED: Readonly<Record<ValueType, string>> = { CallType: 'NotACallType', ConnID: 'not-a-connid', CallID: 'not-an-integer' };

/**
 * Mutants for GenEM's event-level rules (support/model/eventRules.ts), whatever the tables assert:
 * each attribute whose absence breaks a rule is removed, and each typed attribute gets a value of
 * the wrong type. The scenario must fail on the rule.
 */
function ruleFaults(e: ObservedEvent): FaultDescriptor[] {
  if (checkEventRules([e]).length > 0) return [];
  const removals = Object.keys(e.attributes).filter((attribute) => {
    const attributes = { ...e.attributes };
    Reflect.deleteProperty(attributes, attribute);
    return checkEventRules([{ ...e, attributes }]).some((v) => v.attribute === attribute);
  }).map((attribute): FaultDescriptor => ({ kind: 'remove', at: e.seq, attribute }));
  const typed = EVENT_RULES.flatMap((r) => (r.kind === 'type' ? r.attributes.filter((a) => e.attributes[a] !== undefined).map((a) => ({ attribute: a, value: ILL_TYPED[r.type] })) : []));
  const retyped = typed.filter((t) => checkEventRules([{ ...e, attributes: { ...e.attributes, [t.attribute]: t.value } }]).length > 0)
    .map((t): FaultDescriptor => ({ kind: 'attribute', at: e.seq, attribute: t.attribute, value: t.value }));
  return [...removals, ...retyped];
}

const ENVELOPE_FIELDS = ['site', 'sender', 'protocol'] as const;

function isEnvelopeField(attribute: string): attribute is (typeof ENVELOPE_FIELDS)[number] {
  return (ENVELOPE_FIELDS as readonly string[]).includes(attribute);
}

/** Other sites / senders seen in the run (then an unknown one), or another protocol. */
function envelopeCandidates(field: (typeof ENVELOPE_FIELDS)[number], current: AttrValue | undefined, rec: ScenarioRecording): string[] {
  if (field === 'protocol') return PROTOCOLS.filter((p) => p !== current);
  const seen = rec.observed.map((o) => o[field]).filter((v): v is string => typeof v === 'string' && v !== current);
  return [...new Set(seen), field === 'site' ? 'Elsewhere' : 'T-Server Elsewhere'];
}

/** Another call's ConnID from the same run (wrong linkage) and a ConnID nobody has (new call). */
function connIdCandidates(rec: ScenarioRecording, current: AttrValue | undefined): string[] {
  const others = [...new Set(rec.observed.map((o) => o.attributes.ConnID).filter((c): c is string => typeof c === 'string' && c !== current))];
  return [...others.slice(0, 1), FRESH_CONNID];
}

/** Other legal values of the attribute, in a deterministic order. */
function candidates(attribute: string, current: AttrValue | undefined, rec: ScenarioRecording): AttrValue[] {
  const def = lookupAttribute(attribute);
  switch (def?.kind) {
    case 'enum': {
      const names = def.enumName ? enumNames(def.enumName) : [];
      const at = current === undefined ? -1 : names.indexOf(show(current));
      return [...names.slice(at + 1), ...names.slice(0, Math.max(0, at))];
    }
    case 'dn':
      return [...rec.parties.map((p) => p.dn).filter((dn) => dn !== current), '7999'];
    case 'int':
      return [typeof current === 'number' ? current + 1 : 1];
    case 'kvlist':
      return [[], [{ key: 'MutantKey', value: 'mutant' }]];
    default:
      return [current === undefined ? 'mutant' : `${show(current)}-mutant`];
  }
}

/** Deterministic PRNG (mulberry32): the same seed samples the same mutants on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** At most `max` mutants, chosen with the seeded PRNG but kept in generation order. */
export function sample<T>(items: readonly T[], max: number, random: () => number): T[] {
  if (items.length <= max) return [...items];
  const indexed = items.map((item, i) => ({ item, i, key: random() }));
  return indexed.sort((a, b) => a.key - b.key).slice(0, max).sort((a, b) => a.i - b.i).map((x) => x.item);
}

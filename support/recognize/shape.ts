/**
 * The shape of a call: what judging it depends on, so that a judgement made once holds for every
 * call of the same shape (CallRecognizer's memo). Anything a judgement reads that the shape leaves
 * out makes one call's verdict another's: the shape errs on the side of telling calls apart.
 */
import type { Episode } from './episodes';
import type { DnKnowledge } from '../trace/logIndex';
import { HUMAN_ACT_MS } from '../trace/stimuli';
import { lookupAttribute } from '../model/catalogue';
import { EVENT_RULES, hasType, type ValueType } from '../model/eventRules';
import { isSpecialDn } from '../model/specialDns';
import type { AttrValue } from '../model/event';
import { msOf, type TraceRecord } from '../trace/record';

/** Attributes whose values no scenario compares (only whether they are there). */
const VOLATILE = new Set(['EventSequenceNumber', 'TimeinSecs', 'TimeinuSecs']);
/**
 * Attributes whose values only matter by which other values they equal: numbered in order of
 * appearance, each kind in a numbering of its own. Every ConnID-valued attribute (ConnID,
 * PreviousConnID, TransferConnID, ConferenceConnID…) shares one numbering ('connid'): a
 * PreviousConnID that names the call's first ConnID is a different call from one that names
 * another. CallID: no scenario compares its value (its presence and type are event-level rules).
 */
const NUMBERED = new Set(['CallUUID', 'ReferenceID', 'CallID']);
/** Attributes an event-level rule types (ConnID, CallID…): whether a value has its type is part of the shape. */
const TYPED: ReadonlyMap<string, ValueType> = new Map(EVENT_RULES.flatMap((r) => (r.kind === 'type' ? r.attributes.map((a) => [a, r.type] as const) : [])));

/** One attribute's value as the shape holds it (see {@link shapeOf}), and a mark when it lacks the type a rule gives it. */
function attributeShape(parts: string[], k: string, v: unknown, id: (kind: string, v: string) => string): void {
  const kind = lookupAttribute(k)?.kind;
  if (VOLATILE.has(k)) parts.push('*');
  else if (kind === 'connid' || NUMBERED.has(k)) parts.push(id(kind === 'connid' ? 'c' : k, typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v)));
  else if (typeof v === 'string') parts.push(kind === 'dn' ? id('d', v) : `'${v}`);
  else parts.push(typeof v === 'number' ? String(v) : JSON.stringify(v));
  const type = TYPED.get(k);
  if (type !== undefined && !hasType(type, v as AttrValue)) parts.push('!');
}

/**
 * The call's shape: what judging it depends on, with its identities numbered (DNs with what the log
 * showed them to be, ConnIDs, CallUUIDs, ReferenceIDs) and the time between records, to the
 * microsecond, capped past the longest time a judgement compares: the settle period (whether an
 * event falls in it) and the stimuli's HUMAN_ACT_MS (whether a DN's event follows its own act or is
 * a new one). Capped at the settle period alone, a `--settle 100` run gave a release 200 ms after
 * the releasing party's answer (its act's consequence) the judgement of one 2 s after it (a
 * hang-up); rounded to the millisecond, 299.6 and 300.4 ms were one shape.
 *
 * The DN-state events the call is judged with besides its own records (`context`: a do-not-disturb
 * set, an agent's login; DnStateTail.contextOf) are part of it with their attributes, where they fall
 * among the call's records (the call's index merges them by line) and their time from the record
 * before them. Where matters: a feature turned on after a party left the call is not one it had
 * when it took part, and an event inside a settle period is judged there. Named without it, a call
 * with Bob's do-not-disturb set before it and one with it set just after Bob hung up were one shape:
 * the second got the first's judgement ("unrecognised") where, judged alone, it deviates.
 */
export function shapeOf(e: Episode, context: readonly TraceRecord[], knowledge: DnKnowledge, settleMs: number): string {
  const cap = Math.max(settleMs, HUMAN_ACT_MS) + 1;
  /** The time from `from` to `t`, to the microsecond, within ±cap ('' when either is not known). */
  const gap = (t: number, from: number): string => (Number.isNaN(t) || Number.isNaN(from) ? '' : String(Math.max(-cap, Math.min(Math.round((t - from) * 1000) / 1000, cap))));
  // Codes by kind, then by value (no key string made for each lookup), numbered in order across kinds.
  const ids = new Map<string, Map<string, string>>();
  let count = 0;
  const id = (kind: string, v: string): string => {
    let byValue = ids.get(kind);
    if (!byValue) {
      byValue = new Map();
      ids.set(kind, byValue);
    }
    let code = byValue.get(v);
    if (code === undefined) {
      code = kind + String(count++);
      // A special DN (the parking place) is judged by what it is, not only by its kind: kept literally.
      if (kind === 'd') code += knowledge.kindOf(v).charAt(0) + (knowledge.isAgent(v) ? 'a' : '') + (knowledge.isAppearance(v) ? 's' : '') + (isSpecialDn(v) ? `=${v}` : '');
      byValue.set(v, code);
    }
    return code;
  };
  const parts: string[] = [];
  let previous = NaN;
  const { records, times } = e;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as TraceRecord;
    const t = times[i] ?? NaN;
    parts.push(r.kind, r.name, r.dn === undefined ? '' : id('d', r.dn), gap(t, previous));
    if (!Number.isNaN(t)) previous = t;
    recordShape(parts, r, id);
  }
  for (const c of context) {
    // After the call's records up to its line (byLine puts a record of the call first on a tie), timed from the last of them that has a time.
    let before = 0;
    let from = NaN;
    for (let i = 0; i < records.length; i++) {
      if ((records[i] as TraceRecord).line > c.line) continue;
      before += 1;
      if (!Number.isNaN(times[i] ?? NaN)) from = times[i] ?? NaN;
    }
    if (Number.isNaN(from)) from = times.find((t) => !Number.isNaN(t)) ?? NaN;
    parts.push('context', String(before), c.name, c.dn === undefined ? '' : id('d', c.dn), gap(msOf(c.time) ?? NaN, from));
    recordShape(parts, c, id);
  }
  return parts.join('\u0001');
}

/** A record's envelope and attributes as its shape holds them (see {@link shapeOf}), and the end of the record. */
function recordShape(parts: string[], r: TraceRecord, id: (kind: string, v: string) => string): void {
  // Where a harness recording says the event came from (site, participant, protocol, sender): judged with it.
  if (r.envelope) parts.push(JSON.stringify(r.envelope));
  const attributes = r.attributes;
  for (const k in attributes) {
    parts.push(k);
    attributeShape(parts, k, attributes[k], id);
  }
  parts.push('\n');
}

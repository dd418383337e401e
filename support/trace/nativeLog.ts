/**
 * A harness recording written as the native log a SIP Server would have written of the same calls
 * (log-formats.md §1: `Trc 04541 … received from` request dumps, `@time [0] version distribute_event:
 * message X` event dumps, enums as numbers, key-value lists as nested lines), holding nothing but
 * what such a log holds: no scenario markers, no party acts, no other protocol, no requests the
 * switch never got. A self-test reads it back as a real switch's log — stimuli inferred from the
 * events — to see what replay and recognize make of a correct (or a faulty) switch's own log.
 *
 * Each scenario part of the recording becomes calls of their own (its ConnIDs renumbered: the
 * simulator starts them again in each part), a while after the part before; a step of the scenario
 * (a request, a party's act) comes two seconds after what came before it, as people act, and the
 * events of a step a few milliseconds apart.
 */
import { lookupAttribute } from '../model/catalogue';
import { normaliseEnum } from '../model/enums';
import { SCENARIO_MARKER, SESSION_MARKER } from './RecordingAdapter';

interface RecordedLine {
  readonly name: string;
  readonly protocol?: string;
  readonly attributes: Record<string, unknown>;
}

interface KeyValue {
  readonly key: string;
  readonly value: unknown;
}

const START = Date.UTC(2026, 2, 4, 10, 0, 0);
const APP = 'SIPS_SELFTEST';
const VOLATILE = new Set(['TimeinSecs', 'TimeinuSecs']);

/** The native log of the recording's lines (NDJSON, one record a line). */
export function nativeLogOf(recordingLines: readonly string[]): string {
  const out = [...BANNER];
  let part = 0;
  let clock = START;
  for (const line of recordingLines) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as RecordedLine;
    if (r.name === SCENARIO_MARKER || r.name === SESSION_MARKER) {
      part += 1;
      clock += 5_000;
      continue;
    }
    const block = blockOf(r, clock, { part, distinct: false });
    clock = block.clock;
    if (block.lines) out.push(...block.lines);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The native log of a busy switch: the scenario parts (each a recording's lines without its
 * marker) run at once, part `k` starting `stepMs` × k after the first, their dumps interleaved by
 * time as one switch writes them. Each part has identities of its own, as concurrent calls on one
 * switch have: ConnIDs, DNs and agent IDs (every number of four digits or more, in any attribute or
 * list: 7001 of the third part is 37001), CallUUIDs and the like, ReferenceIDs. A part judged in it
 * must get the verdicts it gets alone: a call of it must not join another part's, nor a literal
 * of the features (agent 1002) be asked of the log.
 */
export function busyLogOf(parts: readonly (readonly string[])[], stepMs: number): string {
  const blocks: { readonly at: number; readonly part: number; readonly lines: readonly string[] }[] = [];
  parts.forEach((lines, index) => {
    const part = index + 1;
    let clock = START + stepMs * index;
    for (const line of lines) {
      if (!line.trim()) continue;
      const block = blockOf(JSON.parse(line) as RecordedLine, clock, { part, distinct: true });
      clock = block.clock;
      if (block.lines) blocks.push({ at: clock, part, lines: block.lines });
    }
  });
  // Stable: a part's own dumps keep their order at the same millisecond.
  blocks.sort((a, b) => a.at - b.at);
  return `${[...BANNER, ...blocks.flatMap((b) => b.lines)].join('\n')}\n`;
}

const BANNER = [`Application name: ${APP}`, 'Application type: TServer (1)', 'Local time:       2026-03-04T10:00:00.000', `File:             (1) /var/log/sips/${APP}.20260304_100000_000.log`, ''];

/** Whose identities a dump is written with: the part's ConnIDs, and with `distinct` its DNs, agents, UUIDs and ReferenceIDs too. */
interface Identities {
  readonly part: number;
  readonly distinct: boolean;
}

/** A recorded line's dump (none for what a SIP Server log does not hold), and the clock after it. */
function blockOf(r: RecordedLine, before: number, ids: Identities): { readonly clock: number; readonly lines?: readonly string[] } {
  // A step of the scenario (a request, a party's act) comes two seconds after what came before it.
  let clock = /^(Request|Party\.|Network\.|Phone\.)/.test(r.name) ? before + 2_000 : before;
  const request = r.name.startsWith('Request');
  if ((r.protocol && r.protocol !== 'T-Library') || (!request && !r.name.startsWith('Event'))) return { clock };
  clock += 3;
  const attributes = Object.entries(r.attributes).filter(([k]) => !VOLATILE.has(k)).flatMap(([k, v]) => attributeLines(k, v, ids));
  const at = new Date(clock).toISOString();
  const header = request ? [`${at.slice(0, 23)} Trc 04541 ${r.name} received from [12] (0000000c Desktop 127.0.0.1:50110)`, `message ${r.name}`] : [`@${at.slice(11, 23)}0 [0] 8.1.103.07 distribute_event: message ${r.name}`];
  return { clock, lines: [...header, ...attributes] };
}

/** One attribute's dump lines: a ConnID renumbered for the part, an enum as its number, a list nested. */
function attributeLines(name: string, v: unknown, ids: Identities): string[] {
  const def = lookupAttribute(name);
  if (typeof v === 'object' && v !== null) {
    const pairs = pairsOf(v);
    return [`\tAttribute${name}\t[0] 00 ${pairs.length.toString(16).padStart(2, '0')} 00 00..`, ...listLines(pairs, 2, ids)];
  }
  return [`\tAttribute${name}\t${scalar(name, def, v, ids)}`];
}

/** A value as a dump writes it: a ConnID (renumbered for the part) and numbers bare, an enum as its number, text quoted. */
function scalar(name: string, def: ReturnType<typeof lookupAttribute>, v: unknown, ids: Identities): string {
  if (def?.kind === 'connid' && typeof v === 'string') return `${ids.part.toString(16).padStart(6, '0')}${v.slice(6)}`;
  const e = enumValue(def, v);
  if (e !== undefined) return e;
  const own = ids.distinct ? ownValue(name, v, ids.part) : undefined;
  if (own !== undefined) return own;
  if (typeof v === 'number' || (def?.kind === 'int' && typeof v === 'string' && /^\d+$/.test(v))) return String(v);
  return `'${identity(String(v), ids)}'`;
}

/** An enum's value as its number. */
function enumValue(def: ReturnType<typeof lookupAttribute>, v: unknown): string | undefined {
  const e = def?.kind === 'enum' && def.enumName && (typeof v === 'string' || typeof v === 'number') ? normaliseEnum(def.enumName, v) : undefined;
  return e ? String(e.value) : undefined;
}

/** A busy log's part's own ReferenceID (each part a client of its own) or UUID, as its dump writes it; undefined for other values. */
function ownValue(name: string, v: unknown, part: number): string | undefined {
  if (name === 'ReferenceID' && typeof v === 'number' && v > 0) return String(v + 1_000 * part);
  if (/UUID$/.test(name) && typeof v === 'string') return `'${v}-${String(part)}'`;
  return undefined;
}

/** A number of four digits or more (a DN, an agent ID, an appearance `60970_2`), of the part's own with `distinct`. */
function identity(v: string, ids: Identities): string {
  const m = ids.distinct ? /^(\d{4,})(_\d+)?$/.exec(v) : null;
  return m ? `${String(Number(m[1]) + 10_000 * ids.part)}${m[2] ?? ''}` : v;
}

function pairsOf(v: object): KeyValue[] {
  if (Array.isArray(v)) return v as KeyValue[];
  return Object.entries(v as Record<string, unknown>).map(([key, value]): KeyValue => ({ key, value }));
}

function listLines(pairs: readonly KeyValue[], depth: number, ids: Identities): string[] {
  const tabs = '\t'.repeat(depth);
  return pairs.flatMap((p) => (typeof p.value === 'object' && p.value !== null
    ? [`${tabs}'${p.key}'(list) `, ...listLines(pairsOf(p.value), depth + 1, ids)]
    : [`${tabs}'${p.key}'\t${typeof p.value === 'number' ? String(p.value) : `'${identity(String(p.value), ids)}'`}`]));
}

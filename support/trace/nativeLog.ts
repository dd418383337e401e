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
  const out = [`Application name: ${APP}`, 'Application type: TServer (1)', 'Local time:       2026-03-04T10:00:00.000', `File:             (1) /var/log/sips/${APP}.20260304_100000_000.log`, ''];
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
    if (/^(Request|Party\.|Network\.|Phone\.)/.test(r.name)) clock += 2_000;
    const request = r.name.startsWith('Request');
    if ((r.protocol && r.protocol !== 'T-Library') || (!request && !r.name.startsWith('Event'))) continue;
    clock += 3;
    const attributes = Object.entries(r.attributes).filter(([k]) => !VOLATILE.has(k)).flatMap(([k, v]) => attributeLines(k, v, part));
    const at = new Date(clock).toISOString();
    if (request) out.push(`${at.slice(0, 23)} Trc 04541 ${r.name} received from [12] (0000000c Desktop 127.0.0.1:50110)`, `message ${r.name}`, ...attributes);
    else out.push(`@${at.slice(11, 23)}0 [0] 8.1.103.07 distribute_event: message ${r.name}`, ...attributes);
  }
  return `${out.join('\n')}\n`;
}

/** One attribute's dump lines: a ConnID renumbered for the part, an enum as its number, a list nested. */
function attributeLines(name: string, v: unknown, part: number): string[] {
  const def = lookupAttribute(name);
  if (typeof v === 'object' && v !== null) {
    const pairs = pairsOf(v);
    return [`\tAttribute${name}\t[0] 00 ${pairs.length.toString(16).padStart(2, '0')} 00 00..`, ...listLines(pairs, 2)];
  }
  return [`\tAttribute${name}\t${scalar(def, v, part)}`];
}

/** A value as a dump writes it: a ConnID (renumbered for the part) and numbers bare, an enum as its number, text quoted. */
function scalar(def: ReturnType<typeof lookupAttribute>, v: unknown, part: number): string {
  if (def?.kind === 'connid' && typeof v === 'string') return `${part.toString(16).padStart(6, '0')}${v.slice(6)}`;
  const e = def?.kind === 'enum' && def.enumName && (typeof v === 'string' || typeof v === 'number') ? normaliseEnum(def.enumName, v) : undefined;
  if (e) return String(e.value);
  if (typeof v === 'number' || (def?.kind === 'int' && typeof v === 'string' && /^\d+$/.test(v))) return String(v);
  return `'${String(v)}'`;
}

function pairsOf(v: object): KeyValue[] {
  if (Array.isArray(v)) return v as KeyValue[];
  return Object.entries(v as Record<string, unknown>).map(([key, value]): KeyValue => ({ key, value }));
}

function listLines(pairs: readonly KeyValue[], depth: number): string[] {
  const tabs = '\t'.repeat(depth);
  return pairs.flatMap((p) => (typeof p.value === 'object' && p.value !== null
    ? [`${tabs}'${p.key}'(list) `, ...listLines(pairsOf(p.value), depth + 1)]
    : [`${tabs}'${p.key}'\t${typeof p.value === 'number' ? String(p.value) : `'${String(p.value)}'`}`]));
}

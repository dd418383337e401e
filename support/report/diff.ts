/**
 * Renders a {@link Diagnosis} as one plain-text diff: expected vs observed per DN, the first
 * divergence, the nearest candidate with per-attribute differences, and the events left over.
 * Plain text on purpose: it goes into Allure attachments and CI logs.
 */
import type { ObservedEvent } from '../model/event';
import { describeCell, show } from '../matching/cells';
import type { Diagnosis, RowVerdict } from '../matching/diagnose';
import type { ExpectedRow } from '../matching/expectation';
import type { OrderMode, SequenceInput } from '../matching/sequence';

export interface DiffContext {
  readonly title: string;
  /** `features/x.feature:31 (Then each DN receives, in order:)` */
  readonly location?: string;
  readonly mode: OrderMode;
  /** DN → party name, to label lanes. */
  readonly partyOf: (dn: string) => string | undefined;
}

const KEY_ATTRIBUTES = ['ConnID', 'ThisDN', 'ThisDNRole', 'OtherDN', 'CallState', 'ThirdPartyDN', 'AgentWorkMode', 'ErrorCode'];
const MODE_TEXT: Record<OrderMode, string> = {
  'per-dn': 'in order per DN, DNs interleaved freely',
  total: 'in documented order across DNs',
  any: 'in any order',
};

/** Unexpected events listed per DN; the rest are counted. */
const MAX_UNEXPECTED = 50;

export function renderDiff(diagnosis: Diagnosis, ctx: DiffContext): string {
  const expected = diagnosis.lanes.reduce((n, l) => n + l.rows.length, 0);
  const observed = diagnosis.lanes.reduce((n, l) => n + l.observedCount, 0);
  const lines = [ctx.title];
  if (ctx.location) lines.push(`  at ${ctx.location}`);
  lines.push(`  Expected ${expected} event(s) on ${diagnosis.lanes.length} DN(s), ${MODE_TEXT[ctx.mode]}; received ${observed} on those DNs.`);
  if (diagnosis.firstDivergence) lines.push(`  First divergence: ${diagnosis.firstDivergence}`);
  for (const v of diagnosis.orderViolations) lines.push(`  Order: ${v}`);
  for (const lane of diagnosis.lanes) {
    const party = ctx.partyOf(lane.dn);
    lines.push('', `DN ${lane.dn}${party ? ` (${party})` : ''}: expected ${lane.rows.length}, received ${lane.observedCount}`);
    for (const verdict of lane.rows) lines.push(...renderVerdict(verdict, diagnosis));
    // Bounded: a flooding system must not bury the diff (every event stays in observed-events.ndjson).
    for (const extra of lane.unexpected.slice(0, MAX_UNEXPECTED)) lines.push(`  + ${formatEvent(extra)}   unexpected`);
    if (lane.unexpected.length > MAX_UNEXPECTED) lines.push(`  … and ${String(lane.unexpected.length - MAX_UNEXPECTED)} more unexpected events on this DN`);
  }
  const bound = [...diagnosis.bindings].map(([k, v]) => `${k} = ${show(v)}`);
  if (bound.length) lines.push('', `Bindings: ${bound.join(', ')}`);
  return lines.join('\n');
}

function renderVerdict(verdict: RowVerdict, diagnosis: Diagnosis): string[] {
  const expected = formatRow(verdict.row, diagnosis);
  if (verdict.kind === 'matched') {
    return [`    ${expected}   ✓ #${verdict.event.seq}${verdict.outOfOrder ? ' (arrived out of order)' : ''}`];
  }
  const out = [`  - ${expected}   missing`];
  if (verdict.nearest) {
    out.push(`      nearest: ${formatEvent(verdict.nearest)}`);
    for (const d of verdict.differences) out.push(`        ${d.attribute}: expected ${d.expected}, got ${d.actual}`);
  }
  return out;
}

function formatRow(row: ExpectedRow, diagnosis: Diagnosis): string {
  const cells = row.cells.map((c) => `${c.attribute}=${describeCell(c.matcher, diagnosis.bindings)}`);
  return [row.event.padEnd(22), ...cells].join(' ') + (row.line ? ` (line ${row.line})` : '');
}

/** One compact line per observed event: `#13 EventRinging ConnID=… ThisDN=7002 …`. */
export function formatEvent(event: ObservedEvent, attributes: readonly string[] = KEY_ATTRIBUTES): string {
  const parts = attributes
    .filter((a) => event.attributes[a] !== undefined)
    .map((a) => `${a}=${show(event.attributes[a] as NonNullable<ObservedEvent['attributes'][string]>)}`);
  return [`#${event.seq}`, event.name, ...parts].join(' ') + (event.origin ? ` [${event.origin}]` : '');
}

/**
 * Why a table of alternatives ("at least one of these is reported:", support/matching/anyOf.ts)
 * did not hold: its rows, and the events since the stimulus of the names it names at its DNs (the
 * nearest candidates), for the reader to compare.
 */
export function renderAnyOfMiss(input: SequenceInput, where: string, label: (dn: string) => string): string {
  const names = new Set(input.rows.map((r) => r.event));
  const dns = new Set(input.rows.map((r) => input.resolveDn(r.dn ?? input.defaultDn ?? '')));
  const near = input.observed.filter((e) => names.has(e.name) && dns.has(e.dn));
  const attributes = [...new Set(input.rows.flatMap((r) => r.cells.map((c) => c.attribute)))];
  return [
    `Not conformant: none of these was reported after the stimulus (${where})`,
    ...input.rows.map((r) => `  - ${label(input.resolveDn(r.dn ?? input.defaultDn ?? ''))}: ${r.event} ${r.cells.map((c) => `${c.attribute}=${describeCell(c.matcher, input.bindings)}`).join(' ')}${r.line ? ` (line ${r.line})` : ''}`),
    near.length ? 'The events of those names at those DNs:' : 'No event of those names arrived at those DNs.',
    ...near.map((e) => `  + ${label(e.dn)}: ${formatEvent(e, attributes)}`),
  ].join('\n');
}

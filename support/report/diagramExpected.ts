/**
 * The expected sequence diagram of one Then table: lanes per party, events in documented order,
 * rows of one `step` (one GenEM table cell) drawn as one "any order" row, `$conn` variables as the
 * ConnID (so events sharing `$conn1` share a colour), the other asserted cells as the note.
 */
import { describeCell } from '../matching/cells';
import type { ExpectedRow } from '../matching/expectation';
import type { OrderMode } from '../matching/sequence';
import type { DiagramEvent, DiagramLane, DiagramModel } from './diagram';

/** A party of the scenario: its name (used in tables), and optionally its DN and kind of DN. */
export interface DiagramParty { readonly name: string; readonly dn?: string; readonly kind?: string }

export interface ExpectedDiagramOptions {
  readonly title?: string;
  /** The ordering mode of the Then step (sets the caption; `any` puts every event in one row). */
  readonly mode?: OrderMode;
  /** The party a table without `dn` column is about ("Then Bob receives, in order:"). */
  readonly defaultDn?: string;
}

const CAPTIONS: Readonly<Record<OrderMode, string>> = {
  total: 'The switch reports these events in this order across DNs; a shaded step may arrive in any order.',
  'per-dn': "Each DN receives its events in this order; different DNs interleave freely; a shaded step may arrive in any order.",
  any: 'These events arrive in any order.',
};

/** The ordering rule in words; a single-party table ("Then Bob receives…") names the party. */
function captionOf(mode: OrderMode, party: string | undefined): string {
  if (party === undefined || mode === 'total') return CAPTIONS[mode];
  return mode === 'any' ? `${party} receives these events in any order.` : `${party} receives these events in this order; a shaded step may arrive in any order.`;
}

/**
 * Build the diagram model of a parsed expectation table. Every declared party gets a lane (a party
 * without events is information: GenEM says it is not told); a DN the cast does not name gets its own.
 */
export function expectedDiagramFromRows(
  rows: readonly ExpectedRow[],
  parties: readonly (DiagramParty | string)[],
  options: ExpectedDiagramOptions = {},
): DiagramModel {
  const cast = parties.map((p) => (typeof p === 'string' ? { name: p } : p));
  const laneOf = (ref: string | undefined): string => {
    const r = ref ?? '?';
    return cast.find((p) => p.name === r || p.dn === r)?.name ?? r;
  };
  const lanes: DiagramLane[] = cast.map((p) => ({ id: p.name, label: [p.name, [p.dn, p.kind].filter(Boolean).join(' · ')].filter(Boolean).join('\n') }));
  const events = rows.map((row): DiagramEvent => {
    const lane = laneOf(row.dn ?? options.defaultDn);
    const conn = row.cells.find((c) => c.attribute === 'ConnID');
    const note = row.cells
      .filter((c) => c.attribute !== 'ConnID' && !(c.attribute === 'ThisDN' && c.matcher.kind === 'dn' && laneOf(c.matcher.ref) === lane))
      .map((c) => `${c.attribute}: ${describeCell(c.matcher)}`)
      .join('\n');
    return {
      lane,
      label: row.event,
      status: 'expected',
      group: options.mode === 'any' ? 1 : row.step,
      ...(conn ? { connId: describeCell(conn.matcher) } : {}),
      ...(note ? { note } : {}),
    };
  });
  for (const e of events) if (!lanes.some((l) => l.id === e.lane)) lanes.push({ id: e.lane, label: e.lane });
  return {
    title: options.title ?? 'Expected events',
    ...(options.mode ? { caption: captionOf(options.mode, options.defaultDn) } : {}),
    lanes,
    events,
  };
}

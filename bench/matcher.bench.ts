/**
 * Matcher benchmark: `matchSequence` on synthetic tables shaped like GenEM models (several DNs,
 * steps with a few events each, `$conn` bindings), in the three ordering modes, with the events in
 * documented order and in a legal but scrambled order (the search must permute). Baseline: one
 * linear pass comparing every event name and attribute with its row (the least any matcher does).
 */
import type { ObservedEvent } from '../support/model/event';
import { parseExpectationTable, type ExpectedRow } from '../support/matching/expectation';
import { matchSequence, type OrderMode } from '../support/matching/sequence';
import { measure, ratio, type Ratio } from './harness';

const EVENTS = ['EventDialing', 'EventRinging', 'EventEstablished', 'EventHeld', 'EventRetrieved', 'EventReleased'];

/** `dns` DNs × `perDn` events; rows of `groupSize` consecutive events per DN share a step. */
function workload(dns: number, perDn: number, groupSize: number): { rows: ExpectedRow[]; observed: ObservedEvent[]; scrambled: ObservedEvent[] } {
  const table: string[][] = [['dn', 'event', 'step', 'ConnID', 'ThisDN']];
  const observed: ObservedEvent[] = [];
  for (let i = 0; i < perDn; i += 1) {
    for (let d = 0; d < dns; d += 1) {
      const dn = String(7001 + d);
      const name = EVENTS[(i + d) % EVENTS.length] ?? 'EventRinging';
      table.push([dn, name, String(Math.floor(i / groupSize) + 1), '$conn1', dn]);
      observed.push({ name, dn, seq: observed.length + 1, receivedAt: 0, attributes: { ConnID: '006b02a6f6e10001', ThisDN: dn } });
    }
  }
  // Legal scramble: DNs in reverse (interleaving is free); inside a step, events reversed.
  const scrambled = [...observed].sort((a, b) => Number(b.dn) - Number(a.dn) || a.seq - b.seq).map((e, i) => ({ ...e, seq: i + 1 }));
  return { rows: parseExpectationTable(table, { dnColumn: 'required' }), observed, scrambled };
}

function baseline(rows: readonly ExpectedRow[], observed: readonly ObservedEvent[]): boolean {
  let ok = true;
  for (const [i, row] of rows.entries()) {
    const e = observed[i];
    ok = ok && e !== undefined && e.name === row.event && row.cells.every((c) => e.attributes[c.attribute] !== undefined);
  }
  return ok;
}

export async function matcherBench(): Promise<Ratio[]> {
  const w = workload(4, 6, 2);
  const base = await measure('baseline: linear pass over 24 events', () => baseline(w.rows, w.observed));
  const run = (mode: OrderMode, observed: readonly ObservedEvent[]) => () => {
    const r = matchSequence({ rows: w.rows, observed, mode, bindings: new Map(), resolveDn: (x) => x });
    if (r.kind !== 'matched' && mode !== 'total') throw new Error(`benchmark workload did not match (${mode})`);
  };
  const out: Ratio[] = [];
  for (const mode of ['per-dn', 'total', 'any'] as const) {
    out.push(ratio(await measure(`matchSequence ${mode}, 4 DNs × 6 events, documented order`, run(mode, w.observed)), base));
    out.push(ratio(await measure(`matchSequence ${mode}, 4 DNs × 6 events, DNs interleaved`, run(mode, w.scrambled)), base));
  }
  return out;
}

/**
 * Sequence diagrams of a scenario run, drawn with the shared renderer (diagram.ts): the observed
 * events (attached to every scenario), and on a mismatch the expected and the observed events side
 * by side, the first divergence marked (missing dashed red, unexpected orange, divergent red).
 */
import type { PartyConfig } from '../adapter/contract';
import type { Diagnosis } from '../matching/diagnose';
import { show } from '../matching/cells';
import type { ObservedEvent } from '../model/event';
import { escapeXml, renderSequenceDiagram, type DiagramEvent, type DiagramLane, type DiagramModel } from './diagram';

/** A flood must not produce a megabyte picture: later events are counted in the caption. */
export const MAX_DRAWN = 200;
const NOTE_ATTRIBUTES = ['ThisDNRole', 'OtherDN', 'CallState', 'ThirdPartyDN'];

function lanesOf(parties: readonly PartyConfig[], dns: readonly string[]): DiagramLane[] {
  const lanes = parties.filter((p) => p.type !== 'External').map((p) => ({ id: p.dn, label: `${p.name} (${p.dn})` }));
  for (const dn of dns) if (!lanes.some((l) => l.id === dn)) lanes.push({ id: dn, label: dn });
  return lanes;
}

function noteOf(e: ObservedEvent): string | undefined {
  const parts = NOTE_ATTRIBUTES.flatMap((a) => {
    const v = e.attributes[a];
    return v === undefined ? [] : [`${a}=${show(v)}`];
  });
  return parts.length ? parts.join(' ') : undefined;
}

function observedEvent(e: ObservedEvent, status: DiagramEvent['status'], extraNote?: string): DiagramEvent {
  const connId = e.attributes.ConnID;
  const note = [noteOf(e), extraNote].filter((x) => x !== undefined).join('\n');
  return { lane: e.dn, label: `#${String(e.seq)} ${e.name}`, status, ...(typeof connId === 'string' ? { connId } : {}), ...(note ? { note } : {}) };
}

/** Every observed event of the scenario, in arrival order. */
export function observedDiagram(title: string, events: readonly ObservedEvent[], parties: readonly PartyConfig[]): DiagramModel {
  const drawn = events.slice(0, MAX_DRAWN);
  const more = events.length - drawn.length;
  return {
    title,
    caption: `Observed events in arrival order${more > 0 ? `; ${String(more)} more not drawn (see observed-events.ndjson)` : ''}.`,
    lanes: lanesOf(parties, [...new Set(drawn.map((e) => e.dn))]),
    events: drawn.map((e) => observedEvent(e, 'observed')),
  };
}

/** Expected (documented order) and observed (arrival order) diagrams of a failed table. */
export function divergenceDiagrams(d: Diagnosis, parties: readonly PartyConfig[], title: string): { expected: DiagramModel; observed: DiagramModel } {
  const verdicts = d.lanes.flatMap((l) => l.rows.map((v) => ({ dn: l.dn, v }))).sort((a, b) => a.v.row.step - b.v.row.step || a.v.row.index - b.v.row.index);
  const stepCount = new Map<number, number>();
  for (const { v } of verdicts) stepCount.set(v.row.step, (stepCount.get(v.row.step) ?? 0) + 1);
  const expected: DiagramEvent[] = verdicts.map(({ dn, v }) => ({
    lane: dn,
    label: v.row.event,
    status: v.kind === 'matched' ? 'expected' : 'missing',
    ...((stepCount.get(v.row.step) ?? 0) > 1 ? { group: v.row.step } : {}),
    ...(v.kind === 'missing' && v.differences.length ? { note: v.differences.map((x) => `${x.attribute}: expected ${x.expected}, got ${x.actual}`).join('\n') } : {}),
  }));
  const observed = new Map<number, DiagramEvent>();
  for (const { v } of verdicts) {
    if (v.kind === 'matched') observed.set(v.event.seq, observedEvent(v.event, v.outOfOrder ? 'divergent' : 'observed', v.outOfOrder ? 'arrived out of order' : undefined));
    else if (v.nearest) observed.set(v.nearest.seq, observedEvent(v.nearest, 'divergent', `differs in ${v.differences.map((x) => x.attribute).join(', ')}`));
  }
  for (const lane of d.lanes) for (const e of lane.unexpected.slice(0, MAX_DRAWN)) observed.set(e.seq, observedEvent(e, 'unexpected'));
  const dns = d.lanes.map((l) => l.dn);
  return {
    expected: { title: `Expected — ${title}`, caption: 'Documented order; missing events dashed red.', lanes: lanesOf(parties, dns), events: expected },
    observed: {
      title: `Observed — ${title}`,
      caption: d.firstDivergence ? `First divergence: ${d.firstDivergence}` : 'Arrival order.',
      lanes: lanesOf(parties, dns),
      events: [...observed].sort((a, b) => a[0] - b[0]).map(([, e]) => e),
    },
  };
}

/** One HTML page: expected and observed diagrams side by side (no script, no external resource). */
export function sideBySideHtml(title: string, d: Diagnosis, parties: readonly PartyConfig[]): string {
  const { expected, observed } = divergenceDiagrams(d, parties, title);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1em}.pair{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap}</style></head>
<body><h1>${escapeXml(title)}</h1>${d.firstDivergence ? `<p><strong>First divergence:</strong> ${escapeXml(d.firstDivergence)}</p>` : ''}
<div class="pair"><div>${renderSequenceDiagram(expected)}</div><div>${renderSequenceDiagram(observed)}</div></div></body></html>\n`;
}

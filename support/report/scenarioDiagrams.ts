/**
 * Sequence diagrams of a scenario run, drawn with the shared renderer (diagram.ts): the observed
 * events (attached to every scenario) with the requests the scenario sent drawn as arrows to the
 * switch and a marker where the preconditions end and the step under test begins; and on a
 * mismatch the expected and the observed events side by side, the first divergence the diagnosis
 * names marked at its row in both (missing dashed red, unexpected orange, divergent red).
 */
import type { PartyConfig } from '../adapter/contract';
import type { Diagnosis } from '../matching/diagnose';
import { show } from '../matching/cells';
import type { Attributes, ObservedEvent } from '../model/event';
import { escapeXml, renderSequenceDiagram, type DiagramEvent, type DiagramLane, type DiagramModel } from './diagram';

/** A flood must not produce a megabyte picture: later events are counted in the caption. */
export const MAX_DRAWN = 200;

/**
 * The attributes that explain a call, in the order they are written under an event: the roles of
 * the parties, the third party of a transfer or conference, the ConnID the call had before (a
 * ConnID change is visible), the request an event answers, the agent and the reason of an error.
 */
const NOTE_ATTRIBUTES = ['ThisDNRole', 'OtherDN', 'OtherDNRole', 'ThirdPartyDN', 'ThirdPartyDNRole', 'PreviousConnID', 'TransferConnID',
  'LastTransferConnID', 'CallState', 'CallType', 'ThisQueue', 'AgentID', 'WorkMode', 'ReferenceID', 'ErrorCode', 'ErrorMessage'];

/** The lane the requests go to: the system under test. */
export const SWITCH_LANE: DiagramLane = { id: '~switch', label: 'Switch\nsystem under test' };

/** A request the scenario sent: after how many observed events, and as a precondition or as the stimulus. */
export interface SentRequest {
  readonly name: string;
  readonly attributes: Attributes;
  readonly role: 'setup' | 'stimulus';
  /** How many events the adapter had delivered when the request was sent. */
  readonly after: number;
  /** The step (the stimulus) or the action (a precondition) in the model's words. */
  readonly step: string;
}

function lanesOf(parties: readonly PartyConfig[], dns: readonly string[]): DiagramLane[] {
  const lanes = parties.filter((p) => p.type !== 'External' || dns.includes(p.dn)).map((p) => ({ id: p.dn, label: `${p.name}\n${p.dn}` }));
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

/** The DN that asks: the caller of a call from outside, else the DN the request is about. */
function askerOf(r: SentRequest): string | undefined {
  const dn = r.name === 'Party.CallsIn' ? r.attributes.OtherDN : r.attributes.ThisDN;
  return typeof dn === 'string' ? dn : undefined;
}

function requestEvent(r: SentRequest, parties: readonly PartyConfig[]): DiagramEvent {
  const asker = askerOf(r);
  const name = parties.find((p) => p.dn === asker)?.name;
  const attributes = Object.entries(r.attributes).filter(([k]) => !(k === 'ThisDN' && r.attributes.ThisDN === asker)).map(([k, v]) => `${k}=${show(v)}`);
  return {
    kind: 'request',
    lane: asker ?? SWITCH_LANE.id,
    to: SWITCH_LANE.id,
    label: `${name ? `${name}: ` : ''}${r.name}`,
    note: [`“${r.step}”`, attributes.join(' ')].filter(Boolean).join('\n'),
  };
}

/** Every observed event of the scenario in arrival order, the requests where they were sent, the stimulus marked. */
export function observedDiagram(title: string, events: readonly ObservedEvent[], parties: readonly PartyConfig[], requests: readonly SentRequest[] = []): DiagramModel {
  const drawn = events.slice(0, MAX_DRAWN);
  const more = events.length - drawn.length;
  const items: DiagramEvent[] = [];
  const pending = [...requests];
  const flush = (upTo: number): void => {
    while (pending[0] && pending[0].after <= upTo) {
      const r = pending.shift();
      if (!r) break;
      if (r.role === 'stimulus') items.push({ kind: 'marker', lane: '', label: `▶ ${r.step} — the step under test; above: the preconditions` });
      items.push(requestEvent(r, parties));
    }
  };
  drawn.forEach((e, i) => {
    flush(i);
    items.push(observedEvent(e, 'observed'));
  });
  flush(Number.MAX_SAFE_INTEGER);
  const dns = [...new Set([...drawn.map((e) => e.dn), ...requests.flatMap((r) => askerOf(r) ?? [])])];
  return {
    title,
    caption: `Observed events in arrival order, with the requests the scenario sent${more > 0 ? `; ${String(more)} more events not drawn (see observed-events.ndjson)` : ''}.`,
    lanes: [...(requests.length ? [SWITCH_LANE] : []), ...lanesOf(parties, dns)],
    events: items,
  };
}

type Verdicts = { readonly dn: string; readonly v: Diagnosis['lanes'][number]['rows'][number] }[];

function expectedEvents(verdicts: Verdicts): DiagramEvent[] {
  const stepCount = new Map<number, number>();
  for (const { v } of verdicts) stepCount.set(v.row.step, (stepCount.get(v.row.step) ?? 0) + 1);
  return verdicts.map(({ dn, v }) => ({
    lane: dn,
    label: v.row.event,
    status: v.kind === 'matched' ? 'expected' : 'missing',
    ...((stepCount.get(v.row.step) ?? 0) > 1 ? { group: v.row.step } : {}),
    ...(v.kind === 'missing' && v.differences.length ? { note: v.differences.map((x) => `${x.attribute}: expected ${x.expected}, got ${x.actual}`).join('\n') } : {}),
  }));
}

/** The observed events the diagnosis speaks of, by seq. */
function observedEvents(d: Diagnosis, verdicts: Verdicts): [number, DiagramEvent][] {
  const observed = new Map<number, DiagramEvent>();
  for (const { v } of verdicts) {
    if (v.kind === 'matched') observed.set(v.event.seq, observedEvent(v.event, v.outOfOrder ? 'divergent' : 'observed', v.outOfOrder ? 'arrived out of order' : undefined));
    else if (v.nearest) observed.set(v.nearest.seq, observedEvent(v.nearest, 'divergent', `differs in ${v.differences.map((x) => x.attribute).join(', ')}`));
  }
  for (const lane of d.lanes) for (const e of lane.unexpected.slice(0, MAX_DRAWN)) observed.set(e.seq, observedEvent(e, 'unexpected'));
  return [...observed].sort((a, b) => a[0] - b[0]);
}

const marked = (index: number): { firstDivergence?: number } => (index >= 0 ? { firstDivergence: index } : {});

/** Expected (documented order) and observed (arrival order) diagrams of a failed table. */
export function divergenceDiagrams(d: Diagnosis, parties: readonly PartyConfig[], title: string): { expected: DiagramModel; observed: DiagramModel } {
  const verdicts: Verdicts = d.lanes.flatMap((l) => l.rows.map((v) => ({ dn: l.dn, v }))).sort((a, b) => a.v.row.step - b.v.row.step || a.v.row.index - b.v.row.index);
  const ordered = observedEvents(d, verdicts);
  const observed = ordered.map(([, e]) => e);
  const at = d.firstDivergenceAt;
  // The row the diagnosis names, in both diagrams: the observed event by its seq, the expected row by its index;
  // "nothing more was observed" is drawn as a dashed placeholder after the last observed event.
  const expectedIndex = at?.row === undefined ? -1 : verdicts.findIndex(({ v }) => v.row.index === at.row);
  let observedIndex = at?.seq === undefined ? -1 : ordered.findIndex(([seq]) => seq === at.seq);
  const missingRow = at && at.seq === undefined ? verdicts[expectedIndex]?.v.row : undefined;
  if (at && missingRow) {
    observed.push({ lane: at.dn, label: missingRow.event, status: 'missing', note: 'expected here; nothing more was observed' });
    observedIndex = observed.length - 1;
  }
  const lanes = lanesOf(parties, d.lanes.map((l) => l.dn));
  return {
    expected: { title: `Expected — ${title}`, caption: 'Documented order; missing events dashed red.', lanes, events: expectedEvents(verdicts), ...marked(expectedIndex) },
    observed: { title: `Observed — ${title}`, caption: 'Arrival order; the red line is the first divergence named above.', lanes, events: observed, ...marked(observedIndex) },
  };
}

/**
 * One HTML page: expected and observed diagrams side by side in two columns that never wrap under
 * each other (the page scrolls sideways instead); no script, no external resource.
 */
export function sideBySideHtml(title: string, d: Diagnosis, parties: readonly PartyConfig[]): string {
  const { expected, observed } = divergenceDiagrams(d, parties, title);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1em}.pair{display:grid;grid-template-columns:max-content max-content;gap:1.5em;align-items:start;overflow-x:auto}.pair h2{font-size:1em;margin:.2em 0}.divergence{border-left:4px solid #c62828;background:#fdecec;padding:.4em .8em}</style></head>
<body><h1>${escapeXml(title)}</h1>${d.firstDivergence ? `<p class="divergence"><strong>First divergence:</strong> ${escapeXml(d.firstDivergence)}</p>` : ''}
<div class="pair"><div class="expected"><h2>Expected (the model)</h2>${renderSequenceDiagram(expected)}</div><div class="observed"><h2>Observed (the system)</h2>${renderSequenceDiagram(observed)}</div></div></body></html>\n`;
}

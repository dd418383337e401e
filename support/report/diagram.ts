/**
 * Swimlane sequence diagrams as standalone SVG: one lane per DN/participant, events top to bottom
 * in time (or documented) order. Pure: a model in, an `<svg>` string out, so the same renderer draws
 * the expected diagrams of the spec book and the observed/diff diagrams attached to a run.
 *
 * Conventions:
 * - Events with the same `group` share one row, drawn inside a shaded band labelled "any order"
 *   (a documented table cell whose events may arrive in any order). Events without a group each get
 *   their own row.
 * - A request (`kind: 'request'`) is an arrow from the lane of the party that asks to the lane it
 *   asks (the switch), labelled with the request; a marker (`kind: 'marker'`) is a rule across all
 *   lanes, e.g. where the preconditions end and the step under test begins.
 * - The ConnID (a literal value or a `$call1` variable of an expectation table) is written on the event
 *   and colours its left stripe; each party's lane header has its own colour. Both colours are chosen
 *   from the name, so `$call1` and Alice look the same in every diagram.
 * - Status styles: expected/observed plain, missing dashed red, unexpected orange, divergent red;
 *   the first divergence (the model's `firstDivergence`, else the first missing/unexpected/divergent
 *   event) is marked "first divergence" across the lanes.
 * - Text is laid out with DejaVu Sans's widths (textMetrics.ts) and wrapped or cut to its box.
 * - No ids, no scripts, no external resources: several diagrams can be inlined in one page, and the
 *   page prints and works without JavaScript. Every text is escaped.
 */
import { fitText, textWidth, wrapText, type TextStyle } from './textMetrics';
import { escapeXml } from './markup';

export interface DiagramLane { readonly id: string; readonly label: string }

export type DiagramStatus = 'expected' | 'observed' | 'missing' | 'unexpected' | 'divergent';

export interface DiagramEvent {
  /** The `id` of the lane the event is reported on (a request: the lane of the party that asks). */
  readonly lane: string;
  readonly label: string;
  /** `event` (the default): a box in its lane; `request`: an arrow from `lane` to `to`; `marker`: a rule across the lanes. */
  readonly kind?: 'event' | 'request' | 'marker';
  /** A request's target lane. */
  readonly to?: string;
  readonly connId?: string;
  /** Events with the same group are one row (their order may vary). */
  readonly group?: number;
  readonly status?: DiagramStatus;
  /** Extra lines under the label (attributes, a mismatch reason); `\n` separates lines. */
  readonly note?: string;
}

export interface DiagramModel {
  readonly title: string;
  /** One line under the title, e.g. the ordering rule the events follow. */
  readonly caption?: string;
  readonly lanes: readonly DiagramLane[];
  readonly events: readonly DiagramEvent[];
  /** Index in `events` of the first divergence a report names (default: the first event with a divergent status). */
  readonly firstDivergence?: number;
}

export { expectedDiagramFromRows, type DiagramParty, type ExpectedDiagramOptions } from './diagramExpected';

export { escapeXml };

// Palette for ConnIDs: distinguishable on screen and in greyscale print (dark enough for text).
const CONN_COLOURS = ['#1f6fb2', '#b8420f', '#2e7d32', '#7b3fa0', '#00838f', '#9e6a00', '#c2185b', '#455a64'];
// Lane header fills per party: light tints, the party's name stays dark on all of them.
const PARTY_COLOURS = ['#dbe8f7', '#fbe3d4', '#dcefdc', '#ebdff5', '#d5eef0', '#f6ecc9', '#f8dbe7', '#e3e7ea', '#e9efd3', '#f3dede'];

const STATUS_STYLE: Readonly<Record<DiagramStatus, { fill: string; stroke: string; dash?: string; tag?: string }>> = {
  expected: { fill: '#ffffff', stroke: '#5f6b7a' },
  observed: { fill: '#f4f8f4', stroke: '#4d7a55' },
  missing: { fill: '#fdecec', stroke: '#c62828', dash: '5 3', tag: 'missing' },
  unexpected: { fill: '#fff1e0', stroke: '#e67e00', tag: 'unexpected' },
  divergent: { fill: '#fdecec', stroke: '#c62828', tag: 'divergent' },
};

const FONT = "font-family=\"'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif\"";
const GUTTER = 96;
const MARGIN = 12;
const TITLE_H = 30;
const HEADER_H = 44;
const LINE_H = 13;
const ROW_GAP = 10;
const STACK_GAP = 6;
/** Text inside an event box starts this far from its left edge and keeps this far from its right edge. */
const PAD_LEFT = 11;
const PAD_RIGHT = 6;

const S = {
  title: { size: 14, bold: true },
  caption: { size: 11 },
  lane: { size: 13, bold: true },
  laneSub: { size: 10.5 },
  label: { size: 12, bold: true },
  conn: { size: 11, bold: true },
  note: { size: 10.5 },
  tag: { size: 10, bold: true },
  gutter: { size: 11, bold: true },
  gutterNote: { size: 10.5, bold: true },
  marker: { size: 11, bold: true },
  request: { size: 11.5, bold: true },
  legend: { size: 10.5 },
} as const satisfies Record<string, TextStyle>;

interface Placed { readonly event: DiagramEvent; readonly index: number; readonly lines: readonly string[]; readonly height: number }
interface Row { readonly group?: number; readonly kind: 'event' | 'request' | 'marker'; readonly events: Placed[] }
interface Layout {
  readonly laneWidth: number;
  /** Right edge of the last lane. */
  readonly right: number;
  readonly laneX: ReadonlyMap<string, number>;
  readonly rows: readonly Row[];
  readonly colours: ReadonlyMap<string, string>;
  readonly firstDivergence?: number;
}

/** Render the diagram as one standalone `<svg>` element. */
export function renderSequenceDiagram(model: DiagramModel): string {
  const lanes = lanesOf(model);
  const laneWidth = laneWidthFor(lanes, model.events);
  const laneX = new Map(lanes.map((l, i) => [l.id, GUTTER + i * laneWidth + laneWidth / 2]));
  const right = GUTTER + lanes.length * laneWidth;
  const layout: Layout = {
    laneWidth,
    right,
    laneX,
    rows: rowsOf(model.events, laneWidth, laneX),
    colours: connColours(model.events),
    ...firstDivergenceOf(model),
  };
  // Wide enough for the title and caption too (SVG text does not wrap).
  const width = Math.ceil(Math.max(right + MARGIN, textWidth(model.title, S.title) + 2 * MARGIN, textWidth(model.caption ?? '', S.caption) + 2 * MARGIN));
  const top = TITLE_H + (model.caption ? LINE_H + 4 : 0);
  const body: string[] = [];
  let y = top + HEADER_H + ROW_GAP;
  let numbered = 0;
  layout.rows.forEach((row, r) => {
    const height = rowHeight(row, layout);
    if (row.kind === 'event') numbered += 1;
    body.push(renderRow(row, r, numbered, y, height, layout));
    y += height + ROW_GAP;
  });
  if (model.events.length === 0) {
    body.push(text(GUTTER, y + 14, 'no events', 'font-size="12" fill="#5f6b7a" font-style="italic"'));
    y += 28;
  }
  const legend = renderLegend(layout.colours, model.events, y + 6, width);
  const height = y + legend.height + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sequence-diagram" role="img" aria-label="${escapeXml(model.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-gutter="${GUTTER}" ${FONT}>`,
    `<title>${escapeXml(model.title)}</title>`,
    STYLE,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, 20, model.title, 'font-size="14" font-weight="700" fill="#1d2733"'),
    model.caption ? text(MARGIN, 20 + LINE_H + 4, model.caption, 'font-size="11" fill="#5f6b7a"') : '',
    renderLanes(lanes, layout, top, y),
    ...body,
    legend.svg,
    '</svg>',
  ].join('\n');
}

/** The model's lanes, plus a lane for any event or request whose lane was not declared (never drop an event). */
function lanesOf(model: DiagramModel): DiagramLane[] {
  const lanes = [...model.lanes];
  const add = (id: string): void => {
    if (!lanes.some((l) => l.id === id)) lanes.push({ id, label: id });
  };
  for (const e of model.events) {
    if (e.kind === 'marker') continue;
    add(e.lane);
    if (e.kind === 'request' && e.to !== undefined) add(e.to);
  }
  return lanes;
}

/** Wide enough for the longest event label and lane label (up to a limit; longer ones are cut). */
function laneWidthFor(lanes: readonly DiagramLane[], events: readonly DiagramEvent[]): number {
  const label = Math.max(0, ...events.filter((e) => (e.kind ?? 'event') === 'event').map((e) => textWidth(e.label, S.label)));
  const header = Math.max(0, ...lanes.map((l) => {
    const [first = '', ...rest] = l.label.split('\n');
    return Math.max(textWidth(first, S.lane), textWidth(rest.join(' · '), S.laneSub)) + 16;
  }));
  return Math.min(300, Math.max(190, Math.ceil(Math.max(label + 12 + PAD_LEFT + PAD_RIGHT, header + 20))));
}

/** The width text has inside an event box of this lane width. */
function boxText(laneWidth: number): number {
  return laneWidth - 24 - PAD_LEFT - PAD_RIGHT;
}

/** The horizontal span of a request arrow (its label is centred over it). */
function arrowSpan(e: DiagramEvent, laneX: ReadonlyMap<string, number>, laneWidth: number): { from: number; to: number; left: number; width: number } {
  const from = laneX.get(e.lane) ?? GUTTER;
  const to = laneX.get(e.to ?? e.lane) ?? from;
  // The label may reach half a lane past either end of the arrow, never past the lanes.
  const right = GUTTER + laneX.size * laneWidth;
  const width = Math.min(Math.max(Math.abs(to - from), laneWidth) + laneWidth, right - GUTTER) - 12;
  const left = Math.min(Math.max((from + to) / 2 - width / 2, GUTTER + 6), right - 6 - width);
  return { from, to, left, width };
}

function placed(event: DiagramEvent, index: number, laneWidth: number, laneX: ReadonlyMap<string, number>): Placed {
  const kind = event.kind ?? 'event';
  if (kind === 'marker') return { event, index, lines: [], height: 22 };
  if (kind === 'request') {
    const lines = event.note ? wrapText(event.note, arrowSpan(event, laneX, laneWidth).width, S.note) : [];
    return { event, index, lines, height: 24 + lines.length * LINE_H };
  }
  const lines = event.note ? wrapText(event.note, boxText(laneWidth), S.note) : [];
  const height = 22 + (event.connId !== undefined ? LINE_H : 0) + lines.length * LINE_H + (STATUS_STYLE[event.status ?? 'expected'].tag ? LINE_H : 0);
  return { event, index, lines, height };
}

/** Consecutive order; every event of one group joins the row where the group first appeared. */
function rowsOf(events: readonly DiagramEvent[], laneWidth: number, laneX: ReadonlyMap<string, number>): Row[] {
  const rows: Row[] = [];
  const byGroup = new Map<number, Row>();
  events.forEach((event, index) => {
    const p = placed(event, index, laneWidth, laneX);
    const kind = event.kind ?? 'event';
    const existing = kind === 'event' && event.group !== undefined ? byGroup.get(event.group) : undefined;
    if (existing) {
      existing.events.push(p);
      return;
    }
    const row: Row = { kind, events: [p], ...(kind === 'event' && event.group !== undefined ? { group: event.group } : {}) };
    if (kind === 'event' && event.group !== undefined) byGroup.set(event.group, row);
    rows.push(row);
  });
  return rows;
}

function rowHeight(row: Row, layout: Layout): number {
  if (row.kind !== 'event') return Math.max(0, ...row.events.map((p) => p.height));
  const perLane = new Map<number, number>();
  for (const p of row.events) {
    const x = layout.laneX.get(p.event.lane) ?? 0;
    perLane.set(x, (perLane.get(x) ?? -STACK_GAP) + STACK_GAP + p.height);
  }
  const gutter = row.group !== undefined && row.events.length > 1 ? 3 * LINE_H + 8 : 0;
  const divergence = row.events.some((p) => p.index === layout.firstDivergence) ? 3 * LINE_H + 4 : 0;
  return Math.max(gutter, divergence, ...perLane.values()) + (row.events.length > 1 ? 12 : 0);
}

/** A stable palette index for a name: `$call2` → 1, other names by a hash of their letters. */
function paletteIndex(name: string, size: number): number {
  const numbered = /^\$[A-Za-z_]+?(\d+)$/.exec(name);
  if (numbered) return (Number(numbered[1]) - 1 + size) % size;
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % size;
}

/** The lane header fill of a party, the same for the same name in every diagram. */
export function partyColour(name: string): string {
  return PARTY_COLOURS[paletteIndex(name, PARTY_COLOURS.length)] ?? '#e8eef5';
}

/**
 * ConnID colours: a variable (`$call1`) always gets its own colour, in every diagram; a literal
 * ConnID starts from its hash and takes the next free colour, so two calls of one diagram differ.
 */
function connColours(events: readonly DiagramEvent[]): Map<string, string> {
  const colours = new Map<string, string>();
  const used = new Set<number>();
  for (const e of events) {
    if (e.connId === undefined || colours.has(e.connId)) continue;
    const start = paletteIndex(e.connId, CONN_COLOURS.length);
    const variable = e.connId.startsWith('$');
    let i = start;
    for (let n = 0; !variable && used.has(i) && n < CONN_COLOURS.length; n += 1) i = (i + 1) % CONN_COLOURS.length;
    used.add(i);
    colours.set(e.connId, CONN_COLOURS[i] ?? '#455a64');
  }
  return colours;
}

function firstDivergenceOf(model: DiagramModel): { firstDivergence?: number } {
  if (model.firstDivergence !== undefined) return { firstDivergence: model.firstDivergence };
  const i = model.events.findIndex((e) => e.status === 'missing' || e.status === 'unexpected' || e.status === 'divergent');
  return i >= 0 ? { firstDivergence: i } : {};
}

function text(x: number, y: number, content: string, attrs = '', anchor = 'start'): string {
  return `<text x="${round(x)}" y="${round(y)}"${anchor === 'start' ? '' : ` text-anchor="${anchor}"`} ${attrs}>${escapeXml(content)}</text>`;
}

/** The most frequent text style (an attribute line under an event), as a class: diagrams are attached per scenario within a byte budget. */
const NOTE_TEXT = 'class="sd-note"';
const STYLE = '<style>.sd-note{font-size:10.5px;fill:#3b4552}</style>';

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function renderLanes(lanes: readonly DiagramLane[], layout: Layout, top: number, bottom: number): string {
  return lanes.map((lane) => {
    const x = layout.laneX.get(lane.id) ?? 0;
    const w = layout.laneWidth - 20;
    const [first = '', ...rest] = lane.label.split('\n');
    return [
      `<g class="lane" data-lane="${escapeXml(lane.id)}">`,
      `<line x1="${round(x)}" y1="${top + HEADER_H}" x2="${round(x)}" y2="${bottom}" stroke="#b4bcc6" stroke-width="1.5" stroke-dasharray="4 4"/>`,
      `<rect x="${round(x - w / 2)}" y="${top}" width="${w}" height="${HEADER_H - 6}" rx="6" fill="${partyColour(first)}" stroke="#5f6b7a"/>`,
      text(x, top + (rest.length ? 16 : 24), fitText(first, w - 12, S.lane), 'font-size="13" font-weight="700" fill="#1d2733"', 'middle'),
      rest.length ? text(x, top + 31, fitText(rest.join(' · '), w - 12, S.laneSub), NOTE_TEXT, 'middle') : '',
      '</g>',
    ].join('');
  }).join('\n');
}

function gutter(x: number, y: number, content: string, attrs: string, style: TextStyle): string {
  return text(x, y, fitText(content, GUTTER - x - 4, style), `class="gutter" ${attrs}`);
}

function renderRow(row: Row, r: number, n: number, y: number, height: number, layout: Layout): string {
  const first = row.events.find((p) => p.index === layout.firstDivergence);
  const divergence = first
    ? `<line class="first-divergence" x1="2" y1="${y - 6}" x2="${layout.right}" y2="${y - 6}" stroke="#c62828" stroke-width="2"/>`
    : '';
  if (row.kind === 'marker') return `<g class="row marker" data-row="${r}">${divergence}${row.events.map((p) => renderMarker(p, layout, y)).join('')}</g>`;
  if (row.kind === 'request') return `<g class="row request" data-row="${r}">${divergence}${row.events.map((p) => renderRequest(p, layout, y)).join('')}</g>`;
  const parts: string[] = [divergence];
  const grouped = row.events.length > 1 && row.group !== undefined;
  if (grouped) {
    parts.push(`<rect class="any-order" x="${GUTTER - 6}" y="${y - 4}" width="${layout.right - GUTTER + 6}" height="${height + 2}" rx="8" fill="#f1f3f8" stroke="#8a94a6" stroke-dasharray="2 3"/>`);
    parts.push(gutter(8, y + 28, '⇅ any order', 'font-size="10.5" fill="#4a5563" font-style="italic"', S.note));
  }
  parts.push(gutter(8, y + 14, row.group !== undefined ? `step ${row.group}` : `#${n}`, 'font-size="11" fill="#4a5563" font-weight="700"', S.gutter));
  if (first) {
    const at = y + (grouped ? 42 : 28);
    parts.push(gutter(8, at, 'first', 'font-size="10.5" fill="#c62828" font-weight="700"', S.gutterNote));
    parts.push(gutter(8, at + LINE_H, 'divergence', 'font-size="10.5" fill="#c62828" font-weight="700"', S.gutterNote));
  }
  const stackY = new Map<string, number>();
  for (const p of row.events) {
    const offset = stackY.get(p.event.lane) ?? (grouped ? 4 : 0);
    parts.push(renderEvent(p, layout, y + offset, p.index === layout.firstDivergence));
    stackY.set(p.event.lane, offset + p.height + STACK_GAP);
  }
  return `<g class="row" data-row="${r}"${row.group !== undefined ? ` data-group="${row.group}"` : ''}>${parts.join('')}</g>`;
}

/** A rule across the lanes with its label (e.g. "When Bob answers — the step under test"). */
function renderMarker(p: Placed, layout: Layout, y: number): string {
  const width = layout.right - GUTTER;
  return `<g class="marker" data-marker="${escapeXml(p.event.label)}"><title>${escapeXml(p.event.label)}</title>`
    + `<line x1="2" y1="${y + 16}" x2="${layout.right}" y2="${y + 16}" stroke="#7b3fa0" stroke-width="1.5" stroke-dasharray="6 3"/>`
    + `<rect x="${GUTTER}" y="${y}" width="${round(Math.min(width, textWidth(fitText(p.event.label, width - 12, S.marker), S.marker) + 12))}" height="15" rx="3" fill="#f3ecf8"/>`
    + text(GUTTER + 6, y + 11, fitText(p.event.label, width - 12, S.marker), 'font-size="11" font-weight="700" fill="#5b2a80"')
    + '</g>';
}

/** An arrow from the asking party's lane to the lane it asks, the request above it. */
function renderRequest(p: Placed, layout: Layout, y: number): string {
  const { event } = p;
  const span = arrowSpan(event, layout.laneX, layout.laneWidth);
  const mid = span.left + span.width / 2;
  // (the label is centred on its span, which may be shifted to stay inside the lanes)
  const lineY = y + 18 + p.lines.length * LINE_H;
  const dir = span.to >= span.from ? 1 : -1;
  const tip = span.to - dir * 3;
  const tooltip = [event.label, event.note ?? ''].filter(Boolean).join('\n');
  const parts = [
    `<g class="req" data-lane="${escapeXml(event.lane)}" data-to="${escapeXml(event.to ?? event.lane)}" data-request="${escapeXml(event.label)}" data-left="${round(span.left)}" data-width="${round(span.width)}">`,
    `<title>${escapeXml(tooltip)}</title>`,
    text(mid, y + 10, fitText(event.label, span.width, S.request), 'font-size="11.5" font-weight="700" fill="#1d2733"', 'middle'),
    ...p.lines.map((l, i) => text(mid, y + 10 + (i + 1) * LINE_H, l, NOTE_TEXT, 'middle')),
    `<line x1="${round(span.from)}" y1="${lineY}" x2="${round(tip)}" y2="${lineY}" stroke="#1d2733" stroke-width="1.5"/>`,
    `<path d="M${round(span.to)} ${lineY} l${-dir * 9} -4.5 v9 z" fill="#1d2733"/>`,
    `<circle cx="${round(span.from)}" cy="${lineY}" r="3" fill="#1d2733"/>`,
    '</g>',
  ];
  return parts.join('');
}

function renderEvent(p: Placed, layout: Layout, y: number, first: boolean): string {
  const { event } = p;
  const status = event.status ?? 'expected';
  const style = STATUS_STYLE[status];
  const x = layout.laneX.get(event.lane) ?? 0;
  const w = layout.laneWidth - 24;
  const left = x - w / 2;
  const room = boxText(layout.laneWidth);
  const colour = event.connId !== undefined ? layout.colours.get(event.connId) : undefined;
  const tooltip = [event.label, event.connId !== undefined ? `ConnID ${event.connId}` : '', event.note ?? '', style.tag ?? ''].filter(Boolean).join('\n');
  const parts = [
    `<g class="ev ev-${status}" data-lane="${escapeXml(event.lane)}" data-event="${escapeXml(event.label)}" data-status="${status}"${event.connId !== undefined ? ` data-conn="${escapeXml(event.connId)}"` : ''}>`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect x="${round(left)}" y="${round(y)}" width="${w}" height="${p.height}" rx="5" fill="${style.fill}" stroke="${style.stroke}" stroke-width="${first ? 3 : 1.3}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    colour ? `<rect class="conn" x="${round(left)}" y="${round(y)}" width="5" height="${p.height}" rx="2" fill="${colour}"/>` : '',
    text(left + PAD_LEFT, y + 16, fitText(event.label, room, S.label), `font-size="12" font-weight="700" fill="${status === 'missing' ? '#c62828' : '#1d2733'}"`),
  ];
  let line = y + 16;
  if (event.connId !== undefined) {
    line += LINE_H;
    parts.push(text(left + PAD_LEFT, line, `ConnID ${shorten(event.connId, room - textWidth('ConnID ', S.conn), S.conn)}`, `font-size="11" font-weight="700" fill="${colour ?? '#1d2733'}"`));
  }
  for (const l of p.lines) {
    line += LINE_H;
    parts.push(text(left + PAD_LEFT, line, l, NOTE_TEXT));
  }
  if (style.tag) parts.push(text(left + PAD_LEFT, line + LINE_H, style.tag.toUpperCase(), `font-size="10" font-weight="700" fill="${style.stroke}"`));
  parts.push('</g>');
  return parts.join('');
}

/** Shorten in the middle to `width`: ConnIDs of one switch share their prefix and differ at the end. */
function shorten(s: string, width: number, style: TextStyle): string {
  if (textWidth(s, style) <= width) return s;
  const chars = Array.from(s);
  for (let keep = chars.length - 1; keep > 2; keep -= 1) {
    const head = Math.ceil(keep / 2);
    const cut = `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (keep - head)).join('')}`;
    if (textWidth(cut, style) <= width) return cut;
  }
  return fitText(s, width, style);
}

function renderLegend(colours: ReadonlyMap<string, string>, events: readonly DiagramEvent[], y: number, width: number): { svg: string; height: number } {
  const items: { label: string; swatch: string }[] = [];
  for (const [conn, colour] of colours) items.push({ label: `ConnID ${shorten(conn, 150, S.legend)}`, swatch: `fill="${colour}"` });
  const statuses = new Set(events.map((e) => e.status ?? 'expected'));
  for (const status of ['missing', 'unexpected', 'divergent'] as const) {
    const s = STATUS_STYLE[status];
    if (statuses.has(status)) items.push({ label: status, swatch: `fill="${s.fill}" stroke="${s.stroke}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}` });
  }
  if (items.length === 0) return { svg: '', height: 0 };
  const parts: string[] = ['<g class="legend">'];
  let x = MARGIN;
  let row = 0;
  for (const item of items) {
    const w = 17 + textWidth(item.label, S.legend);
    if (x + w > width - MARGIN && x > MARGIN) {
      x = MARGIN;
      row += 1;
    }
    const top = y + row * 18;
    parts.push(`<rect x="${round(x)}" y="${top}" width="12" height="12" rx="2" ${item.swatch}/>`, text(x + 17, top + 10, item.label, NOTE_TEXT));
    x += w + 12;
  }
  parts.push('</g>');
  return { svg: parts.join(''), height: (row + 1) * 18 };
}

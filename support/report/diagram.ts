/**
 * Swimlane sequence diagrams as standalone SVG: one lane per DN/participant, events top to bottom
 * in time (or documented) order. Pure: a model in, an `<svg>` string out, so the same renderer draws
 * the expected diagrams of the spec book and the observed/diff diagrams attached to a run.
 *
 * Conventions:
 * - Events with the same `group` share one row, drawn inside a shaded band labelled "any order"
 *   (a documented table cell whose events may arrive in any order). Events without a group each get
 *   their own row.
 * - The ConnID (a literal value or a `$conn` variable of an expectation table) is written on the event
 *   and colours its left stripe: the same ConnID has the same colour everywhere in the diagram.
 * - Status styles: expected/observed plain, missing dashed red, unexpected orange, divergent red;
 *   the first missing/unexpected/divergent event is marked "first divergence" across the lanes.
 * - No ids, no scripts, no external resources: several diagrams can be inlined in one page, and the
 *   page prints and works without JavaScript. Every text is escaped.
 */

export interface DiagramLane { readonly id: string; readonly label: string }

export type DiagramStatus = 'expected' | 'observed' | 'missing' | 'unexpected' | 'divergent';

export interface DiagramEvent {
  /** The `id` of the lane the event is reported on. */
  readonly lane: string;
  readonly label: string;
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
}

export { expectedDiagramFromRows, type DiagramParty, type ExpectedDiagramOptions } from './diagramExpected';

/** Escape text for SVG/HTML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

// Palette for ConnIDs: distinguishable on screen and in greyscale print (dark enough for text).
const CONN_COLOURS = ['#1f6fb2', '#b8420f', '#2e7d32', '#7b3fa0', '#00838f', '#9e6a00', '#c2185b', '#455a64'];

const STATUS_STYLE: Readonly<Record<DiagramStatus, { fill: string; stroke: string; dash?: string; tag?: string }>> = {
  expected: { fill: '#ffffff', stroke: '#5f6b7a' },
  observed: { fill: '#f4f8f4', stroke: '#4d7a55' },
  missing: { fill: '#fdecec', stroke: '#c62828', dash: '5 3', tag: 'missing' },
  unexpected: { fill: '#fff1e0', stroke: '#e67e00', tag: 'unexpected' },
  divergent: { fill: '#fdecec', stroke: '#c62828', tag: 'divergent' },
};

const FONT = "font-family=\"'Segoe UI', Helvetica, Arial, sans-serif\"";
const GUTTER = 84;
const MARGIN = 12;
const TITLE_H = 30;
const HEADER_H = 44;
const LINE_H = 13;
const ROW_GAP = 10;
const STACK_GAP = 6;

interface Placed { readonly event: DiagramEvent; readonly index: number; readonly lines: readonly string[]; readonly height: number }
interface Row { readonly group?: number; readonly events: Placed[] }
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
  const layout: Layout = {
    laneWidth,
    right: GUTTER + lanes.length * laneWidth,
    laneX: new Map(lanes.map((l, i) => [l.id, GUTTER + i * laneWidth + laneWidth / 2])),
    rows: rowsOf(model.events, laneWidth),
    colours: connColours(model.events),
    ...firstDivergenceOf(model.events),
  };
  // Wide enough for the title and caption too (SVG text does not wrap).
  const width = Math.ceil(Math.max(GUTTER + lanes.length * laneWidth + MARGIN, model.title.length * 8 + 2 * MARGIN, (model.caption?.length ?? 0) * 5.8 + 2 * MARGIN));
  const top = TITLE_H + (model.caption ? LINE_H + 4 : 0);
  const body: string[] = [];
  let y = top + HEADER_H + ROW_GAP;
  layout.rows.forEach((row, r) => {
    const height = rowHeight(row, layout);
    body.push(renderRow(row, r, y, height, layout));
    y += height + ROW_GAP;
  });
  if (model.events.length === 0) {
    body.push(text(GUTTER, y + 14, 'no events', 'font-size="12" fill="#5f6b7a" font-style="italic"'));
    y += 28;
  }
  const legend = renderLegend(layout.colours, model.events, y + 6, width);
  const height = y + legend.height + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sequence-diagram" role="img" aria-label="${escapeXml(model.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<title>${escapeXml(model.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, 20, model.title, 'font-size="14" font-weight="600" fill="#1d2733"'),
    model.caption ? text(MARGIN, 20 + LINE_H + 4, model.caption, 'font-size="11" fill="#5f6b7a"') : '',
    renderLanes(lanes, layout, top, y),
    ...body,
    legend.svg,
    '</svg>',
  ].join('\n');
}

/** The model's lanes, plus a lane for any event whose lane was not declared (never drop an event). */
function lanesOf(model: DiagramModel): DiagramLane[] {
  const lanes = [...model.lanes];
  for (const e of model.events) if (!lanes.some((l) => l.id === e.lane)) lanes.push({ id: e.lane, label: e.lane });
  return lanes;
}

function laneWidthFor(lanes: readonly DiagramLane[], events: readonly DiagramEvent[]): number {
  const longest = Math.max(0, ...events.map((e) => e.label.length), ...lanes.flatMap((l) => l.label.split('\n').map((s) => s.length)));
  return Math.min(280, Math.max(190, Math.ceil(longest * 7.2) + 44));
}

function maxChars(laneWidth: number): number {
  return Math.max(12, Math.floor((laneWidth - 40) / 5.6));
}

/** Word-wrap a note to the lane width (an estimate: SVG text does not wrap by itself). */
function wrap(note: string | undefined, chars: number): string[] {
  if (!note) return [];
  return note.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > chars) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word.length > chars ? `${word.slice(0, chars - 1)}…` : word;
    }
    return line ? [...lines, line] : lines;
  });
}

function eventHeight(e: DiagramEvent, lines: readonly string[]): number {
  return 22 + (e.connId !== undefined ? LINE_H : 0) + lines.length * LINE_H + (STATUS_STYLE[e.status ?? 'expected'].tag ? LINE_H : 0);
}

/** Consecutive order; every event of one group joins the row where the group first appeared. */
function rowsOf(events: readonly DiagramEvent[], laneWidth: number): Row[] {
  const rows: Row[] = [];
  const byGroup = new Map<number, Row>();
  events.forEach((event, index) => {
    const lines = wrap(event.note, maxChars(laneWidth));
    const placed: Placed = { event, index, lines, height: eventHeight(event, lines) };
    const existing = event.group !== undefined ? byGroup.get(event.group) : undefined;
    if (existing) {
      existing.events.push(placed);
      return;
    }
    const row: Row = { events: [placed], ...(event.group !== undefined ? { group: event.group } : {}) };
    if (event.group !== undefined) byGroup.set(event.group, row);
    rows.push(row);
  });
  return rows;
}

function rowHeight(row: Row, layout: Layout): number {
  const perLane = new Map<number, number>();
  for (const p of row.events) {
    const x = layout.laneX.get(p.event.lane) ?? 0;
    perLane.set(x, (perLane.get(x) ?? -STACK_GAP) + STACK_GAP + p.height);
  }
  return Math.max(0, ...perLane.values()) + (row.events.length > 1 ? 12 : 0);
}

function connColours(events: readonly DiagramEvent[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const e of events) {
    if (e.connId !== undefined && !colours.has(e.connId)) colours.set(e.connId, CONN_COLOURS[colours.size % CONN_COLOURS.length] ?? '#455a64');
  }
  return colours;
}

function firstDivergenceOf(events: readonly DiagramEvent[]): { firstDivergence?: number } {
  const i = events.findIndex((e) => e.status === 'missing' || e.status === 'unexpected' || e.status === 'divergent');
  return i >= 0 ? { firstDivergence: i } : {};
}

function text(x: number, y: number, content: string, attrs = '', anchor = 'start'): string {
  return `<text x="${round(x)}" y="${round(y)}" text-anchor="${anchor}" ${attrs}>${escapeXml(content)}</text>`;
}

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
      `<rect x="${round(x - w / 2)}" y="${top}" width="${w}" height="${HEADER_H - 6}" rx="6" fill="#e8eef5" stroke="#5f6b7a"/>`,
      text(x, top + (rest.length ? 16 : 24), first, 'font-size="13" font-weight="600" fill="#1d2733"', 'middle'),
      rest.length ? text(x, top + 31, rest.join(' · '), 'font-size="10.5" fill="#4a5563"', 'middle') : '',
      '</g>',
    ].join('');
  }).join('\n');
}

function renderRow(row: Row, r: number, y: number, height: number, layout: Layout): string {
  const parts: string[] = [];
  const grouped = row.events.length > 1 && row.group !== undefined;
  if (grouped) {
    parts.push(`<rect class="any-order" x="${GUTTER - 6}" y="${y - 4}" width="${layout.right - GUTTER + 6}" height="${height + 2}" rx="8" fill="#f1f3f8" stroke="#8a94a6" stroke-dasharray="2 3"/>`);
    parts.push(text(8, y + 28, '⇅ any order', 'font-size="10.5" fill="#4a5563" font-style="italic"'));
  }
  parts.push(text(8, y + 14, row.group !== undefined ? `step ${row.group}` : `#${r + 1}`, 'font-size="11" fill="#4a5563" font-weight="600"'));
  const divergent = row.events.find((p) => p.index === layout.firstDivergence);
  if (divergent) {
    parts.push(`<line class="first-divergence" x1="2" y1="${y - 6}" x2="${layout.right}" y2="${y - 6}" stroke="#c62828" stroke-width="2"/>`);
    parts.push(text(8, y + (grouped ? 42 : 28), 'first divergence', 'font-size="10.5" fill="#c62828" font-weight="600"'));
  }
  const stackY = new Map<string, number>();
  for (const p of row.events) {
    const offset = stackY.get(p.event.lane) ?? (grouped ? 4 : 0);
    parts.push(renderEvent(p, layout, y + offset, p.index === layout.firstDivergence));
    stackY.set(p.event.lane, offset + p.height + STACK_GAP);
  }
  return `<g class="row" data-row="${r}"${row.group !== undefined ? ` data-group="${row.group}"` : ''}>${parts.join('')}</g>`;
}

function renderEvent(p: Placed, layout: Layout, y: number, first: boolean): string {
  const { event } = p;
  const status = event.status ?? 'expected';
  const style = STATUS_STYLE[status];
  const x = layout.laneX.get(event.lane) ?? 0;
  const w = layout.laneWidth - 24;
  const left = x - w / 2;
  const colour = event.connId !== undefined ? layout.colours.get(event.connId) : undefined;
  const tooltip = [event.label, event.connId !== undefined ? `ConnID ${event.connId}` : '', event.note ?? '', style.tag ?? ''].filter(Boolean).join('\n');
  const parts = [
    `<g class="ev ev-${status}" data-lane="${escapeXml(event.lane)}" data-event="${escapeXml(event.label)}" data-status="${status}"${event.connId !== undefined ? ` data-conn="${escapeXml(event.connId)}"` : ''}>`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect x="${round(left)}" y="${round(y)}" width="${w}" height="${p.height}" rx="5" fill="${style.fill}" stroke="${style.stroke}" stroke-width="${first ? 3 : 1.3}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    colour ? `<rect x="${round(left)}" y="${round(y)}" width="5" height="${p.height}" rx="2" fill="${colour}"/>` : '',
    text(left + 11, y + 16, event.label, `font-size="12" font-weight="600" fill="${status === 'missing' ? '#c62828' : '#1d2733'}"`),
  ];
  let line = y + 16;
  if (event.connId !== undefined) {
    line += LINE_H;
    parts.push(text(left + 11, line, `ConnID ${shorten(event.connId, Math.floor((layout.laneWidth - 40) / 6.6) - 7)}`, `font-size="11" font-weight="600" fill="${colour ?? '#1d2733'}"`));
  }
  for (const l of p.lines) {
    line += LINE_H;
    parts.push(text(left + 11, line, l, 'font-size="10.5" fill="#3b4552"'));
  }
  if (style.tag) parts.push(text(left + 11, line + LINE_H, style.tag.toUpperCase(), `font-size="10" font-weight="700" fill="${style.stroke}"`));
  parts.push('</g>');
  return parts.join('');
}

/** Shorten in the middle: ConnIDs of one switch share their prefix and differ at the end. */
function shorten(s: string, chars: number): string {
  if (s.length <= chars) return s;
  const keep = Math.max(4, chars - 1);
  const head = Math.ceil(keep / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (keep - head))}`;
}

function renderLegend(colours: ReadonlyMap<string, string>, events: readonly DiagramEvent[], y: number, width: number): { svg: string; height: number } {
  const items: { label: string; swatch: string }[] = [];
  for (const [conn, colour] of colours) items.push({ label: `ConnID ${shorten(conn, 18)}`, swatch: `fill="${colour}"` });
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
    const w = 26 + item.label.length * 6.2;
    if (x + w > width - MARGIN && x > MARGIN) {
      x = MARGIN;
      row += 1;
    }
    const top = y + row * 18;
    parts.push(`<rect x="${round(x)}" y="${top}" width="12" height="12" rx="2" ${item.swatch}/>`, text(x + 17, top + 10, item.label, 'font-size="10.5" fill="#3b4552"'));
    x += w + 10;
  }
  parts.push('</g>');
  return { svg: parts.join(''), height: (row + 1) * 18 };
}

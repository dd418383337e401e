/**
 * Expectation tables: one row per event. Columns:
 * - `dn` (or `party`): whose event stream the event belongs to — a party name or a DN.
 *   Omitted when the step names the DN ("Then Bob's DN receives, in order:").
 * - `event`: the event name (`EventRinging`; `Ringing` is accepted too).
 * - `step` (optional): the row of the documented GenEM table. Events of one step may arrive in any
 *   order; without the column every row is its own step.
 * - any attribute name as in logs (`ConnID`, `this dn role`, `OtherDN`...): one cell matcher each.
 * - envelope columns (optional, beyond one T-Server): `protocol` (T-Library when the event says
 *   none), `site`, `sender` — checked against the event's envelope, not its attributes.
 */
import { lookupAttribute, lookupEvent, protocolsOf, type AttributeDefinition } from '../model/catalogue';
import { DEFAULT_PROTOCOL, type AttrValue, type TEvent } from '../model/event';
import { allowancesFor } from '../model/allowances';
import { matchCell, parseCell, CellSyntaxError, type CellMatcher } from './cells';

/** Envelope columns: matched like string (protocol, site) or DN (sender: a party name) cells. */
const ENVELOPE: Readonly<Record<string, AttributeDefinition>> = {
  protocol: { name: 'protocol', kind: 'string' },
  site: { name: 'site', kind: 'string' },
  sender: { name: 'sender', kind: 'dn' },
};

/** The value a cell is matched against: an attribute, or an envelope field for envelope columns. */
export function cellValue(event: TEvent, attribute: string): AttrValue | undefined {
  if (attribute === 'protocol') return event.protocol ?? DEFAULT_PROTOCOL;
  if (attribute === 'site') return event.site;
  if (attribute === 'sender') return event.sender;
  return event.attributes[attribute];
}

export interface ExpectedCell {
  readonly attribute: string;
  readonly matcher: CellMatcher;
}

export interface ExpectedRow {
  /** 0-based position in the table. */
  readonly index: number;
  /** Feature-file line of the row, when known. */
  readonly line?: number;
  /** Party name or DN; undefined when the step fixes the DN. */
  readonly dn?: string;
  readonly step: number;
  readonly event: string;
  readonly cells: readonly ExpectedCell[];
}

/** A table problem at a row (0 = header) and column; the caller turns it into file:line. */
export class TableError extends Error {
  constructor(message: string, readonly row: number, readonly column?: number) {
    super(message);
  }
}

export interface TableOptions {
  /** Whether the table must have a `dn` column (multi-DN step) or must not (single-DN step). */
  readonly dnColumn: 'required' | 'forbidden';
  /** Feature-file line of each table row (header first), for error messages and diffs. */
  readonly lines?: readonly number[];
}

const DN_HEADERS = new Set(['dn', 'party']);

type Column =
  | { readonly role: 'dn' | 'event' | 'step' }
  | { readonly role: 'attribute'; readonly attribute: ReturnType<typeof lookupAttribute> & object };

function classify(header: string, col: number): Column {
  const h = header.trim().toLowerCase();
  if (DN_HEADERS.has(h)) return { role: 'dn' };
  if (h === 'event') return { role: 'event' };
  if (h === 'step') return { role: 'step' };
  const envelope = ENVELOPE[h];
  if (envelope) return { role: 'attribute', attribute: envelope };
  const attribute = lookupAttribute(header);
  if (!attribute) throw new TableError(`unknown attribute column "${header}"`, 0, col);
  return { role: 'attribute', attribute };
}

/** Parse and validate a whole table; throws {@link TableError} at the first problem. */
export function parseExpectationTable(rows: readonly (readonly string[])[], options: TableOptions): ExpectedRow[] {
  const [header, ...body] = rows;
  if (!header) throw new TableError('the expectation table is empty', 0);
  const columns = header.map(classify);
  const roles = columns.map((c) => c.role);
  if (!roles.includes('event')) throw new TableError('the table needs an "event" column', 0);
  if (options.dnColumn === 'required' && !roles.includes('dn')) throw new TableError('the table needs a "dn" column (whose event it is)', 0);
  if (options.dnColumn === 'forbidden' && roles.includes('dn')) throw new TableError('this step names the DN already; remove the "dn" column', 0);
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    const key = c.role === 'attribute' ? c.attribute.name : c.role;
    if (seen.has(key)) throw new TableError(`column "${header[i] ?? ''}" appears twice`, 0, i);
    seen.add(key);
  });
  if (body.length === 0) throw new TableError('the expectation table has no event rows', 0);
  return body.map((cells, r) => parseRow(columns, cells, r + 1, options.lines?.[r + 1]));
}

function parseRow(columns: readonly Column[], cells: readonly string[], rowNumber: number, line: number | undefined): ExpectedRow {
  let dn: string | undefined;
  let event: string | undefined;
  let step = rowNumber;
  const parsed: ExpectedCell[] = [];
  const written: { attribute: string; matcher: CellMatcher; text: string; col: number }[] = [];
  columns.forEach((column, col) => {
    const text = (cells[col] ?? '').trim();
    if (column.role === 'dn') {
      if (!text) throw new TableError('the dn cell is empty', rowNumber, col);
      dn = text;
    } else if (column.role === 'event') {
      event = lookupEvent(text);
      if (!event) throw new TableError(`unknown event "${text}"`, rowNumber, col);
    } else if (column.role === 'step') {
      if (!/^\d+$/.test(text)) throw new TableError(`step "${text}" is not a positive number`, rowNumber, col);
      step = Number(text);
    } else if (column.role === 'attribute') {
      try {
        const matcher = parseCell(column.attribute, text);
        if (matcher) parsed.push({ attribute: column.attribute.name, matcher });
        if (matcher) written.push({ attribute: column.attribute.name, matcher, text, col });
      } catch (e) {
        if (e instanceof CellSyntaxError) throw new TableError(`${column.attribute.name}: ${e.message}`, rowNumber, col);
        throw e;
      }
    }
  });
  if (!event) throw new TableError('the event cell is empty', rowNumber);
  for (const w of written) checkAllowances(event, w.attribute, w.matcher, w.text, rowNumber, w.col);
  checkProtocol(event, parsed, rowNumber);
  return { index: rowNumber - 1, step, event, cells: parsed, ...(dn !== undefined ? { dn } : {}), ...(line !== undefined ? { line } : {}) };
}

/**
 * A cell must admit what GenEM allows the event (support/model/allowances.ts): a table stricter
 * than GenEM would fail a conformant switch, and the same event would assert different things in
 * different features.
 */
function checkAllowances(event: string, attribute: string, matcher: CellMatcher, text: string, rowNumber: number, col: number): void {
  const ctx = { bindings: new Map(), resolveDn: (ref: string) => ref };
  for (const a of allowancesFor(event, attribute)) {
    const refused = a.allows === 'absent' ? (matchCell(matcher, undefined, ctx).ok ? [] : ['absent'])
      : a.allows.filter((v) => !matchCell(matcher, v, ctx).ok);
    if (refused.length > 0) {
      throw new TableError(`"${text}" refuses ${refused.join(', ')}, which GenEM allows in ${event}'s ${attribute} (${a.source}); write it as e.g. "${a.write}"`, rowNumber, col);
    }
  }
}

/** A row that names one protocol must name an event of that protocol (EventInvite is not T-Library). */
function checkProtocol(event: string, cells: readonly ExpectedCell[], rowNumber: number): void {
  const protocol = cells.find((c) => c.attribute === 'protocol')?.matcher;
  const named = protocol?.kind === 'exact' ? [String(protocol.value)] : protocol?.kind === 'oneOf'
    ? protocol.options.flatMap((o) => (o.kind === 'exact' ? [String(o.value)] : [])) : [];
  const known = protocolsOf(event);
  const wrong = named.filter((p) => !(known as readonly string[]).includes(p));
  if (wrong.length > 0) throw new TableError(`${event} is not a message of ${wrong.join(', ')} (it is ${known.join(', ')})`, rowNumber);
}

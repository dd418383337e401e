/**
 * The known-issues manifest: a versioned JSON file the user writes (path in the run configuration,
 * `"knownIssues": "known-issues.json"`), listing deviations of the system under test that are
 * already reported upstream.
 *
 *     { "knownIssues": [ { "scenario": "features/x.feature:31" | "<scenario name>",
 *         "dn": "Bob" | "7002", "event": "EventRinging", "attribute": "CallState",
 *         "reason": "…", "issue": "https://…", "expires": "2026-12-31" } ] }
 *
 * `dn`, `event` and `attribute` are optional narrowing (absent = any). A scenario whose every
 * deviation is covered by an unexpired entry is reported as **known**, not failed. An entry that
 * did not cover a deviation in a run that executed its scenario, or whose date has passed, is
 * **stale** and fails the run: fixed issues and forgotten entries do not linger.
 */
import { UsageError } from '../errors';
import { isObject, parseManifest, readManifest, type Manifest } from '../config/manifest';
import type { Diagnosis } from '../matching/diagnose';

export interface KnownIssue {
  readonly scenario: string;
  readonly dn?: string;
  readonly event?: string;
  readonly attribute?: string;
  readonly reason: string;
  readonly issue: string;
  /** ISO date (YYYY-MM-DD); the entry is stale from the day after. */
  readonly expires: string;
}

/** One deviation of a scenario: an attribute differs, an event is missing, unexpected or out of order. */
export interface Deviation {
  readonly dn: string;
  readonly event: string;
  readonly attribute?: string;
}

export interface ScenarioRef {
  readonly name: string;
  readonly uri: string;
  readonly line: number;
}

const REQUIRED = ['scenario', 'reason', 'issue', 'expires'] as const;
const OPTIONAL = ['dn', 'event', 'attribute'] as const;

const KNOWN_ISSUES: Manifest<KnownIssue[]> = {
  what: 'known-issues manifest',
  validate: (raw, json) => {
    const list = isObject(raw) ? raw.knownIssues : undefined;
    if (!Array.isArray(list)) throw new UsageError(`${json.file}: expected { "knownIssues": [ … ] }`);
    return list.map((entry: unknown, i) => checkEntry(json.file, i + 1, entry));
  },
};

export function parseKnownIssues(file: string, text: string): KnownIssue[] {
  return parseManifest(file, text, KNOWN_ISSUES);
}

function checkEntry(file: string, n: number, entry: unknown): KnownIssue {
  const at = `${file}: entry ${String(n)}`;
  if (typeof entry !== 'object' || entry === null) throw new UsageError(`${at} must be an object`);
  const x = entry as Record<string, unknown>;
  for (const k of REQUIRED) if (typeof x[k] !== 'string' || x[k] === '') throw new UsageError(`${at} needs a non-empty "${k}"`);
  for (const k of OPTIONAL) if (x[k] !== undefined && typeof x[k] !== 'string') throw new UsageError(`${at}: "${k}" must be a string`);
  const unknown = Object.keys(x).filter((k) => !(REQUIRED as readonly string[]).includes(k) && !(OPTIONAL as readonly string[]).includes(k));
  if (unknown.length) throw new UsageError(`${at}: unknown field(s) ${unknown.join(', ')}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(x.expires as string) || Number.isNaN(Date.parse(x.expires as string))) {
    throw new UsageError(`${at}: "expires" must be a date YYYY-MM-DD`);
  }
  if (!/^https?:\/\/\S+$/.test(x.issue as string)) throw new UsageError(`${at}: "issue" must be a link (http… URL)`);
  return x as unknown as KnownIssue;
}

/** The manifest's entries (none without a manifest); the conformance CLI reads it before the first scenario. */
export function loadKnownIssues(file: string | undefined): KnownIssue[] {
  return file ? readManifest(file, KNOWN_ISSUES) : [];
}

export function isExpired(entry: KnownIssue, today: Date): boolean {
  return entry.expires < today.toISOString().slice(0, 10);
}

/** A stable key for an entry (shown in logs, used to find stale entries). */
export function entryKey(entry: KnownIssue): string {
  return [entry.scenario, entry.dn ?? '*', entry.event ?? '*', entry.attribute ?? '*'].join(' | ');
}

export function appliesToScenario(entry: KnownIssue, s: ScenarioRef): boolean {
  return entry.scenario === s.name || entry.scenario === `${s.uri}:${String(s.line)}`;
}

/** Every deviation a diagnosis lists (differing attributes, missing, unexpected, out of order). */
export function deviationsOf(d: Diagnosis): Deviation[] {
  const out: Deviation[] = [];
  for (const lane of d.lanes) {
    for (const v of lane.rows) {
      if (v.kind === 'matched') {
        if (v.outOfOrder) out.push({ dn: lane.dn, event: v.row.event });
        continue;
      }
      const attributes = v.differences.filter((x) => x.attribute !== 'event');
      if (!v.nearest || attributes.length < v.differences.length || attributes.length === 0) out.push({ dn: lane.dn, event: v.row.event });
      for (const a of attributes) out.push({ dn: lane.dn, event: v.row.event, attribute: a.attribute });
    }
    for (const e of lane.unexpected) out.push({ dn: lane.dn, event: e.name });
  }
  return out;
}

/**
 * The unexpired entries that cover every deviation, or undefined when one deviation is not
 * covered (then the scenario fails as usual). `resolveDn` lets entries name a party.
 */
export function covering(entries: readonly KnownIssue[], s: ScenarioRef, deviations: readonly Deviation[], resolveDn: (ref: string) => string, today: Date): KnownIssue[] | undefined {
  if (deviations.length === 0) return undefined;
  const live = entries.filter((e) => appliesToScenario(e, s) && !isExpired(e, today));
  const used = new Set<KnownIssue>();
  for (const d of deviations) {
    const hit = live.find((e) => (e.dn === undefined || resolveDn(e.dn) === d.dn) && (e.event === undefined || e.event === d.event)
      && (e.attribute === undefined || e.attribute === d.attribute));
    if (!hit) return undefined;
    used.add(hit);
  }
  return [...used];
}

export const KNOWN_LOG_PREFIX = 'Known issue: ';

export function knownLog(entry: KnownIssue): string {
  return `${KNOWN_LOG_PREFIX}${entryKey(entry)} — ${entry.reason} (${entry.issue}, until ${entry.expires})`;
}

/** Entries that fail the run: expired, or not used although their scenario ran. */
export function staleEntries(entries: readonly KnownIssue[], ran: readonly (ScenarioRef & { readonly known?: readonly string[] })[], today: Date): { entry: KnownIssue; why: string }[] {
  const used = new Set(ran.flatMap((r) => r.known ?? []));
  const out: { entry: KnownIssue; why: string }[] = [];
  for (const entry of entries) {
    if (isExpired(entry, today)) out.push({ entry, why: `expired on ${entry.expires}` });
    else if (ran.some((r) => appliesToScenario(entry, r)) && !used.has(entryKey(entry))) out.push({ entry, why: 'its scenario ran and this deviation no longer occurs' });
  }
  return out;
}

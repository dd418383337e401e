/**
 * The log replay adapter (observe-only: it has no `send`). It reads a recorded trace (a Genesys log
 * or NDJSON) and plays it back in the feature's terms:
 *
 * - **Unification.** A feature's DNs (7001, 7002) are rarely the DNs of the recording. Parties are
 *   bound to trace DNs as requests are found: a DN the trace itself uses binds to itself, `dnMap`
 *   in the options binds explicitly, otherwise the first recorded request whose DNs can be bound
 *   consistently (one trace DN per party, one party per trace DN) fixes the binding.
 * - **Stimulus as expectation.** {@link ReplayAdapter.recorded} finds the recorded request that a
 *   step would have sent (same request name, DNs unifiable, ConnID equal when both have one) after
 *   the replay cursor, delivers the recorded events up to the next recorded client request with the
 *   DNs translated back to the feature's, and returns the recorded ReferenceID (so `$request` binds
 *   to it). `undefined` means the trace does not contain that stimulus: the scenario is "not
 *   exercised", never failed.
 *
 * The session (support/adapter/session.ts) calls `recorded` in place of `send`. The adapter
 * declares the capabilities the recording names (see {@link createReplayAdapter}).
 */
import { SCENARIO_MARKER } from './RecordingAdapter';
import type { Capabilities, EventSink, EventSourceAdapter, Topology } from '../adapter/contract';
import { lookupAttribute } from '../model/catalogue';
import type { Attributes, TRequest } from '../model/event';
import { UsageError } from '../errors';
import { readTrace } from '../accel';
import type { RawValue, TraceRecord } from './record';

/** Replay holds the trace in memory; a larger trace must be cut (e.g. with `npm run trace | grep`) first. */
export const MAX_REPLAY_RECORDS = 200_000;

const loaded = new Map<string, Promise<readonly TraceRecord[]>>();

function load(file: string): Promise<readonly TraceRecord[]> {
  let p = loaded.get(file);
  if (!p) {
    p = (async () => {
      const records: TraceRecord[] = [];
      let tooMany = false;
      await readTrace(file, (r) => {
        if (r.sync) return; // HA copies to the backup are not traffic with clients
        if (records.length < MAX_REPLAY_RECORDS) records.push(r);
        else tooMany = true;
      });
      if (tooMany) throw new Error(`${file} has more than ${MAX_REPLAY_RECORDS} records; cut it to the calls of interest first`);
      return records;
    })();
    loaded.set(file, p);
  }
  return p;
}

const isDnAttribute = (name: string): boolean => lookupAttribute(name)?.kind === 'dn';

export class ReplayAdapter implements EventSourceAdapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  private records: readonly TraceRecord[] = [];
  private cursor = 0;
  private sink: EventSink | undefined;
  /** feature DN → trace DN, and back. */
  private readonly toTrace = new Map<string, string>();
  private readonly toFeature = new Map<string, string>();

  /** `features`: what the recorded system could do (`@requires:` names), so those scenarios are replayed, not skipped. */
  constructor(private readonly file: string, private readonly dnMap: Readonly<Record<string, string>> = {}, features: readonly string[] = []) {
    this.name = `replay of ${file}`;
    this.capabilities = { requests: [], features: [...features] };
  }

  async open(topology: Topology, sink: EventSink): Promise<void> {
    this.records = sliceForScenario(await load(this.file), topology.scenario);
    this.sink = sink;
    this.cursor = 0;
    this.toTrace.clear();
    this.toFeature.clear();
    const traceDns = new Set(this.records.flatMap((r) => Object.entries(r.attributes).filter(([k, v]) => isDnAttribute(k) && typeof v === 'string').map(([, v]) => v as string)));
    for (const party of topology.parties) {
      const mapped = this.dnMap[party.dn] ?? (traceDns.has(party.dn) ? party.dn : undefined);
      if (mapped && !this.toFeature.has(mapped)) this.bind(party.dn, mapped);
    }
  }

  /**
   * The recorded counterpart of `request` (feature DNs), or undefined when the trace has none after
   * the cursor. Delivers the recorded events up to the next client request.
   */
  recorded(request: TRequest): number | undefined {
    for (let i = this.cursor; i < this.records.length; i += 1) {
      const r = this.records[i];
      if (r?.kind !== 'request' || r.name !== request.name) continue;
      const bindings = this.unify(request.attributes, r.attributes);
      if (!bindings) continue;
      for (const [f, t] of bindings) this.bind(f, t);
      this.deliver(i + 1);
      const ref = r.attributes.ReferenceID;
      return typeof ref === 'number' ? ref : 0;
    }
    return undefined;
  }

  close(): Promise<void> {
    this.sink = undefined;
    return Promise.resolve();
  }

  private bind(featureDn: string, traceDn: string): void {
    this.toTrace.set(featureDn, traceDn);
    this.toFeature.set(traceDn, featureDn);
  }

  /** New bindings that make the request's DN attributes equal to the recorded ones, or undefined. */
  private unify(wanted: Attributes, recorded: Readonly<Record<string, RawValue>>): Map<string, string> | undefined {
    const fresh = new Map<string, string>();
    const taken = new Set<string>();
    for (const [key, value] of Object.entries(wanted)) {
      if (key === 'ReferenceID' || typeof value !== 'string') continue;
      const have = recorded[key];
      if (!isDnAttribute(key)) {
        if (key === 'ConnID' && typeof have === 'string' && have.toLowerCase() !== value.toLowerCase()) return undefined;
        continue;
      }
      if (typeof have !== 'string') return undefined;
      const bound = this.toTrace.get(value) ?? fresh.get(value);
      if (bound !== undefined ? bound !== have : this.toFeature.has(have) || taken.has(have)) return undefined;
      fresh.set(value, have);
      taken.add(have);
    }
    return fresh;
  }

  /** Deliver events from the cursor up to (not including) the next client request after `from`. */
  private deliver(from: number): void {
    let i = this.cursor;
    for (; i < this.records.length; i += 1) {
      const r = this.records[i];
      if (!r) break;
      if (i >= from && r.kind === 'request') break;
      if (r.kind === 'event') this.emit(r);
    }
    this.cursor = i;
  }

  private emit(r: TraceRecord): void {
    const dn = r.dn !== undefined ? this.toFeature.get(r.dn) : undefined;
    if (dn === undefined) return; // a DN no party of the scenario is bound to: not watched
    const attributes: Record<string, RawValue> = {};
    for (const [k, v] of Object.entries(r.attributes)) {
      attributes[k] = isDnAttribute(k) && typeof v === 'string' ? this.toFeature.get(v) ?? v : v;
    }
    this.sink?.event({ name: r.name, dn, attributes, origin: r.source });
  }
}

/**
 * A recording made with `--record` marks where each scenario starts; replay the marked part only,
 * so one scenario cannot match another scenario's requests. Traces without markers (real logs) are
 * replayed whole.
 */
function sliceForScenario(records: readonly TraceRecord[], scenario: string | undefined): readonly TraceRecord[] {
  const isMarker = (r: TraceRecord): boolean => r.name === SCENARIO_MARKER;
  if (!scenario || !records.some(isMarker)) return records;
  const start = records.findIndex((r) => isMarker(r) && r.attributes.scenario === scenario);
  if (start < 0) return [];
  const end = records.findIndex((r, i) => i > start && isMarker(r));
  return records.slice(start + 1, end < 0 ? undefined : end);
}

/**
 * The replay's declared features: those the recording's scenario markers name (what the recorded
 * system declared when `--record` wrote it), and `features` from the options (for a log written by
 * a real system, where nothing says what it could do).
 */
async function recordedFeatures(file: string, given: unknown): Promise<string[]> {
  if (given !== undefined && (!Array.isArray(given) || given.some((f) => typeof f !== 'string'))) {
    throw new UsageError('replay: "features" must be a list of capability names, e.g. ["external-parties"]');
  }
  const features = new Set<string>(given as string[] | undefined);
  for (const r of await load(file)) {
    const named = r.name === SCENARIO_MARKER ? r.attributes.features : undefined;
    if (typeof named === 'string') for (const f of named.split(' ')) if (f) features.add(f);
  }
  return [...features];
}

export async function createReplayAdapter(options: Readonly<Record<string, unknown>>): Promise<ReplayAdapter> {
  const file = options.file;
  if (typeof file !== 'string' || !file) throw new UsageError('replay: "file" (the trace to replay) is required');
  const dnMap = options.dnMap;
  if (dnMap !== undefined && (typeof dnMap !== 'object' || dnMap === null || Object.values(dnMap).some((v) => typeof v !== 'string'))) {
    throw new UsageError('replay: "dnMap" must map feature DNs to trace DNs, e.g. { "7001": "2001" }');
  }
  return new ReplayAdapter(file, (dnMap ?? {}) as Record<string, string>, await recordedFeatures(file, options.features));
}

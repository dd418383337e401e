/**
 * A log's records grouped into call threads, for a producer (`npm run feed`): the recognizer's own
 * call splitter (support/recognize/episodes.ts — ConnIDs linked by PreviousConnID, TransferConnID
 * and CallUUID, the requests that acted on them, the calls a party was on at the same time) decides
 * what one thread is, so a worker receives exactly what `npm run recognize` would judge as one call.
 *
 * A thread is handed on when its call is over (and its grace period, a few records, has passed), or
 * at the end of input. Its id is its first ConnID (made unique within the input). Records of no
 * call (agent state of an idle DN, registrations) are counted, not published on their own; a
 * thread carries, before its own records, the last state events of the DNs it names (an agent's
 * login, do-not-disturb, a supervisor monitoring — support/recognize/dnStates.ts), so a worker
 * judges the call with the state its DNs were in, as `npm run recognize` does.
 */
import { DnKnowledge } from '../trace/logIndex';
import { msOf, type TraceRecord } from '../trace/record';
import { connIdOf } from '../trace/stimuli';
import { EpisodeSplitter, linksOf, type Episode } from '../recognize';
import { DnStateTail } from '../recognize/dnStates';
import { SCENARIO_MARKER, SESSION_MARKER } from '../trace/RecordingAdapter';
import { KeySet } from '../model/recent';

export interface CallThread {
  readonly id: string;
  /** In log order. */
  readonly records: readonly TraceRecord[];
  /** False when the input ended (or it was idle) while a DN was still on the call. */
  readonly complete: boolean;
  /**
   * The place in the thread of its first record, when it is not 0: the rest of a thread handed on
   * before, idle (a source that never ends hands on a call idle too long; its later events continue
   * the thread where it stopped, and a monitor counts them as late).
   */
  readonly from?: number;
}

export class CallThreads {
  private readonly knowledge = new DnKnowledge();
  private readonly states = new DnStateTail();
  private readonly splitter: EpisodeSplitter;
  /** The thread ids used so far (two threads never share one: their message ids would collide); see the constructor's `remember`. */
  private readonly used: KeySet<string>;
  records = 0;
  /** `file:line` of the first scenario or session marker: the input is a harness recording, not one switch's calls. */
  recordingMarker: string | undefined;

  /**
   * `idOf`: the producer's own id of a thread (VM's CallThreadID), when it has one; else the first
   * ConnID. `remember`: how many recent thread ids are kept to tell threads apart (at least these, at
   * most twice as many) — a source that never ends (a Kafka topic) must not keep every one; a file's
   * threads are all kept (undefined).
   */
  constructor(private readonly onThread: (thread: CallThread) => void, private readonly idOf?: (records: readonly TraceRecord[]) => string | undefined, remember?: number) {
    this.used = new KeySet(remember);
    this.splitter = new EpisodeSplitter((e, finished) => this.hand(e, finished), linksOf(this.knowledge));
  }

  push(r: TraceRecord): void {
    this.records += 1;
    if (this.recordingMarker === undefined && (r.name === SCENARIO_MARKER || r.name === SESSION_MARKER)) this.recordingMarker = r.source;
    this.knowledge.learn(r);
    this.states.note(r);
    this.splitter.push(r, msOf(r.time));
  }

  /** Thread ids remembered (see the constructor's `remember`). */
  get rememberedIds(): number {
    return this.used.size;
  }

  /** Calls in progress (their records are held). */
  get inProgress(): number {
    return this.splitter.inProgress;
  }

  /** The records pushed and not yet handed on in a thread (what a source must not let go of). */
  held(): Iterable<TraceRecord> {
    return this.splitter.held();
  }

  /** Hands on (incomplete) the calls no record touched since `nowMs - idleMs` of log time. */
  expireIdle(nowMs: number, idleMs: number): void {
    this.splitter.expireIdle(nowMs, idleMs);
  }

  /** End of input: the threads still open are handed on; the count of records in no call. */
  end(): { outside: number } {
    this.splitter.flush();
    return { outside: this.splitter.outside };
  }

  private hand(e: Episode, finished: boolean): void {
    let id = this.idOf?.(e.records) ?? '';
    for (const r of id ? [] : e.records) {
      const conn = connIdOf(r);
      if (conn) {
        id = conn;
        break;
      }
    }
    if (!id) id = `call-${e.id}`;
    let unique = id;
    for (let n = 2; this.used.has(unique); n++) unique = `${id}-${n}`;
    this.used.add(unique);
    this.onThread({ id: unique, records: this.withState(e.records), complete: finished });
  }

  /** A call's records after the state events of the DNs it names, up to its last line (none of its own twice). */
  private withState(records: readonly TraceRecord[]): readonly TraceRecord[] {
    if (this.recordingMarker !== undefined) return records;
    const state = this.states.contextOf(records);
    return state.length ? [...state, ...records] : records;
  }
}

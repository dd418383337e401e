/**
 * Bipartite feasibility for one group of rows and the window of events it must take: can every
 * event still get a distinct unused row it is compatible with? Augmenting paths (Kuhn's
 * algorithm) over a matching that each step of the search inherits from the step before, so a
 * step usually costs one short path, not a fresh matching.
 *
 * The caller's compatibility ignores bindings not made yet (see `compatible` in sequence.ts), so
 * "no" is final — no assignment below can work — while "yes" only lets the search go on.
 */

/** Is window event `event` compatible with group row `row`? */
export type Compatible = (event: number, row: number) => boolean;

export class WindowMatching {
  private constructor(
    /** Per window event: its row, or -1. */
    private readonly rowOf: Int32Array,
    /** Per group row: its event, or -1. */
    private readonly eventOf: Int32Array,
  ) {}

  static empty(events: number, rows: number): WindowMatching {
    return new WindowMatching(new Int32Array(events).fill(-1), new Int32Array(rows).fill(-1));
  }

  /** A copy for the next step: `event` took `row` for good, so both leave the matching. */
  commit(event: number, row: number): WindowMatching {
    const next = new WindowMatching(this.rowOf.slice(), this.eventOf.slice());
    next.unpairEvent(event);
    const owner = next.eventOf[row] ?? -1;
    if (owner >= 0) next.unpairEvent(owner);
    return next;
  }

  /**
   * Give every event from `from` on a row that is not `blocked`. With `recheck`, pairs kept from
   * before are checked again first (new bindings can make a pair incompatible).
   */
  complete(from: number, blocked: Uint8Array, ok: Compatible, recheck: boolean): boolean {
    for (let e = from; e < this.rowOf.length; e += 1) {
      const r = this.rowOf[e] ?? -1;
      if (r >= 0 && (blocked[r] === 1 || (recheck && !ok(e, r)))) this.unpairEvent(e);
    }
    for (let e = from; e < this.rowOf.length; e += 1) {
      if ((this.rowOf[e] ?? -1) < 0 && !this.augment(e, blocked, ok)) return false;
    }
    return true;
  }

  private unpairEvent(event: number): void {
    const r = this.rowOf[event] ?? -1;
    if (r >= 0) this.eventOf[r] = -1;
    this.rowOf[event] = -1;
  }

  /** One augmenting path from `start`, with an explicit stack (windows may be long). */
  private augment(start: number, blocked: Uint8Array, ok: Compatible): boolean {
    const visited = new Uint8Array(this.eventOf.length);
    const events = [start];
    const nextRow = [0];
    /** `via[d]`: the row event `events[d]` would take, owned now by `events[d + 1]`. */
    const via: number[] = [];
    while (events.length > 0) {
      const d = events.length - 1;
      const e = events[d] ?? 0;
      const r = this.nextCandidate(e, nextRow, d, blocked, visited, ok);
      if (r < 0) {
        events.pop();
        nextRow.pop();
        via.pop();
        continue;
      }
      visited[r] = 1;
      via.push(r);
      const owner = this.eventOf[r] ?? -1;
      if (owner < 0) {
        for (const [i, ev] of events.entries()) this.pair(ev, via[i] ?? 0);
        return true;
      }
      events.push(owner);
      nextRow.push(0);
    }
    return false;
  }

  private nextCandidate(event: number, nextRow: number[], depth: number, blocked: Uint8Array, visited: Uint8Array, ok: Compatible): number {
    for (let r = nextRow[depth] ?? 0; r < this.eventOf.length; r += 1) {
      if (blocked[r] === 1 || visited[r] === 1 || !ok(event, r)) continue;
      nextRow[depth] = r + 1;
      return r;
    }
    nextRow[depth] = this.eventOf.length;
    return -1;
  }

  private pair(event: number, row: number): void {
    this.rowOf[event] = row;
    this.eventOf[row] = event;
  }
}

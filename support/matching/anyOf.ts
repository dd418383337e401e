/**
 * Alternatives: what a model says is reported without saying on which event. GenEM's predictive
 * call: "T-Server also attaches UserData AnswerClass=AM" when the switch reports an answering
 * machine, and no event is named for it. A table of alternatives ("at least one of these is
 * reported:") lists the events that could show it; it holds when one of its rows is matched by an
 * event since the stimulus, whichever other table took that event. It takes nothing: each of its
 * events must be accounted for by another table (the events nobody expected are judged as ever).
 */
import { matchRow, type SequenceInput, type SequenceOutcome } from './sequence';

/**
 * `matched` (nothing assigned) when an event of `input.observed` at a row's DN matches that row
 * (name and cells, under the bindings), else `diverged`. Unlike a table's rows, an alternative is
 * not the DN's next event: any of the DN's events since the stimulus may be it.
 */
export function matchAnyOf(input: SequenceInput): SequenceOutcome {
  const ctx = { bindings: input.bindings, resolveDn: input.resolveDn };
  for (const row of input.rows) {
    const dn = input.resolveDn(row.dn ?? input.defaultDn ?? '');
    for (const e of input.observed) {
      if (e.dn !== dn) continue;
      const bindings = matchRow(row, e, ctx);
      if (bindings) return { kind: 'matched', assignment: new Map(), bindings };
    }
  }
  return { kind: 'diverged' };
}

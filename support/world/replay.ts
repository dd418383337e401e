/**
 * The World's steps against a replay adapter (support/trace/ReplayAdapter.ts): each step is looked
 * up in the recording instead of sent, a Given must reach its precondition in what the recording
 * delivered (at once: a recording has nothing more to come), and when the recording's first
 * candidate does not exercise the scenario — its next act is another one, a precondition is not
 * reached, a party the scenario names is not in it — the steps so far are performed again on its
 * next candidate, until one fits or none is left. Only then is the scenario "not exercised", with
 * the first candidate's reason (never failed).
 */
import { TestCompromisedError } from '../errors';
import type { AdapterSession } from '../adapter/session';
import type { AttrValue, ObservedEvent, TRequest } from '../model/event';
import { formatEvent } from '../report/diff';
import type { Action } from './actions';
import type { CallView } from './callView';
import type { Parties } from './parties';

/** What the replay needs of the World. */
export interface ReplayHost {
  readonly parties: Parties;
  readonly calls: CallView;
  readonly bindings: Map<string, AttrValue>;
  /** The open session (opening it if needed). */
  session(): Promise<AdapterSession>;
  /** Apply the events delivered so far to the call view. */
  applyEvents(): void;
  /** What the World does before its stimulus: let events settle, consume them, note that the stimulus is sent. */
  beforeStimulus(): Promise<void>;
  /** Close the session and forget the scenario's state: the next session tries the recording's next candidate. */
  restart(): Promise<void>;
}

interface Failure {
  readonly reason: string;
  readonly final: boolean;
}

export class ReplaySteps {
  private readonly steps: { readonly action: Action; readonly role: 'setup' | 'stimulus' }[] = [];

  /** Perform a step (and, if needed, all steps so far on the next candidates). Returns why the scenario is not exercised, or undefined. */
  async perform(host: ReplayHost, action: Action, role: 'setup' | 'stimulus'): Promise<string | undefined> {
    this.steps.push({ action, role });
    let failure = await this.step(host, action, role);
    const first = failure;
    while (failure && !failure.final) {
      await host.restart();
      failure = undefined;
      for (const s of this.steps) {
        if (s.role === 'stimulus') await host.beforeStimulus();
        failure = await this.step(host, s.action, s.role);
        if (failure) break;
      }
    }
    return failure && first ? `${first.reason} (step "${action.text}")` : undefined;
  }

  private async step(host: ReplayHost, action: Action, role: 'setup' | 'stimulus'): Promise<Failure | undefined> {
    const session = await host.session();
    host.applyEvents();
    const since = session.events.length;
    let request: TRequest;
    try {
      request = action.build({ parties: host.parties, calls: host.calls, since: [] });
    } catch (e) {
      // What the recording delivered so far does not hold the precondition this step needs.
      if (e instanceof TestCompromisedError) return { reason: e.message, final: false };
      throw e;
    }
    const answer = session.replay(request, role);
    if ('notExercised' in answer) return { reason: answer.notExercised, final: answer.final };
    if (role === 'stimulus') {
      if (answer.referenceId !== undefined) host.bindings.set('$request', answer.referenceId);
      return undefined;
    }
    const result = await session.waitFor(() => {
      host.applyEvents();
      const fresh = session.events.slice(since);
      const error = fresh.find((e) => e.name === 'EventError');
      if (error) return { error };
      return action.done({ parties: host.parties, calls: host.calls, since: fresh }) ? { error: undefined } : undefined;
    });
    if (result.kind !== 'done') return { reason: `after "${action.text}" the recording does not reach the precondition`, final: false };
    if (result.value.error) return { reason: `the recording refused "${action.text}": ${formatEvent(result.value.error, ['ErrorCode', 'ErrorMessage', 'ThisDN'])}`, final: false };
    return undefined;
  }
}

/**
 * Which events of a replay can be unexpected: those before the last expected one, and those the
 * recording dates at most `settleMs` after it (a live run judges what arrives in that quiet
 * period) — never one after the scenario's next stimulus (another party's later act may have
 * caused it). The recording goes on past the scenario; what comes later is not the scenario's.
 */
export function replayHorizon(events: readonly ObservedEvent[], baseline: number, consumed: ReadonlySet<number>, settleMs: number): (e: ObservedEvent) => boolean {
  let horizon = baseline;
  for (const seq of consumed) if (seq > horizon) horizon = seq;
  const last = events.find((e) => e.seq === horizon);
  const until = recordedAt(last);
  return (e) => !(e as { afterNextAct?: unknown }).afterNextAct && (e.seq <= horizon || (until !== undefined && (recordedAt(e) ?? Infinity) <= until + settleMs));
}

function recordedAt(e: ObservedEvent | undefined): number | undefined {
  const at = (e as { recordedAt?: unknown } | undefined)?.recordedAt;
  return typeof at === 'number' ? at : undefined;
}

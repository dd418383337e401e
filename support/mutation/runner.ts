/**
 * Runs cucumber in this process, as often as needed, with the project's step definitions and
 * support code loaded once (loading is most of the cost of a run). No formatter writes anything:
 * outcomes come from the message stream, classified exactly as the conformance CLI does.
 */
import { loadConfiguration, runCucumber, type IRunConfiguration, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import { OutcomeCollector, type ScenarioOutcome } from '../report/outcomes';

export const MUTANT_ADAPTER = 'support/mutation/mutantSimulator.ts';

export interface RunnerOptions {
  /** Extra support files (the campaign adds its recording hook). */
  readonly extraRequire?: readonly string[];
  /** Support files instead of the project's (default: those of cucumber.js). */
  readonly require?: readonly string[];
}

export interface RunResult {
  readonly outcomes: readonly ScenarioOutcome[];
  /** Every message, for tests that look at attachments. */
  readonly messages: readonly Envelope[];
}

export class InProcessRunner {
  private support: ISupportCodeLibrary | undefined;
  private base: IRunConfiguration | undefined;

  constructor(private readonly options: RunnerOptions = {}) {}

  private async configuration(): Promise<IRunConfiguration> {
    if (this.base) return this.base;
    const profile = (await loadConfiguration({ profiles: ['dev'] })).useConfiguration;
    const { runConfiguration } = await loadConfiguration({
      file: false,
      provided: {
        require: [...(this.options.require ?? profile.require), ...(this.options.extraRequire ?? [])],
        requireModule: profile.requireModule,
        format: [],
        strict: true,
      },
    });
    this.base = runConfiguration;
    return runConfiguration;
  }

  /**
   * Run the scenarios at `paths` (`file.feature` or `file.feature:line`), optionally filtered by
   * name and tags, with these world parameters.
   */
  async run(paths: readonly string[], worldParameters: Readonly<Record<string, unknown>>, filter: { names?: readonly string[]; tags?: string } = {}): Promise<RunResult> {
    const base = await this.configuration();
    const collector = new OutcomeCollector();
    const messages: Envelope[] = [];
    const result = await runCucumber({
      ...base,
      sources: { ...base.sources, paths: [...paths], names: [...(filter.names ?? [])], tagExpression: filter.tags ?? '' },
      support: this.support ?? base.support,
      runtime: { ...base.runtime, worldParameters: JSON.parse(JSON.stringify(worldParameters)) as Record<string, never> },
    }, { stdout: discard(), stderr: discard() }, (envelope) => {
      messages.push(envelope);
      collector.onMessage(envelope);
    });
    this.support = result.support;
    return { outcomes: collector.outcomes(), messages };
  }
}

/** cucumber always has a stdout formatter; its output is not wanted here (outcomes come from messages). */
function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => { done(); } });
}

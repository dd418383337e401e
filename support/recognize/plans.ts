/**
 * The scenarios of the feature files as plans the recogniser can judge a call against without
 * running cucumber: each scenario's cast, its steps as the World's actions (what request each
 * Given and the When send, and when a Given took effect), and its expectation tables.
 *
 * A plan is made by running the scenario's own step definitions (steps/*.steps.ts, matched to the
 * step texts by cucumber's support code library) against a {@link PlanWorld}, which notes what the
 * steps ask for instead of doing it: the same glue the conformance run uses, so a plan says exactly
 * what the scenario says. A scenario a plan cannot hold (a step without a definition, a Then that is
 * no expectation table, no When) is left out, with the reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadSupport } from '@cucumber/cucumber/api';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type GherkinDocument, type Pickle, type PickleStep } from '@cucumber/messages';
import type { PartyConfig } from '../adapter/contract';
import type { ObservedEvent, TRequest } from '../model/event';
import { readTags } from '../model/tags';
import type { OrderMode } from '../matching/sequence';
import type { ScenarioFacts } from '../trace/logIndex';
import { pickleLine, tableLinesOf } from '../report/gherkinLocations';
import type { Action } from '../world/actions';
import { CallView, type CallState, type KnownCall } from '../world/callView';
import { namedInScenario } from '../world/named';
import { Parties } from '../world/parties';

export interface PlanStep {
  readonly action: Action;
  readonly role: 'setup' | 'stimulus';
}

export interface PlanExpectation {
  readonly rows: readonly (readonly string[])[];
  readonly mode: OrderMode;
  /** The DN the step names ("Then Bob receives, in order:"). */
  readonly dn?: string;
  /** `uri:line (step text)`, as the conformance run's diff says it. */
  readonly location: string;
  /** The step's text ("Bob receives, in order:"): what an observation level reads the table by. */
  readonly text: string;
  readonly tableLines: readonly number[];
  /** Events the model leaves optional (support/matching/optional.ts). */
  readonly optional?: boolean;
  /** Alternatives: one row matched holds, nothing is taken (support/matching/anyOf.ts). */
  readonly anyOf?: boolean;
}

export interface ScenarioPlan {
  readonly uri: string;
  readonly line: number;
  readonly name: string;
  readonly model?: string;
  /** `@requires:` capabilities: a variant of the model (a call follows one variant or another). */
  readonly requires: readonly string[];
  readonly extrasAllowed: boolean;
  /** `@extras-allowed:<party>`: parties whose events the model does not expect may arrive (they are not judged unexpected). */
  readonly extrasAllowedOn: readonly string[];
  readonly parties: readonly PartyConfig[];
  /** The parties the scenario's own steps and tables name. */
  readonly named: readonly string[];
  readonly steps: readonly PlanStep[];
  readonly expectations: readonly PlanExpectation[];
  /** The request names of the steps, in order, when they can be told without a call (a quick filter). */
  readonly requestNames?: readonly string[];
  /** What binding it to a log's DNs asks of the whole scenario (logIndex.ts configurationOf). */
  readonly facts: ScenarioFacts;
}

export interface PlanCatalogue {
  readonly plans: readonly ScenarioPlan[];
  /** Scenarios left out, with why (`uri:line name: reason`). */
  readonly leftOut: readonly string[];
}

/**
 * What the step definitions see while a plan is made: they declare the cast and hand over actions
 * and tables, which are noted, not performed.
 */
export class PlanWorld {
  readonly parties = new Parties();
  readonly steps: PlanStep[] = [];
  readonly expectations: PlanExpectation[] = [];
  unsupported: string | undefined;
  /** Where the step being planned is (set before each step). */
  location = '';
  /** The text of the step being planned. */
  text = '';
  tableLines: readonly number[] = [];

  /** Nothing is observed while planning (a step that reads it gets nothing). */
  readonly observed: readonly ObservedEvent[] = [];

  declare(party: PartyConfig): void {
    this.parties.declare(party);
  }

  establish(...actions: Action[]): undefined {
    for (const action of actions) this.steps.push({ action, role: 'setup' });
    return undefined;
  }

  stimulate(action: Action): undefined {
    this.steps.push({ action, role: 'stimulus' });
    return undefined;
  }

  expectEvents(rows: readonly (readonly string[])[], mode: OrderMode, dn?: string, optional?: boolean): undefined {
    this.expectations.push({ rows, mode, ...(dn ? { dn } : {}), ...(optional ? { optional } : {}), location: this.location, text: this.text, tableLines: this.tableLines });
    return undefined;
  }

  expectAnyOf(rows: readonly (readonly string[])[]): undefined {
    this.expectations.push({ rows, mode: 'any', anyOf: true, location: this.location, text: this.text, tableLines: this.tableLines });
    return undefined;
  }

  unexpectedEvents(): Promise<ObservedEvent[]> {
    this.unsupported = 'a step checks that nothing arrives (no expectation table)';
    return Promise.resolve([]);
  }
}

/**
 * The step definitions of `steps/` (and the parameter types), without the run's World and hooks.
 *
 * A step file registers its definitions with cucumber when it is first required; required again in
 * the same process it is taken from Node's module cache and registers nothing — the second
 * catalogue of a process had no definitions, every scenario was left out, and a recognizer made
 * from it judged every call unrecognised without a word. So the files are required afresh each
 * time, and a library without definitions is an error, not an empty catalogue.
 */
async function stepDefinitions(root: string, features: string): Promise<ISupportCodeLibrary> {
  const steps = join(root, 'steps');
  const stepFiles = readdirSync(steps).filter((f) => f.endsWith('.steps.ts')).sort().map((f) => join(steps, f));
  const requirePaths = [join(root, 'support', 'parameterTypes.ts'), ...stepFiles];
  for (const path of requirePaths) Reflect.deleteProperty(require.cache, require.resolve(path));
  const library = await loadSupport({
    sources: { paths: [features], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
    support: { requireModules: [], requirePaths, importPaths: [], loaders: [] },
  });
  if (!(library as unknown as { stepDefinitions: readonly unknown[] }).stepDefinitions.length) {
    throw new Error(`no step definitions were registered from ${steps} (${stepFiles.length} step files): scenarios cannot be planned without them`);
  }
  return library;
}

/** The `.feature` files under `dir`, sorted. */
function featureFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return featureFiles(path);
    return name.endsWith('.feature') ? [path] : [];
  });
}

function parseFeature(file: string): GherkinDocument {
  return new Parser(new AstBuilder(IdGenerator.uuid()), new GherkinClassicTokenMatcher()).parse(readFileSync(file, 'utf8'));
}

/** Plans of every scenario of the feature files under `features` (default: the project's). */
export async function loadPlans(options: { readonly features?: string; readonly root?: string } = {}): Promise<PlanCatalogue> {
  const root = resolve(options.root ?? join(__dirname, '..', '..'));
  const features = resolve(options.features ?? join(root, 'features'));
  const library = await stepDefinitions(root, features);
  const plans: ScenarioPlan[] = [];
  const leftOut: string[] = [];
  for (const file of featureFiles(features)) {
    const doc = parseFeature(file);
    const uri = relative(process.cwd(), file);
    doc.uri = uri;
    for (const pickle of compile(doc, uri, IdGenerator.uuid())) {
      const planned = await planOf(library, doc, pickle);
      if (typeof planned === 'string') leftOut.push(`${uri}:${pickleLine(doc, pickle)} ${pickle.name}: ${planned}`);
      else plans.push(planned);
    }
  }
  return { plans, leftOut };
}

async function planOf(library: ISupportCodeLibrary, doc: GherkinDocument, pickle: Pickle): Promise<ScenarioPlan | string> {
  const world = new PlanWorld();
  for (const step of pickle.steps) {
    const why = await runStep(library, world, doc, pickle, step);
    if (why) return why;
  }
  if (world.unsupported) return world.unsupported;
  if (!world.steps.some((s) => s.role === 'stimulus')) return 'no When';
  if (world.expectations.length === 0) return 'no expectation table';
  const tags = readTags(pickle.tags.map((t) => t.name));
  const requests = requestsOf(world);
  const requestNames = requests?.map((r) => r.name);
  const facts: ScenarioFacts = { ...(requestNames ? { acts: requestNames } : {}), named: named(world.parties, namedInScenario(pickle, doc)), queuedAt: queuedAt(world, requests) };
  return {
    uri: doc.uri ?? '', line: pickleLine(doc, pickle), name: pickle.name, ...(tags.model ? { model: tags.model } : {}),
    requires: tags.requires, extrasAllowed: tags.extrasAllowed, extrasAllowedOn: tags.extrasAllowedOn, parties: world.parties.topology().parties,
    named: facts.named, steps: world.steps, expectations: world.expectations, ...(requestNames ? { requestNames } : {}), facts,
  };
}

/** What a step definition of cucumber's support code library offers (the library's own type does not say). */
interface StepDefinitionLike {
  matchesStepName(text: string): boolean;
  getInvocationParameters(request: { step: PickleStep; world: unknown; hookParameter: { gherkinDocument: GherkinDocument; pickle: Pickle; testCaseStartedId: string } }): Promise<{ parameters: unknown[] }>;
  readonly code: unknown;
}

/** The words that are party names. */
function named(parties: Parties, words: readonly string[]): string[] {
  return words.filter((w) => parties.has(w));
}

async function runStep(library: ISupportCodeLibrary, world: PlanWorld, doc: GherkinDocument, pickle: Pickle, step: PickleStep): Promise<string | undefined> {
  const definitions = (library as unknown as { stepDefinitions: readonly StepDefinitionLike[] }).stepDefinitions;
  const found = definitions.filter((d) => d.matchesStepName(step.text));
  const definition = found[0];
  if (!definition || found.length > 1) return `step "${step.text}" has ${found.length ? 'several definitions' : 'no definition'}`;
  const located = tableLinesOf(doc, step.astNodeIds);
  world.location = `${doc.uri ?? ''}:${located.line} (${step.text})`;
  world.text = step.text;
  world.tableLines = located.tableLines;
  try {
    const { parameters } = await definition.getInvocationParameters({ step, world, hookParameter: { gherkinDocument: doc, pickle, testCaseStartedId: '' } });
    await (definition.code as (...a: unknown[]) => unknown).apply(world, parameters);
    return undefined;
  } catch (e) {
    return `step "${step.text}": ${(e as Error).message}`;
  }
}

/**
 * The plan's steps' requests (their names are the plan's acts), told by building each action against
 * a call view that has a call in any state asked for (the names do not depend on which call);
 * undefined when an action cannot be built that way.
 */
function requestsOf(world: PlanWorld): TRequest[] | undefined {
  const calls = new AnyCall();
  const requests: TRequest[] = [];
  for (const step of world.steps) {
    try {
      requests.push(step.action.build({ parties: world.parties, calls, since: [] }));
    } catch {
      return undefined;
    }
  }
  return requests;
}

/**
 * Where the scenario has a call wait in a queue: where its tables expect EventQueued (the `dn` cell
 * of such a row, or the DN the step names, "Then Sales receives"), and every number a step of it
 * dials ("Given Alice is waiting in Sales" calls the queue too); when a step's request cannot be
 * told, every party.
 */
function queuedAt(world: PlanWorld, requests: readonly TRequest[] | undefined): string[] {
  const at: string[] = [];
  for (const e of world.expectations) {
    const [header, ...rows] = e.rows;
    const event = header?.indexOf('event') ?? -1;
    const dn = header?.indexOf('dn') ?? -1;
    for (const row of rows) {
      if (event < 0 || row[event] !== 'EventQueued') continue;
      const where = dn >= 0 ? row[dn] : e.dn;
      if (where) at.push(where);
    }
  }
  if (!requests) return world.parties.topology().parties.map((p) => p.name);
  for (const r of requests) if (typeof r.attributes.OtherDN === 'string') at.push(r.attributes.OtherDN);
  return at;
}

/** A call view with a call of every state on every DN (for {@link requestsOf}). */
class AnyCall extends CallView {
  override find(_dn: string, filter: { states?: readonly CallState[]; otherDn?: string } = {}): KnownCall[] {
    return [{ connId: '0000000000000000', state: filter.states?.[0] ?? 'Established', ...(filter.otherDn ? { otherDn: filter.otherDn } : {}) }];
  }
}

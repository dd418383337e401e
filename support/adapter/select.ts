/**
 * The one place where the system under test is chosen. Steps never know which adapter they talk to.
 *
 * - no adapter, or `"simulator"`: the embedded reference simulator;
 * - `"bridge"`: a system behind the network bridge protocol (support/adapter/bridge/);
 * - `"replay"`: a recorded trace, observe-only (support/trace/ReplayAdapter.ts; `--replay <file>`);
 * - `"workspace"`: a Genesys Workspace API server through Genesys's own client (support/adapter/workspace/);
 * - a file path: a user module whose default export is an {@link AdapterFactory}.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { TestCompromisedError, UsageError } from '../errors';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import { createBridgeAdapter } from './bridge/BridgeAdapter';
import { BridgeRun } from './bridge/run';
import { createReplayAdapter, ReplayLogs } from '../trace/ReplayAdapter';
import { createWorkspaceAdapter, WORKSPACE_TIER } from './workspace/WorkspaceAdapter';
import { ClientHosts } from './workspace/clientHost';
import { simulatorOptions } from './simulatorOptions';
import { recording } from '../trace/RecordingAdapter';
import { loadProfile } from '../config/profile';
import { profiled } from './profiled';
import { capabilityProblem } from '../model/capabilities';
import type { AdapterFactory, EventSourceAdapter } from './contract';

export interface AdapterChoice {
  /** `"simulator"` (default) or a path to an adapter module, relative to the working directory. */
  readonly adapter?: string;
  readonly adapterOptions?: Readonly<Record<string, unknown>>;
  /** Append every request and event to this NDJSON trace (`--record`), for a later `--replay`. */
  readonly record?: string;
  /** The lab profile (support/config/profile.ts): feature DNs ↔ real DNs, agents, capabilities, clean-up. */
  readonly profile?: string;
}

/**
 * The adapter as the summary and the certificate name it. An adapter that sees the system at a
 * coarser level than T-Library says which (`workspace` → "workspace — Workspace API (call-state level)").
 */
export function describeAdapter(choice: AdapterChoice): string {
  if (choice.adapter === 'workspace') return `workspace — ${WORKSPACE_TIER}`;
  return choice.adapter ?? 'reference simulator';
}

/**
 * What the scenarios of one run share across their adapters (the bridge's listeners, the
 * capabilities it declared, which bridges are down). Made once per run, closed after it.
 */
export class AdapterRun {
  readonly bridge = new BridgeRun();
  /** The worker thread that runs Genesys's Workspace API client for the run's workspace adapters. */
  readonly workspace = new ClientHosts();
  /** The logs replayed by the run, each read once for all its scenarios. */
  readonly replay = new ReplayLogs();

  async close(): Promise<void> {
    await Promise.all([this.bridge.close(), this.workspace.close()]);
  }
}

export async function createAdapter(choice: AdapterChoice, run: AdapterRun): Promise<EventSourceAdapter> {
  const chosen = await chooseAdapter(choice, run);
  // The profile maps inside the recording: a trace keeps the features' DNs and never a password.
  const adapter = choice.profile ? profiled(chosen, loadProfile(choice.profile)) : chosen;
  // An uncatalogued name (a typo skips every scenario needing the real one) or both variants of a
  // pair (a correct switch judged on both behaviours) would make the verdict wrong: refuse the run.
  const problem = capabilityProblem(`the adapter "${adapter.name}"${choice.profile ? ` with the lab profile ${choice.profile}` : ''}`, adapter.capabilities.features);
  if (problem) throw new UsageError(problem);
  return choice.record ? recording(adapter, choice.record) : adapter;
}

/**
 * Before any scenario runs: the adapter the configuration names, created once and never opened, so
 * that what would make every scenario fail the same way (a module that is missing or is not an
 * adapter, a capability not in the catalogue, both variants of a pair, a lab profile that does not
 * read) is one message and exit 64 before the run, not one broken scenario per scenario. A factory
 * that throws is not a usage error (the system may be down just now): the scenarios report it, as
 * before. Returns the usage problem, or undefined.
 */
export async function adapterUsageProblem(choice: AdapterChoice): Promise<string | undefined> {
  const run = new AdapterRun();
  try {
    // Not recorded: the trace gets nothing from an adapter that is never opened.
    const adapter = await createAdapter({ ...choice, record: undefined }, run);
    await closeUnopened(adapter);
    return undefined;
  } catch (e) {
    return e instanceof UsageError ? e.message : undefined;
  } finally {
    await run.close();
  }
}

/** close() on an adapter that was never opened: whatever it does, within a second, errors ignored. */
async function closeUnopened(adapter: EventSourceAdapter): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((done) => { timer = setTimeout(done, 1000); });
  try {
    await Promise.race([adapter.close().catch(() => undefined), bound]);
  } finally {
    clearTimeout(timer);
  }
}

async function chooseAdapter(choice: AdapterChoice, run: AdapterRun): Promise<EventSourceAdapter> {
  const options = choice.adapterOptions ?? {};
  if (!choice.adapter || choice.adapter === 'simulator') return new SimulatorAdapter(simulatorOptions(options));
  if (choice.adapter === 'bridge') return createBridgeAdapter(options, run.bridge);
  if (choice.adapter === 'workspace') return callFactory((o) => createWorkspaceAdapter(o, run.workspace), options, 'the workspace adapter');
  if (choice.adapter === 'replay') return createReplayAdapter(options, run.replay);
  const path = resolve(choice.adapter);
  if (!existsSync(path)) throw new UsageError(`adapter module not found: ${choice.adapter} (resolved to ${path})`);
  const mod = await loadModule(path, choice.adapter);
  const factory = (mod.default ?? mod) as unknown;
  if (typeof factory !== 'function') {
    throw new UsageError(`${choice.adapter}: the default export must be a function (options) => adapter`);
  }
  const adapter = (await callFactory(factory as AdapterFactory, options, choice.adapter)) as Partial<EventSourceAdapter> | undefined;
  const missing = ['name', 'capabilities', 'open', 'close'].filter((k) => !adapter || !(k in adapter));
  if (!adapter || missing.length) throw new UsageError(`${choice.adapter}: the adapter lacks ${missing.join(', ')}`);
  return adapter as EventSourceAdapter;
}

/** A factory that throws could not give an adapter: the run cannot test (broken), and says whose fault. */
async function callFactory(factory: AdapterFactory, options: Readonly<Record<string, unknown>>, shown: string): Promise<EventSourceAdapter> {
  try {
    return await factory(options);
  } catch (e) {
    throw new TestCompromisedError(`${shown}: the adapter factory failed: ${(e as Error).message}`, { cause: e });
  }
}

/** CommonJS/TypeScript modules load through require (ts-node is registered); ES modules through import(). */
async function loadModule(path: string, shown: string): Promise<{ default?: unknown }> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ts-node hooks require(), not import()
    return require(path) as { default?: unknown };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') {
      throw new UsageError(`${shown}: the adapter module failed to load: ${(e as Error).message}`);
    }
    return (await import(pathToFileURL(path).href)) as { default?: unknown };
  }
}

/**
 * The one place where the system under test is chosen. Steps never know which adapter they talk to.
 *
 * - no adapter, or `"simulator"`: the embedded reference simulator;
 * - a file path: a user module whose default export is an {@link AdapterFactory}.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import type { AdapterFactory, EventSourceAdapter } from './contract';

export interface AdapterChoice {
  /** `"simulator"` (default) or a path to an adapter module, relative to the working directory. */
  readonly adapter?: string;
  readonly adapterOptions?: Readonly<Record<string, unknown>>;
}

export async function createAdapter(choice: AdapterChoice): Promise<EventSourceAdapter> {
  const options = choice.adapterOptions ?? {};
  if (!choice.adapter || choice.adapter === 'simulator') return new SimulatorAdapter(options);
  const path = resolve(choice.adapter);
  if (!existsSync(path)) throw new UsageError(`adapter module not found: ${choice.adapter} (resolved to ${path})`);
  const mod = await loadModule(path, choice.adapter);
  const factory = (mod.default ?? mod) as unknown;
  if (typeof factory !== 'function') {
    throw new UsageError(`${choice.adapter}: the default export must be a function (options) => adapter`);
  }
  const adapter = (await (factory as AdapterFactory)(options)) as Partial<EventSourceAdapter> | undefined;
  const missing = ['name', 'capabilities', 'open', 'close'].filter((k) => !adapter || !(k in adapter));
  if (!adapter || missing.length) throw new UsageError(`${choice.adapter}: the adapter lacks ${missing.join(', ')}`);
  return adapter as EventSourceAdapter;
}

/** CommonJS/TypeScript modules load through require (ts-node is registered); ES modules through import(). */
async function loadModule(path: string, shown: string): Promise<{ default?: unknown }> {
  try {
    return require(path) as { default?: unknown };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') {
      throw new UsageError(`${shown}: the adapter module failed to load: ${(e as Error).message}`);
    }
    return (await import(pathToFileURL(path).href)) as { default?: unknown };
  }
}

/**
 * The `adapterOptions` of a built-in adapter, checked by `npm run conformance` before anything runs
 * (issue 20): a misspelled bridge or workspace option is one usage error naming the configuration
 * file, the line and the key — not 386 broken scenarios a minute later. The checks are the adapters'
 * own (support/adapter/bridge/options.ts, support/adapter/workspace/options.ts), so they cannot
 * disagree with what the run would do; neither loads an adapter.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors';
import { JsonText } from '../config/manifest';
import { parseBridgeOptions } from '../adapter/bridge/options';
import { parseWorkspaceOptions } from '../adapter/workspace/options';

const CHECKS: Readonly<Record<string, (options: Readonly<Record<string, unknown>>) => unknown>> = {
  bridge: parseBridgeOptions,
  workspace: parseWorkspaceOptions,
};

/**
 * Throws a UsageError naming `configFile`, the line of the first key the problem names (else of
 * `"adapterOptions"`) and the problem, when `adapter` is a built-in adapter whose options are wrong
 * — or missing: a bridge without adapterOptions is refused here, not 386 broken scenarios later.
 */
export function checkAdapterOptions(adapter: string | undefined, options: Readonly<Record<string, unknown>> | undefined, configFile: string | undefined): void {
  const check = adapter === undefined ? undefined : CHECKS[adapter];
  if (!check) return;
  try {
    check(options ?? {});
  } catch (e) {
    const message = (e as Error).message;
    // No adapterOptions at all: the adapter's own complaint ("port" must be…) would not say why.
    if (options === undefined) {
      const where = configFile === undefined ? 'no --config file' : `${configFile}:1`;
      throw new UsageError(`${where}: no "adapterOptions" for adapter ${String(adapter)}, which needs them:\n${message}`);
    }
    if (configFile === undefined) throw new UsageError(`adapterOptions of ${String(adapter)}: ${message}`);
    const json = new JsonText(configFile, readFileSync(configFile, 'utf8'));
    const named = message.split(/\(known:/)[0] ?? '';
    const key = Object.keys(options).find((k) => new RegExp(`(^|[^\\w])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`).test(named));
    const where = key ? json.at(key, 'adapterOptions') : json.at('adapterOptions');
    throw new UsageError(`${where}: "adapterOptions"${key ? `."${key}"` : ''}: ${message.split('\n').join(`\n${where}: `)}`);
  }
}

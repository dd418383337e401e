/**
 * `npm run simulator -- --workspace-api --port N [--api-key K]`: the reference simulator behind a
 * Genesys Workspace API facade (support/adapter/workspace/facade/server.ts) instead of the bridge
 * protocol. Loopback unless --host says otherwise. Without --api-key a random key is made and
 * printed on stderr: the Workspace API is never served without one.
 */
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors';
import { startWorkspaceFacade } from '../adapter/workspace/facade/server';
import { eventFaultInjector, parseEventFault, type EventFault } from '../simulator/eventFaults';

export interface WorkspaceApiArgs {
  readonly apiKey: string;
  /** True when the key was made up here (it is printed). */
  readonly generated: boolean;
}

interface Values {
  readonly fault?: string;
  readonly 'workspace-api'?: boolean;
  readonly 'api-key'?: string;
  readonly transport?: string;
  readonly token?: string;
  readonly 'token-file'?: string;
  readonly limit?: readonly string[];
  readonly 'tls-cert'?: string;
}

/** `--fault` and the --workspace-api options of `npm run simulator`. */
export function serverExtras(values: Values, usage: string): { fault?: EventFault; workspaceApi?: WorkspaceApiArgs } {
  const fault = values.fault === undefined ? undefined : parseEventFault(values.fault);
  if (typeof fault === 'string') throw new UsageError(`--fault: ${fault}\n${usage}`);
  const workspaceApi = workspaceApiArgs(values, usage);
  return { ...(fault ? { fault } : {}), ...(workspaceApi ? { workspaceApi } : {}) };
}

/** The --workspace-api options; a bridge option beside it is a usage error. */
export function workspaceApiArgs(values: Values, usage: string): WorkspaceApiArgs | undefined {
  if (!values['workspace-api']) {
    if (values['api-key'] !== undefined) throw new UsageError(`--api-key goes with --workspace-api\n${usage}`);
    return undefined;
  }
  const bridgeOnly = (['transport', 'token', 'token-file', 'limit', 'tls-cert'] as const).filter((k) => values[k] !== undefined);
  if (bridgeOnly.length) throw new UsageError(`--workspace-api serves HTTP with an API key; ${bridgeOnly.map((k) => `--${k}`).join(', ')} belong to the bridge protocol\n${usage}`);
  const given = values['api-key'];
  if (given !== undefined && given.length < 8) throw new UsageError('--api-key must be at least 8 characters');
  return given !== undefined ? { apiKey: given, generated: false } : { apiKey: randomBytes(16).toString('hex'), generated: true };
}

export async function serveWorkspaceApi(args: { readonly endpoint: { readonly host: string; readonly port: number }; readonly quiet: boolean; readonly fault?: EventFault }, workspace: WorkspaceApiArgs): Promise<{ readonly url: string; close(): Promise<void> }> {
  const log = args.quiet ? undefined : (line: string) => console.error(`workspace-api: ${line}`);
  const facade = await startWorkspaceFacade({
    host: args.endpoint.host, port: args.endpoint.port, apiKey: workspace.apiKey,
    ...(args.fault ? { fault: eventFaultInjector(args.fault) } : {}),
    ...(log ? { log } : {}),
  });
  if (workspace.generated) console.error(`workspace-api: API key ${workspace.apiKey} (send it as x-api-key)`);
  return facade;
}

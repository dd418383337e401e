/**
 * `npm run simulator -- --port N [--host 127.0.0.1] [--transport tcp|ws] [--token-file F | --token T]
 *  [--tls-cert cert.pem --tls-key key.pem] [--limit name=value]... [--fault drop:EventName]`: the
 * reference simulator served over the bridge wire protocol, one simulator instance per connection.
 * `--port 0` picks a free port. `--workspace-api [--api-key K]`: served instead as a Genesys
 * Workspace API facade (support/adapter/workspace/facade/server.ts).
 *
 * The first stdout line is always `listening <url>` (the conformance CLI's --via-server reads it).
 * Loopback by default; another --host must be given explicitly (and is warned about without a
 * token). The token may also come from CMC_BRIDGE_TOKEN; `--limit` sets the bounds of
 * support/adapter/bridge/limits.ts.
 */
import { parseArgs } from 'node:util';
import { EXIT, UsageError } from '../errors';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import { startBridgeServer, type RunningServer } from '../adapter/bridge/server';
import type { Endpoint } from '../adapter/bridge/transport';
import { eventFaultInjector, type EventFault } from '../simulator/eventFaults';
import { serverExtras, serveWorkspaceApi, type WorkspaceApiArgs } from './workspaceApiServer';
import { parseLimitArgs, type BridgeLimits } from '../adapter/bridge/limits';
import { exposureWarnings, resolveServerToken, TOKEN_ENV } from '../adapter/bridge/serverSetup';

const USAGE = `usage: npm run simulator -- --port N [--host 127.0.0.1] [--transport tcp|ws] [--token-file file | --token T] [--tls-cert file --tls-key file] [--limit name=value]... [--quiet] [--fault drop:EventName]
       npm run simulator -- --workspace-api --port N [--host 127.0.0.1] [--api-key K] [--quiet] [--fault drop:EventName]
  (the token may also be given in ${TOKEN_ENV}; limits: see the README's bridge section)`;

export interface ServerArgs {
  readonly endpoint: Endpoint;
  readonly token?: string;
  readonly quiet: boolean;
  /** `--fault drop:EventHeld`: every event of that name is dropped. */
  readonly fault?: EventFault;
  /** `--workspace-api`: serve the Workspace API facade instead of the bridge protocol. */
  readonly workspaceApi?: WorkspaceApiArgs;
  readonly limits: BridgeLimits;
  /** To print before listening (a token others can read, an exposed endpoint without a token). */
  readonly warnings: readonly string[];
}

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' }, host: { type: 'string' }, transport: { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' },
        'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, limit: { type: 'string', multiple: true }, quiet: { type: 'boolean' }, help: { type: 'boolean' },
        fault: { type: 'string' }, 'workspace-api': { type: 'boolean' }, 'api-key': { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  if (values.port === undefined || !/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port must be 0–65535\n${USAGE}`);
  const transport = values.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ws') throw new UsageError(`--transport must be tcp or ws\n${USAGE}`);
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const host = values.host ?? '127.0.0.1';
  const token = resolveServerToken({ token: values.token, tokenFile: values['token-file'] });
  return {
    ...serverExtras(values, USAGE),
    endpoint: { transport, host, port: Number(values.port), ...(cert && key ? { tls: { cert, key } } : {}) },
    ...(token.token ? { token: token.token } : {}),
    quiet: values.quiet ?? false,
    limits: parseLimitArgs(values.limit ?? []),
    warnings: exposureWarnings(host, token, cert !== undefined),
  };
}

export function serveSimulator(args: ServerArgs): Promise<RunningServer> {
  return startBridgeServer({
    endpoint: args.endpoint,
    ...(args.token ? { token: args.token } : {}),
    limits: args.limits,
    create: () => new SimulatorAdapter(args.fault ? { fault: eventFaultInjector(args.fault) } : {}),
    ...(args.quiet ? {} : { log: (line: string) => console.error(`simulator: ${line}`) }),
  });
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseServerArgs(argv);
  for (const warning of args.warnings) console.error(`simulator: ${warning}`);
  const server = args.workspaceApi ? await serveWorkspaceApi(args, args.workspaceApi) : await serveSimulator(args);
  console.log(`listening ${server.url}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(EXIT.passed));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = e instanceof UsageError ? EXIT.usage : EXIT.broken;
  });
}

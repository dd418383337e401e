/**
 * `npm run simulator -- --port N [--host 127.0.0.1] [--transport tcp|ws] [--token-file F | --token T]
 *  [--tls-cert cert.pem --tls-key key.pem] [--limit name=value]... [--fault drop:EventName]`: the
 * reference simulator served over the bridge wire protocol, one simulator instance per connection.
 * `--port 0` picks a free port. `--workspace-api [--api-key K]`: served instead as a Genesys
 * Workspace API facade (support/adapter/workspace/facade/server.ts).
 *
 * The first stdout line is always `listening <url>` (the conformance CLI's --via-server reads it);
 * each connection's opening and closing is logged on stderr. It stops on SIGTERM, SIGINT, SIGHUP and
 * when the process that started it (npm, the conformance run) is gone (./parentWatch.ts), unless
 * `--outlive-parent`.
 * Loopback by default; another --host must be given explicitly (and is warned about without a
 * token). The token may also come from CMC_BRIDGE_TOKEN; `--limit` sets the bounds of
 * support/adapter/bridge/limits.ts.
 */
import { EXIT } from '../errors';
import { helpHint, parseCommandLine, runCommand, usageError, type CommandSpec } from '../config/commandLine';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import { startBridgeServer, type RunningServer } from '../adapter/bridge/server';
import type { Endpoint } from '../adapter/bridge/transport';
import { eventFaultInjector, type EventFault } from '../simulator/eventFaults';
import { onStopRequest } from './parentWatch';
import { serverExtras, serveWorkspaceApi, type WorkspaceApiArgs } from './workspaceApiServer';
import { LIMIT_NAMES, parseLimitArgs, type BridgeLimits } from '../adapter/bridge/limits';
import { exposureWarnings, resolveServerToken, TOKEN_ENV } from '../adapter/bridge/serverSetup';

export const COMMAND = {
  name: 'simulator',
  synopsis: ['--port <n> [options]', '--workspace-api --port <n> [--host h] [--api-key k] [--quiet] [--fault drop:EventName]'],
  description: `The reference simulator as a network server, one simulator per connection: the bridge wire protocol
(what --adapter bridge and --via-server talk to) or, with --workspace-api, a Genesys Workspace API
facade (REST + CometD). The first stdout line is "listening <url>"; each connection opening and
closing is logged on stderr. Stops on Ctrl-C, SIGTERM, SIGHUP, or when the process that started it
(npm, the conformance run) goes away.`,
  options: {
    port: { type: 'string', value: '<n>', help: 'the port to listen on, 0–65535 (0: a free one, printed in the "listening" line; required)' },
    host: { type: 'string', value: '<address>', help: 'the address to listen on (default 127.0.0.1; another one is warned about without a token)' },
    transport: { type: 'string', value: '<tcp|ws>', help: 'newline-delimited JSON over TCP, or WebSocket (default tcp)' },
    token: { type: 'string', value: '<token>', help: `the token a harness must send in its hello (visible to other users: prefer --token-file or ${TOKEN_ENV})` },
    'token-file': { type: 'string', value: '<file>', help: 'read the token from the first line of this file' },
    'tls-cert': { type: 'string', value: '<cert.pem>', help: 'serve TLS with this certificate (with --tls-key)' },
    'tls-key': { type: 'string', value: '<key.pem>', help: 'the private key of --tls-cert' },
    limit: { type: 'string', multiple: true, value: '<name=value>', help: `one of the bounds a peer is held to (the README's bridge section): ${LIMIT_NAMES.join(', ')}` },
    quiet: { type: 'boolean', help: 'log nothing on stderr (warnings before listening excepted)' },
    fault: { type: 'string', value: '<drop:EventName>', help: 'a deliberate fault: every event of that name is dropped (watch the harness catch it)' },
    'workspace-api': { type: 'boolean', help: 'serve a Genesys Workspace API facade instead of the bridge protocol' },
    'api-key': { type: 'string', value: '<key>', help: 'with --workspace-api: the API key clients must send, at least 8 characters (default: a random one, printed)' },
    'outlive-parent': { type: 'boolean', help: 'keep serving when the process that started it ends (a server put in the background on purpose); by default it stops with it' },
  },
  epilogue: `The token may also be given in ${TOKEN_ENV}.`,
} as const satisfies CommandSpec;

const HINT = helpHint(COMMAND.name);

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
  /** `--outlive-parent`: keep serving when the process that started it ends. */
  readonly outliveParent: boolean;
}

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const { values } = parseCommandLine(COMMAND, argv);
  if (values.port === undefined || !/^\d+$/.test(values.port) || Number(values.port) > 65535) throw usageError(COMMAND.name, values.port === undefined ? 'npm run simulator: --port <n> is required (0 picks a free port)' : `--port must be 0–65535, got "${values.port}"`);
  const transport = values.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ws') throw usageError(COMMAND.name, `--transport must be tcp or ws, got "${transport}"`);
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((cert === undefined) !== (key === undefined)) throw usageError(COMMAND.name, '--tls-cert and --tls-key go together');
  const host = values.host ?? '127.0.0.1';
  const token = resolveServerToken({ token: values.token, tokenFile: values['token-file'] });
  return {
    ...serverExtras(values, HINT),
    endpoint: { transport, host, port: Number(values.port), ...(cert && key ? { tls: { cert, key } } : {}) },
    ...(token.token ? { token: token.token } : {}),
    quiet: values.quiet ?? false,
    limits: parseLimitArgs(values.limit ?? []),
    warnings: exposureWarnings(host, token, cert !== undefined),
    outliveParent: values['outlive-parent'] === true,
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

async function main(argv: readonly string[]): Promise<number> {
  const args = parseServerArgs(argv);
  // Watched from the start: a server still loading when npm is killed must not start listening after it.
  const stopped = stopRequested(args.outliveParent);
  for (const warning of args.warnings) console.error(`simulator: ${warning}`);
  const server = await Promise.race([args.workspaceApi ? serveWorkspaceApi(args, args.workspaceApi) : serveSimulator(args), stopped]);
  if (typeof server === 'string') process.exit(EXIT.passed);
  console.log(`listening ${server.url}`);
  const reason = await stopped;
  if (!args.quiet) console.error(`simulator: stopping (${reason})`);
  // Open connections are ended; a peer that does not let go cannot keep the process alive.
  setTimeout(() => process.exit(EXIT.passed), 3000).unref();
  await server.close();
  process.exit(EXIT.passed);
}

/** Resolves with the reason when the server is to stop: a signal, or (unless `outliveParent`) its parent gone. */
function stopRequested(outliveParent: boolean): Promise<string> {
  return new Promise<string>((resolve) => {
    if (!outliveParent) {
      onStopRequest(resolve);
      return;
    }
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve(signal));
  });
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);

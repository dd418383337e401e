/**
 * `adapterOptions` of the workspace adapter (`"adapter": "workspace"`):
 *
 *     { "baseUrl": "https://gws.lab.example:443", "apiKeyEnv": "LAB_GWS_API_KEY",
 *       "agents": { "5001": { "agentId": "A5001", "tokenEnv": "LAB_TOKEN_5001" } },
 *       "features": ["agent:login-reports-state"] }
 *
 * - `baseUrl`: the Workspace API server (the client adds `/workspace/v3`); `apiKey` or `apiKeyEnv`.
 * - `agents`: per DN, the agent ID to activate the voice channel with (default: the feature's agent,
 *   else the party's name) and its access token, `token` or `tokenEnv` (the name of an environment
 *   variable, so no secret is in the file).
 * - `facade: true`: the server is this project's Workspace API facade (`npm run simulator --
 *   --workspace-api`): each scenario's parties are registered through its test-control plane, which
 *   issues the tokens and performs party actions (an outside caller calls in), and the adapter can
 *   tell when every notification has arrived (`settled`).
 * - `features`: switch behaviours the lab has (`@requires:` names), as for the bridge.
 */
export interface AgentOptions {
  readonly agentId?: string;
  readonly token?: string;
  readonly tokenEnv?: string;
}

export interface WorkspaceOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly facade: boolean;
  readonly agents: Readonly<Record<string, AgentOptions>>;
  readonly features: readonly string[];
  readonly name?: string;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN = ['baseUrl', 'apiKey', 'apiKeyEnv', 'facade', 'agents', 'features', 'name'];

/** Every problem at once, each naming the option (adapterOptions.x). */
export function parseWorkspaceOptions(raw: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv = process.env): WorkspaceOptions {
  const problems: string[] = [];
  for (const key of Object.keys(raw)) if (!KNOWN.includes(key)) problems.push(`adapterOptions.${key} is not a workspace adapter option (known: ${KNOWN.join(', ')})`);
  const baseUrl = typeof raw.baseUrl === 'string' ? raw.baseUrl.replace(/\/+$/, '') : '';
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) problems.push('adapterOptions.baseUrl must be the http(s) URL of the Workspace API server');
  const apiKey = apiKeyOf(raw, env, problems);
  if (raw.facade !== undefined && typeof raw.facade !== 'boolean') problems.push('adapterOptions.facade must be true or false');
  const agents = agentsOf(raw.agents, env, problems);
  const features = raw.features ?? [];
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) problems.push('adapterOptions.features must be a list of capability names');
  if (problems.length) throw new Error(problems.join('\n'));
  return {
    baseUrl, apiKey, facade: raw.facade === true, agents, features: features as string[],
    ...(typeof raw.name === 'string' ? { name: raw.name } : {}),
  };
}

function apiKeyOf(raw: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv, problems: string[]): string {
  if (typeof raw.apiKeyEnv === 'string') {
    const key = env[raw.apiKeyEnv];
    if (!key) problems.push(`adapterOptions.apiKeyEnv names ${raw.apiKeyEnv}, which is not set`);
    return key ?? '';
  }
  if (typeof raw.apiKey === 'string' && raw.apiKey !== '') return raw.apiKey;
  problems.push('adapterOptions.apiKey (or apiKeyEnv) is required: the Workspace API refuses requests without an API key');
  return '';
}

function agentsOf(raw: unknown, env: NodeJS.ProcessEnv, problems: string[]): Record<string, AgentOptions> {
  const agents: Record<string, AgentOptions> = {};
  if (raw !== undefined && !isRecord(raw)) problems.push('adapterOptions.agents must map DNs to {agentId, token | tokenEnv}');
  for (const [dn, value] of Object.entries(isRecord(raw) ? raw : {})) {
    if (!isRecord(value)) {
      problems.push(`adapterOptions.agents.${dn} must be {agentId, token | tokenEnv}`);
      continue;
    }
    const fromEnv = typeof value.tokenEnv === 'string' ? env[value.tokenEnv] : undefined;
    if (typeof value.tokenEnv === 'string' && !fromEnv) problems.push(`adapterOptions.agents.${dn}.tokenEnv names ${value.tokenEnv}, which is not set`);
    const token = fromEnv ?? (typeof value.token === 'string' ? value.token : undefined);
    agents[dn] = { ...(typeof value.agentId === 'string' ? { agentId: value.agentId } : {}), ...(token ? { token } : {}) };
  }
  return agents;
}

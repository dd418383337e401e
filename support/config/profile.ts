/**
 * The lab profile (`"profile": "lab-profile.json"` in the run configuration): how the features'
 * parties map onto a real system, and what the system can do.
 *
 *     { "dns": { "7001": "5001", "7002": "5002" }, "queues": { "8001": "6001" }, "routingPoints": { "8500": "6500" },
 *       "agents": { "1001": { "id": "A5001", "passwordEnv": "LAB_AGENT_PASSWORD" } },
 *       "capabilities": { "requests": "*", "features": ["external-parties"] },
 *       "cleanup": { "releaseCalls": true, "logoutAgents": true } }
 *
 * `dns`, `queues` and `routingPoints` are one mapping feature DN → real DN (split only for
 * readability); it must be one-to-one. Passwords are never in the file: `passwordEnv` names the
 * environment variable that holds one, and neither reports nor errors ever show its value. Every
 * problem is reported with the file and line.
 */
import { UsageError } from '../errors';
import type { Capabilities } from '../adapter/contract';
import { isObject, parseManifest, readManifest, type JsonText, type Manifest } from './manifest';

export interface AgentLogin {
  readonly id: string;
  /** Resolved from the environment variable the profile names (never printed). */
  readonly password?: string;
}

export interface CleanupPlan {
  /** Release the calls the call view still shows on a scenario's DNs. */
  readonly releaseCalls: boolean;
  /** Log out the agents the scenario logged in. */
  readonly logoutAgents: boolean;
}

export interface LabProfile {
  readonly file: string;
  /** Feature DN → real DN. */
  readonly dns: ReadonlyMap<string, string>;
  /** Feature AgentID → the real login. */
  readonly agents: ReadonlyMap<string, AgentLogin>;
  readonly capabilities?: Capabilities;
  readonly cleanup: CleanupPlan;
}

const SECTIONS = ['dns', 'queues', 'routingPoints', 'agents', 'capabilities', 'cleanup'];
const DN_SECTIONS = ['dns', 'queues', 'routingPoints'];

/** Every problem found, each with its file:line. */
class Located {
  readonly problems: string[] = [];
  constructor(private readonly json: JsonText) {}

  problem(key: string, message: string, after?: string): void {
    this.problems.push(`${this.json.at(key, after)}: ${message}`);
  }
}

function dnMap(raw: Record<string, unknown>, at: Located): Map<string, string> {
  const dns = new Map<string, string>();
  const realOwner = new Map<string, string>();
  for (const section of DN_SECTIONS) {
    const entries = raw[section];
    if (entries === undefined) continue;
    if (!isObject(entries)) {
      at.problem(section, `"${section}" must be an object { "feature DN": "real DN" }`);
      continue;
    }
    for (const [from, to] of Object.entries(entries)) {
      if (typeof to !== 'string' || to.trim() === '') at.problem(from, `${section}.${from}: the real DN must be a non-empty string`, section);
      else if (dns.has(from)) at.problem(from, `${section}.${from}: feature DN ${from} is mapped twice`, section);
      else if (realOwner.has(to)) at.problem(from, `${section}.${from}: real DN ${to} is already mapped from ${String(realOwner.get(to))} (the mapping must be one-to-one)`, section);
      else {
        dns.set(from, to);
        realOwner.set(to, from);
      }
    }
  }
  return dns;
}

function agentMap(raw: unknown, at: Located, env: NodeJS.ProcessEnv): Map<string, AgentLogin> {
  const agents = new Map<string, AgentLogin>();
  if (raw === undefined) return agents;
  if (!isObject(raw)) {
    at.problem('agents', '"agents" must be an object { "feature AgentID": { "id": "real AgentID", "passwordEnv": "VARIABLE" } }');
    return agents;
  }
  for (const [from, entry] of Object.entries(raw)) {
    const e = isObject(entry) ? entry : {};
    const unknown = Object.keys(e).filter((k) => k !== 'id' && k !== 'passwordEnv');
    if (!isObject(entry) || typeof e.id !== 'string' || e.id === '') at.problem(from, `agents.${from}: must be { "id": "real AgentID", "passwordEnv"?: "VARIABLE" }`, 'agents');
    else if (unknown.length) at.problem(from, `agents.${from}: unknown key(s) ${unknown.join(', ')} (a password is never written in the profile: name its environment variable in "passwordEnv")`, 'agents');
    else if (e.passwordEnv !== undefined && (typeof e.passwordEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.passwordEnv))) at.problem(from, `agents.${from}: "passwordEnv" must be the name of an environment variable`, 'agents');
    else if (typeof e.passwordEnv === 'string' && env[e.passwordEnv] === undefined) at.problem(from, `agents.${from}: the environment variable ${e.passwordEnv} (its password) is not set`, 'agents');
    else agents.set(from, { id: e.id, ...(typeof e.passwordEnv === 'string' ? { password: env[e.passwordEnv] ?? '' } : {}) });
  }
  return agents;
}

function capabilitiesOf(raw: unknown, at: Located): Capabilities | undefined {
  if (raw === undefined) return undefined;
  const c = isObject(raw) ? raw : {};
  const list = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!(c.requests === '*' || list(c.requests)) || !list(c.features)) {
    at.problem('capabilities', '"capabilities" must be { "requests": "*" | ["RequestMakeCall", …], "features": ["external-parties", …] }');
    return undefined;
  }
  return { requests: c.requests, features: c.features };
}

function cleanupOf(raw: unknown, at: Located): CleanupPlan {
  const plan = { releaseCalls: true, logoutAgents: true };
  if (raw === undefined) return plan;
  if (!isObject(raw)) {
    at.problem('cleanup', '"cleanup" must be { "releaseCalls": true|false, "logoutAgents": true|false }');
    return plan;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'releaseCalls' && key !== 'logoutAgents') at.problem(key, `cleanup.${key}: unknown (known: releaseCalls, logoutAgents)`, 'cleanup');
    else if (typeof value !== 'boolean') at.problem(key, `cleanup.${key}: must be true or false`, 'cleanup');
    else plan[key] = value;
  }
  return plan;
}

/** The lab profile as a manifest: every problem reported at once, with file and line. */
function profileManifest(env: NodeJS.ProcessEnv): Manifest<LabProfile> {
  return {
    what: 'lab profile',
    validate: (raw, json) => {
      if (!isObject(raw)) throw new UsageError(`${json.file}:1: the profile must be a JSON object`);
      const at = new Located(json);
      for (const key of Object.keys(raw)) if (!SECTIONS.includes(key)) at.problem(key, `unknown section "${key}" (known: ${SECTIONS.join(', ')})`);
      const dns = dnMap(raw, at);
      const agents = agentMap(raw.agents, at, env);
      const capabilities = capabilitiesOf(raw.capabilities, at);
      const cleanup = cleanupOf(raw.cleanup, at);
      if (at.problems.length) throw new UsageError(at.problems.join('\n'));
      return { file: json.file, dns, agents, cleanup, ...(capabilities ? { capabilities } : {}) };
    },
  };
}

export function parseProfile(file: string, text: string, env: NodeJS.ProcessEnv = process.env): LabProfile {
  return parseManifest(file, text, profileManifest(env));
}

/** Read and validate a profile (the conformance CLI checks it before the first scenario). */
export function loadProfile(file: string): LabProfile {
  return readManifest(file, profileManifest(process.env));
}

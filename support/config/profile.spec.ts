/**
 * The lab profile: validation with file:line (passwords never shown), the feature ↔ lab mapping at
 * the adapter boundary, and a run through the conformance CLI over the bridge with a profile that
 * moves every DN: the features pass unchanged, the bridge sees only the lab's DNs, the password
 * reaches the login and nothing else, and what scenarios leave behind is cleaned and reported.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from './profile';
import { ProfileMapping } from '../adapter/profiled';
import type { EventSourceAdapter, Topology } from '../adapter/contract';
import type { TRequest } from '../model/event';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import { startBridgeServer } from '../adapter/bridge/server';
import { EXIT } from '../errors';
import { conformance, runCli, sandbox, writeJson } from '../selftest/sandbox';

const SECRET = 'pw-never-shown-42';
const PROFILE = {
  dns: { 7001: '5001', 7002: '5002', 7003: '5003', 7004: '5004' },
  queues: { 8001: '5801' },
  routingPoints: { 9001: '5901' },
  agents: { 1001: { id: 'A5001', passwordEnv: 'CMC_TEST_AGENT_PW' }, 1002: { id: 'A5002' } },
};

describe('lab profile validation', () => {
  it('accepts a profile and resolves the password from the environment', () => {
    const p = parseProfile('lab.json', JSON.stringify(PROFILE), { CMC_TEST_AGENT_PW: SECRET });
    assert.equal(p.dns.get('8001'), '5801');
    assert.equal(p.agents.get('1001')?.password, SECRET);
    assert.deepEqual(p.cleanup, { releaseCalls: true, logoutAgents: true });
  });

  it('reports each problem with file:line, naming variables but never a password', () => {
    const text = [
      '{',
      '  "dns": { "7001": "5001", "7002": "5001" },',
      '  "agents": { "1001": { "id": "A1", "password": "hunter2" }, "1002": { "id": "A2", "passwordEnv": "CMC_UNSET_VAR" } },',
      '  "cleanup": { "releaseCalls": "yes" },',
      '  "colour": "blue"',
      '}',
    ].join('\n');
    assert.throws(() => parseProfile('lab.json', text, {}), (e: unknown) => {
      const m = (e as Error).message;
      assert.match(m, /lab\.json:2: dns\.7002: real DN 5001 is already mapped from 7001 \(the mapping must be one-to-one\)/);
      assert.match(m, /lab\.json:3: agents\.1001: unknown key\(s\) password \(a password is never written in the profile/);
      assert.match(m, /lab\.json:3: agents\.1002: the environment variable CMC_UNSET_VAR \(its password\) is not set/);
      assert.match(m, /lab\.json:4: cleanup\.releaseCalls: must be true or false/);
      assert.match(m, /lab\.json:5: unknown section "colour"/);
      assert.doesNotMatch(m, /hunter2/);
      return true;
    });
    assert.throws(() => parseProfile('lab.json', '{\n "dns": {\n'), /^UsageError: lab\.json:3: not valid JSON/);
    assert.throws(() => parseProfile('lab.json', '{ "capabilities": { "requests": 1 } }'), /lab\.json:1: "capabilities" must be/);
  });
});

describe('the mapping at the adapter boundary', () => {
  const mapping = new ProfileMapping(parseProfile('lab.json', JSON.stringify(PROFILE), { CMC_TEST_AGENT_PW: SECRET }));

  it('maps the topology, requests (with the password on login) and events back', () => {
    const topology: Topology = { parties: [
      { name: 'Alice', dn: '7001', type: 'Extension', configured: true, agentId: '1001', queue: '8001' },
      { name: 'Hunt', dn: '7004', type: 'Extension', configured: true, options: { 'hg-members': '7002,7003', 'hg-type': 'fork' } },
      { name: 'Olivia', dn: '5550100', type: 'External', configured: false },
    ] };
    assert.deepEqual(mapping.topology(topology).parties.map((p) => [p.dn, p.agentId, p.queue, p.options?.['hg-members']]),
      [['5001', 'A5001', '5801', undefined], ['5004', undefined, undefined, '5002,5003'], ['5550100', undefined, undefined, undefined]]);
    const login = mapping.request({ name: 'RequestAgentLogin', attributes: { ThisDN: '7001', AgentID: '1001', ThisQueue: '8001', ReferenceID: 1 } });
    assert.deepEqual(login.attributes, { ThisDN: '5001', AgentID: 'A5001', ThisQueue: '5801', ReferenceID: 1, Password: SECRET });
    assert.deepEqual(mapping.request({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: 'London::7002' } }).attributes, { ThisDN: '5001', OtherDN: 'London::5002' });
    const event = mapping.event({ name: 'EventAgentLogin', dn: '5001', attributes: { AttributeThisDN: '5001', ThisQueue: '5801', AgentID: 'A5001', OtherDN: '4711', ConnID: '5001' } });
    assert.deepEqual(event, { name: 'EventAgentLogin', dn: '7001', attributes: { AttributeThisDN: '7001', ThisQueue: '8001', AgentID: '1001', OtherDN: '4711', ConnID: '5001' } });
  });
});

/** The simulator behind the bridge, noting every DN and password that reaches the "lab". */
function spyingSimulator(seen: { dns: Set<string>; passwords: string[] }): () => EventSourceAdapter {
  return () => {
    const inner = new SimulatorAdapter();
    return {
      name: inner.name, capabilities: inner.capabilities,
      open: (t: Topology, sink) => {
        for (const p of t.parties) seen.dns.add(p.dn);
        return inner.open(t, sink);
      },
      send: (r: TRequest) => {
        for (const k of ['ThisDN', 'OtherDN', 'ThisQueue'] as const) if (typeof r.attributes[k] === 'string') seen.dns.add(r.attributes[k]);
        if (typeof r.attributes.Password === 'string') seen.passwords.push(r.attributes.Password);
        return inner.send(r);
      },
      settled: () => inner.settled(),
      close: () => inner.close(),
    };
  };
}

function readAll(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
    .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')).join('\n');
}

describe('a run through a lab profile', () => {
  it('passes unchanged features, speaks only lab DNs to the bridge, never shows the password, and reports leaks', { timeout: 120_000 }, async () => {
    const seen = { dns: new Set<string>(), passwords: [] as string[] };
    const server = await startBridgeServer({ endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, create: spyingSimulator(seen) });
    const dir = sandbox();
    writeJson(dir, 'lab-profile.json', PROFILE);
    const config = writeJson(dir, 'lab.json', { adapter: 'bridge', adapterOptions: { url: server.url }, profile: 'lab-profile.json', timeoutMs: 3000 });
    // With every report (not --no-report): the password must be in none of them, and the leaks are attachments.
    const r = await runCli(dir, 'support/cli/conformance.ts', ['--config', config, '--tags', '@model:basic-internal-inbound-call or @model:agent-login-logout'],
      undefined, { ...process.env, CMC_TEST_AGENT_PW: SECRET });
    await server.close();
    assert.equal(r.code, EXIT.passed, r.out);
    assert.match(r.out, /Scenarios: \d+ passed, 0 not conformant \(failed\), 0 could not be tested \(broken\), 0 skipped/);
    assert.ok(seen.dns.has('5001') && seen.dns.has('5002'), [...seen.dns].join(' '));
    for (const dn of ['7001', '7002', '7003', '8001']) assert.ok(!seen.dns.has(dn), `the lab saw feature DN ${dn}`);
    assert.ok(seen.passwords.length > 0 && seen.passwords.every((p) => p === SECRET), 'the password reaches the login request');
    const reports = readAll(join(dir, 'reports'));
    assert.ok(!reports.includes(SECRET) && !r.out.includes(SECRET), 'the password appears in no report and no output');
    assert.match(reports, /Leak: the scenario left these behind; the harness cleaned them/);
    assert.match(reports, /DN 7002 \(Bob\): call [0-9a-f]+ was left (Ringing|Established): released/);
    assert.match(reports, /agent 1001 was left logged in: logged out/);
  });

  it('a bad profile stops the run before anything runs (usage, 64) with file:line', { timeout: 60_000 }, async () => {
    const dir = sandbox();
    writeJson(dir, 'lab-profile.json', { dns: { 7001: 5001 } });
    const config = writeJson(dir, 'lab.json', { profile: 'lab-profile.json' });
    const r = await conformance(dir, ['--config', config]);
    assert.equal(r.code, EXIT.usage, r.out);
    assert.match(r.out, /lab-profile\.json:3: dns\.7001: the real DN must be a non-empty string/);
  });
});

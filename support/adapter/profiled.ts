/**
 * The lab profile applied at the adapter boundary, the one place it is applied: feature DNs and
 * AgentIDs become the lab's on the way in (topology, requests), and the lab's become the features'
 * on the way out (events). Features, steps and the matcher never see a real DN; the adapter never
 * sees a feature DN. The agent's password (from the environment) is added to its login request
 * here, after the recording wrapper, so it is never recorded, logged or reported.
 */
import { lookupAttribute } from '../model/catalogue';
import type { TRequest } from '../model/event';
import type { LabProfile } from '../config/profile';
import type { EventSink, EventSourceAdapter, PartyConfig, RawEvent, ReplayAnswer, Topology } from './contract';

type Attributes = Readonly<Record<string, unknown>>;

/** A DN, or a multi-site `Site::DN` (the site part is kept). */
function mapDn(dn: string, map: ReadonlyMap<string, string>): string {
  const sep = dn.lastIndexOf('::');
  if (sep < 0) return map.get(dn) ?? dn;
  const local = dn.slice(sep + 2);
  return `${dn.slice(0, sep + 2)}${map.get(local) ?? local}`;
}

export class ProfileMapping {
  private readonly dnBack: ReadonlyMap<string, string>;
  private readonly agentBack: ReadonlyMap<string, string>;

  constructor(readonly profile: LabProfile) {
    this.dnBack = new Map([...profile.dns].map(([f, r]) => [r, f]));
    this.agentBack = new Map([...profile.agents].map(([f, a]) => [a.id, f]));
  }

  realDn = (dn: string): string => mapDn(dn, this.profile.dns);
  featureDn = (dn: string): string => mapDn(dn, this.dnBack);

  party(p: PartyConfig): PartyConfig {
    const options = p.options ? Object.fromEntries(Object.entries(p.options).map(([k, v]) => [k, v.split(',').map(this.realDn).join(',')])) : undefined;
    return {
      ...p, dn: this.realDn(p.dn),
      ...(p.agentId !== undefined ? { agentId: this.profile.agents.get(p.agentId)?.id ?? p.agentId } : {}),
      ...(p.queue !== undefined ? { queue: this.realDn(p.queue) } : {}),
      ...(p.appearanceOf ? { appearanceOf: { ...p.appearanceOf, line: this.realDn(p.appearanceOf.line) } } : {}),
      ...(options ? { options } : {}),
    };
  }

  topology(t: Topology): Topology {
    return { ...t, parties: t.parties.map((p) => this.party(p)) };
  }

  request(r: TRequest): TRequest {
    const attributes: Record<string, unknown> = this.attributes(r.attributes, this.realDn, (id) => this.profile.agents.get(id)?.id ?? id);
    const login = r.name === 'RequestAgentLogin' && typeof r.attributes.AgentID === 'string' ? this.profile.agents.get(r.attributes.AgentID) : undefined;
    if (login?.password !== undefined && attributes.Password === undefined) attributes.Password = login.password;
    return { ...r, attributes: attributes as TRequest['attributes'] };
  }

  event(e: RawEvent): RawEvent {
    return { ...e, ...(e.dn !== undefined ? { dn: this.featureDn(e.dn) } : {}), attributes: this.attributes(e.attributes, this.featureDn, (id) => this.agentBack.get(id) ?? id) };
  }

  /** Map every DN-kind attribute (ThisDN, OtherDN, ThisQueue…, in any spelling) and AgentID. */
  private attributes(raw: Attributes, dn: (d: string) => string, agent: (a: string) => string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const def = lookupAttribute(key);
      if (typeof value !== 'string' || !def) out[key] = value;
      else if (def.kind === 'dn') out[key] = dn(value);
      else out[key] = def.name === 'AgentID' ? agent(value) : value;
    }
    return out;
  }
}

/** Wrap an adapter so it speaks the lab's DNs while the harness speaks the features'. */
export function profiled(adapter: EventSourceAdapter, profile: LabProfile): EventSourceAdapter {
  return new ProfiledAdapter(adapter, new ProfileMapping(profile));
}

class ProfiledAdapter implements EventSourceAdapter {
  readonly name: string;
  readonly capabilities: EventSourceAdapter['capabilities'];
  readonly send?: (request: TRequest) => Promise<void>;
  readonly recorded?: (request: TRequest, role: 'setup' | 'stimulus') => ReplayAnswer;

  constructor(private readonly inner: EventSourceAdapter, private readonly mapping: ProfileMapping) {
    this.name = `${inner.name} (profile ${mapping.profile.file})`;
    this.capabilities = mapping.profile.capabilities ?? inner.capabilities;
    if (inner.send) this.send = (r) => inner.send?.(mapping.request(r)) ?? Promise.resolve();
    const recorded = inner.recorded?.bind(inner);
    if (recorded) this.recorded = (r, role) => recorded(mapping.request(r), role);
  }

  /** Read when asked: an adapter may only know after opening whether it settles (the bridge does). */
  get settled(): (() => Promise<void>) | undefined {
    const inner = this.inner;
    return inner.settled ? () => inner.settled?.() ?? Promise.resolve() : undefined;
  }

  open(topology: Topology, sink: EventSink): Promise<void> {
    return this.inner.open(this.mapping.topology(topology), { event: (e) => sink.event(this.mapping.event(e)), fail: (e) => sink.fail(e) });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

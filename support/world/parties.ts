/**
 * The cast of a scenario: named parties and their DNs, declared in the Background.
 * Tables and steps may use a party name or a DN; {@link Parties.resolveDn} turns either into the DN.
 */
import type { DNType, PartyConfig, SiteConfig, Topology } from '../adapter/contract';
import { UsageError } from '../errors';
import { HANDSET_EVENTS, isAgentStateEvent } from '../model/agentState';
import { DEFAULT_PROTOCOL } from '../model/event';

export class Parties {
  private readonly byName = new Map<string, PartyConfig>();
  private readonly sites = new Map<string, SiteConfig>();

  /** A site of a multi-site lab (see participants.steps.ts). */
  declareSite(site: SiteConfig): void {
    if (this.sites.has(site.name)) throw new UsageError(`site "${site.name}" is declared twice`);
    this.sites.set(site.name, site);
  }

  site(name: string): SiteConfig {
    const site = this.sites.get(name);
    if (!site) throw new UsageError(`"${name}" is not a declared site (declared: ${[...this.sites.keys()].join(', ') || 'none'})`);
    return site;
  }

  declare(party: PartyConfig): void {
    if (this.byName.has(party.name)) throw new UsageError(`party "${party.name}" is declared twice`);
    const clash = [...this.byName.values()].find((p) => p.dn === party.dn);
    if (clash) throw new UsageError(`DN ${party.dn} is already ${clash.name}'s`);
    this.byName.set(party.name, party);
  }

  get(name: string): PartyConfig {
    const party = this.byName.get(name);
    if (!party) {
      const known = [...this.byName.keys()].join(', ') || 'none';
      throw new UsageError(`"${name}" is not a party of this scenario (declared: ${known})`);
    }
    return party;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** A party name, a party's possessive ("Bob's"), or a literal DN → the DN. */
  resolveDn = (ref: string): string => this.byName.get(ref.replace(/'s$/, ''))?.dn ?? ref;

  nameOf = (dn: string): string | undefined => [...this.byName.values()].find((p) => p.dn === dn)?.name;

  /** `DN 7002 (Bob)`, or `DN 7009` for a DN no party has: how diffs and rule failures name a DN. */
  dnLabel = (dn: string): string => {
    const name = this.nameOf(dn);
    return `DN ${dn}${name ? ` (${name})` : ''}`;
  };

  /**
   * Whether an event is outside the scenario's models, and so never "unexpected" (T-Library only: an
   * Interaction Server report of the same name, EventAgentLogin to a reporting engine, protocol
   * Reporting, is a message of the model):
   * - an agent-state event (support/model/agentState.ts) at a DN where the scenario casts no agent
   *   (after-call work at an agent's extension that the call model casts as a plain extension); a
   *   scenario that casts an agent judges them all;
   * - a handset event (EventOffHook, EventOnHook) when the system declares `off-hook:reported`
   *   (`handset`): its phones report them beside the calls' events; a table that names one still
   *   takes it. A system that declares `off-hook:not-reported` is judged on them as on any event.
   */
  outsideModel = (e: { readonly name: string; readonly dn?: string; readonly protocol?: string; readonly attributes: Readonly<Record<string, unknown>> }, handset = false): boolean =>
    (e.protocol ?? DEFAULT_PROTOCOL) === DEFAULT_PROTOCOL &&
    ((handset && HANDSET_EVENTS.has(e.name)) || (isAgentStateEvent(e) && ![...this.byName.values()].some((p) => p.dn === e.dn && p.agentId !== undefined)));

  isExternal(name: string): boolean {
    return this.get(name).type === 'External';
  }

  /** DNs whose event streams the scenario watches (every configured internal party). */
  monitoredDns(): string[] {
    return [...this.byName.values()].filter((p) => p.type !== 'External').map((p) => p.dn);
  }

  topology(): Topology {
    return { parties: [...this.byName.values()], ...(this.sites.size ? { sites: [...this.sites.values()] } : {}) };
  }

  static typeOf(phrase: string): DNType {
    const types: Record<string, DNType> = {
      extension: 'Extension', 'ACD position': 'ACDPosition', 'ACD queue': 'ACDQueue', 'routing point': 'RoutingPoint',
    };
    const type = types[phrase];
    if (!type) throw new UsageError(`unknown kind of DN "${phrase}"`);
    return type;
  }
}

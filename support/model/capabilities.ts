/**
 * Every capability a scenario can require (`@requires:<name>`), with what an adapter that declares
 * it promises (issue 20: the README and the example adapter list them all; a spec checks that this
 * catalogue and the features agree). Two kinds:
 *
 * - **abilities**: the adapter can make something happen that no CTI request causes (an outside
 *   party calling in, a timeout elapsing) or reach a component beyond one T-Server;
 * - **variants**: where GenEM documents two behaviours of switches, the one this switch has. Each
 *   variant names its alternative; an adapter declares at most one of a pair (the other variant's
 *   scenarios are skipped, with the reason).
 *
 * An ability is the lab's (`lab`: the harness's power to drive a scenario — an outside caller, a
 * timeout on purpose, a machine answering) or the system's (a feature or component the deployment
 * has or has not). What a skip means for the certificate follows ({@link notApplicable}).
 */
export interface Capability {
  readonly name: string;
  readonly meaning: string;
  /** For a variant: the other behaviour GenEM documents. */
  readonly alternative?: string;
  /** An ability of the lab (the harness's power to drive a scenario), not of the system under test. */
  readonly lab?: true;
}

const ability = (name: string, meaning: string): Capability => ({ name, meaning });
const labAbility = (name: string, meaning: string): Capability => ({ name, meaning, lab: true });
const variant = (name: string, alternative: string, meaning: string): Capability => ({ name, alternative, meaning });

export const CAPABILITIES: readonly Capability[] = [
  labAbility('external-parties', 'acts for parties outside the switch: an outside caller calls in, answers, hangs up (Party.CallsIn, Party.Answers, Party.HangsUp), e.g. by driving a SIP endpoint or trunk'),
  labAbility('alerting-control', 'can keep a call alerting at a destination before it rings there (Network.DelayAlerting)'),
  labAbility('timeout-control', 'can let a timeout elapse on purpose: a routing strategy that does not answer in time, a queue or no-answer timeout'),
  labAbility('digit-entry', 'can enter digits for a caller during a treatment (collected digits)'),
  labAbility('dial-outcome-control', 'can choose how a predictive or outbound dial ends: answered by a person or a machine, busy, no answer'),
  ability('call-parking', 'the switch has a parking DN, and a call parked there is connected without ringing'),
  labAbility('shared-line-phone', 'acts for a SIP phone of a shared line: picks up a held call or barges in'),
  ability('multi-site', 'reaches more than one switch: calls between sites through ISCC'),
  ability('transaction-monitoring', 'subscribes to ISCC transaction monitoring (EventTransactionStatus)'),
  ability('network-transfer', 'reaches a Network T-Server: network attended transfer'),
  ability('interaction-server', 'reaches Interaction Server: multimedia interactions (place in queue, deliver, accept)'),
  ability('call-monitoring', 'has a call-monitoring client of the switch, told about every party added to or deleted from a call'),
  ability('ivr-server', 'reaches IVR Server in front of the switch: the IVR protocol (RouteResponse, TreatCall, Cancel)'),
  ability('virtual-queues', 'the routing server distributes virtual-queue events through the switch'),
  ability('agent:login-reports-state', 'the switch reports the agent\'s state right after the login, unsolicited (SIP Server)'),
  variant('agent:acw-as-not-ready', 'agent:acw-event', 'after-call work is reported as a Not-Ready work mode (SIP Server)'),
  variant('agent:acw-event', 'agent:acw-as-not-ready', 'after-call work is reported by an event of its own'),
  variant('sst:network-reached', 'sst:no-network-reached', 'a single-step transfer to the outside network may tell the parties left on the call that the network was reached (SIP Server; the QA model marks it optional)'),
  variant('sst:no-network-reached', 'sst:network-reached', 'a single-step transfer to the outside network is reported as the transfer only (other switches)'),
  variant('redirect:silent-release', 'redirect:notify-release', 'servers from 7.6: the redirecting party leaves silently and the destination rings with its role'),
  variant('redirect:notify-release', 'redirect:silent-release', 'servers before 7.6: the others are told that the redirecting party left, and who joined'),
  ability('redirect:answered-call', 'the switch also redirects a call its DN has answered (SIP Server); most switches redirect only a ringing call'),
  variant('network-reached:not-reported', 'network-reached:reported', 'a call dialled to the outside network is not reported as having reached it (EventNetworkReached)'),
  variant('network-reached:reported', 'network-reached:not-reported', 'a call dialled to the outside network is reported dialling, then as having reached the network (EventNetworkReached)'),
  variant('off-hook:not-reported', 'off-hook:reported', 'the caller\'s phone does not report going off and on hook'),
  variant('off-hook:reported', 'off-hook:not-reported', 'the caller\'s SIP phone reports going off and on hook (EventOffHook/EventOnHook): required where a table names them, allowed beside every call elsewhere'),
  variant('ivr:caller-connected-to-agent-only', 'ivr:caller-connected-at-ivr-answer', 'when an IVR port answers, the caller is told of the connection only once an agent answers (a deployment choice, GenEM footnote)'),
  variant('ivr:caller-connected-at-ivr-answer', 'ivr:caller-connected-to-agent-only', 'when an IVR port answers, the caller is told of the connection at once'),
  ability('routing:divert-on-ringing', 'a routing point can be configured not to divert on ringing (divert-on-ringing=false): it keeps a routed call until the destination answers'),
  variant('routing:diverted-after-route-used', 'routing:route-used-only', 'the switch also reports a routed call diverted: EventDiverted with EventRouteUsed (each model says in which order)'),
  variant('routing:route-used-only', 'routing:diverted-after-route-used', 'the switch reports only the route used: no EventDiverted with EventRouteUsed'),
  ability('routing:route-type-reject', 'the switch accepts the deprecated reject route type: the router rejects a call with it'),
  variant('monitoring:observer-sees-customer', 'monitoring:observer-sees-initiator', 'when the agent answers, the observer is bridged in and told who the caller is'),
  variant('monitoring:observer-sees-initiator', 'monitoring:observer-sees-customer', 'when the agent answers, the observer is bridged in and told who started the observation'),
  variant('mute:no-private-info', 'mute:private-info', 'a supervisor changes its mode without monitor-mode notifications (sip-enable-call-info off)'),
  variant('mute:private-info', 'mute:no-private-info', 'a supervisor changes its mode, and both it and the agent are told the new monitor mode (sip-enable-call-info on)'),
];

export const CAPABILITY_NAMES: readonly string[] = CAPABILITIES.map((c) => c.name);

/**
 * Why an adapter's declared capabilities cannot be used (undefined when they can): a name the
 * catalogue does not have (a typo would silently skip every scenario requiring the real name), or
 * both variants of a pair (a correct system would be judged on both behaviours and fail one).
 */
export function capabilityProblem(adapter: string, features: readonly string[]): string | undefined {
  const unknown = [...new Set(features.filter((f) => !CAPABILITY_NAMES.includes(f)))];
  if (unknown.length) return `${adapter} declares capabilit${unknown.length > 1 ? 'ies' : 'y'} not in the catalogue (support/model/capabilities.ts, README): ${unknown.map((f) => `"${f}"`).join(', ')}`;
  const both = CAPABILITIES.filter((c) => c.alternative !== undefined && c.name < c.alternative && features.includes(c.name) && features.includes(c.alternative));
  if (both.length) return `${adapter} declares both variants of ${both.map((c) => `"${c.name}" and "${c.alternative ?? ''}"`).join('; ')}: a switch has one of them; declare at most one of each pair`;
  return undefined;
}

/** The one wording of a skip for something the adapter does not declare (a capability, a request). */
export function lacksWording(adapter: string, what: string): string {
  return `the adapter "${adapter}" does not declare ${what}`;
}

/** A skip for a capability the adapter does not declare, in that wording ({@link lacksWording}). */
export function lacksCapability(adapter: string, capability: string): string {
  return lacksWording(adapter, `the capability "${capability}"`);
}

const LACKS_CAPABILITY = /^the adapter ".*" does not declare the capability "([^"]+)"$/s;

/**
 * Whether a scenario skipped for `reason` did not apply to the system, so that nothing was left
 * untested by it: skipped for a variant whose alternative the adapter declares (the system has the
 * other behaviour GenEM documents, whose scenarios ran), or for an ability of the system the adapter
 * does not declare (the system does not have it). Any other skip left the scenario untested: an
 * ability of the lab, a variant neither of whose behaviours is declared, an observation level that
 * cannot show the events, a request the adapter cannot send.
 */
export function notApplicable(reason: string | undefined, declared: readonly string[]): boolean {
  const name = LACKS_CAPABILITY.exec(reason ?? '')?.[1];
  const capability = CAPABILITIES.find((c) => c.name === name);
  if (!capability) return false;
  if (capability.alternative !== undefined) return declared.includes(capability.alternative);
  return capability.lab !== true;
}

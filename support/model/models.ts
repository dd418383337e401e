/**
 * Every GenEM model the project restates: the denominator of coverage. One entry per `@model:` slug,
 * with the GenEM section it belongs to and how much evidence the research digests hold
 * (table = per-DN event table read from GenEM; qa-model = read from the Genesys QA model of SIP
 * Server; partial = part of the table or event names; title = known by title only, so a feature
 * restating it must be `@inferred`).
 */

export type Evidence = 'table' | 'qa-model' | 'partial' | 'title';

export interface ModelEntry {
  readonly slug: string;
  readonly section: string;
  readonly title: string;
  readonly evidence: Evidence;
}

export const MODELS: readonly ModelEntry[] = [
  { slug: 'basic-internal-inbound-call', section: 'Basic Call Models', title: 'Connection-establishing phase, internal/inbound call (+3 abnormal branches)', evidence: 'table' },
  { slug: 'basic-call-to-acd', section: 'Basic Call Models', title: '… internal/inbound call to ACD', evidence: 'qa-model' },
  { slug: 'basic-call-multiple-acds', section: 'Basic Call Models', title: '… queued to multiple ACDs', evidence: 'partial' },
  { slug: 'basic-call-parking', section: 'Basic Call Models', title: '… with call parking', evidence: 'title' },
  { slug: 'basic-call-routing', section: 'Basic Call Models', title: '… with routing', evidence: 'qa-model' },
  { slug: 'basic-call-routing-route-queue', section: 'Basic Call Models', title: '… with routing (RouteQueue case)', evidence: 'title' },
  { slug: 'basic-call-routing-outbound', section: 'Basic Call Models', title: '… with routing, outbound', evidence: 'title' },
  { slug: 'basic-outbound-call', section: 'Basic Call Models', title: 'Connection-establishing phase, outbound call', evidence: 'title' },
  { slug: 'basic-call-while-on-hold', section: 'Basic Call Models', title: 'Connection-establishing phase while on hold', evidence: 'title' },
  { slug: 'multi-queue-ivr-treatment', section: 'Work with queues', title: 'Multiple-queue call treated at an IVR port (IVR queue)', evidence: 'table' },
  // Digest 4 read the event skeleton (names and rows, no attributes): title → partial.
  { slug: 'multi-queue-direct-ivr-treatment', section: 'Work with queues', title: '… direct treatment at the IVR port', evidence: 'partial' },
  { slug: 'release-phase', section: 'Releasing Calls', title: 'Release phase', evidence: 'table' },
  { slug: 'release-from-conference', section: 'Releasing Calls', title: 'Release from conference', evidence: 'table' },
  { slug: 'delete-from-conference', section: 'Releasing Calls', title: 'Delete from conference', evidence: 'table' },
  { slug: 'hold-retrieve-consulted-answers', section: 'Holding, Transferring, and Conferencing', title: 'Hold-Retrieve, consulted party answers', evidence: 'table' },
  { slug: 'hold-retrieve-consulted-no-answer', section: 'Holding, Transferring, and Conferencing', title: 'Hold-Retrieve, consulted party does not answer', evidence: 'partial' },
  { slug: 'single-step-transfer', section: 'Holding, Transferring, and Conferencing', title: 'Single-Step Transfer', evidence: 'qa-model' },
  { slug: 'single-step-transfer-outbound', section: 'Holding, Transferring, and Conferencing', title: 'Single-Step Transfer (outbound)', evidence: 'partial' },
  { slug: 'mute-transfer', section: 'Holding, Transferring, and Conferencing', title: 'Mute Transfer', evidence: 'partial' },
  { slug: 'two-step-transfer-after-answer', section: 'Holding, Transferring, and Conferencing', title: 'Two-Step Transfer, complete after consulted party answers', evidence: 'partial' },
  { slug: 'two-step-transfer-blind', section: 'Holding, Transferring, and Conferencing', title: 'Two-Step Transfer, complete before consulted party answers', evidence: 'title' },
  { slug: 'two-step-transfer-to-acd', section: 'Holding, Transferring, and Conferencing', title: 'Two-Step Transfer to ACD', evidence: 'title' },
  { slug: 'two-step-transfer-to-routing-point', section: 'Holding, Transferring, and Conferencing', title: 'Two-Step Transfer to a Routing Point', evidence: 'title' },
  { slug: 'trunk-anti-tromboning', section: 'Holding, Transferring, and Conferencing', title: 'Trunk optimization: anti-tromboning', evidence: 'qa-model' },
  { slug: 'single-step-conference', section: 'Holding, Transferring, and Conferencing', title: 'Single-Step Conference', evidence: 'qa-model' },
  { slug: 'conference', section: 'Holding, Transferring, and Conferencing', title: 'Conference', evidence: 'qa-model' },
  { slug: 'blind-conference', section: 'Holding, Transferring, and Conferencing', title: 'Blind Conference', evidence: 'title' },
  { slug: 'conference-merge-calls', section: 'Holding, Transferring, and Conferencing', title: 'Conference with two incoming calls using TMergeCalls', evidence: 'partial' },
  { slug: 'outbound-busy-destination', section: 'Special Cases', title: 'Outbound call to a busy destination', evidence: 'partial' },
  { slug: 'rejected-call', section: 'Special Cases', title: 'Rejected call (routing point, route queue)', evidence: 'partial' },
  { slug: 'dnd-destination', section: 'Special Cases', title: 'Internal call to a destination with DND on', evidence: 'title' },
  { slug: 'call-forwarding-no-answer', section: 'Special Cases', title: 'Call forwarding on no answer', evidence: 'title' },
  { slug: 'alternate-call', section: 'Special Cases', title: 'Alternate-call service', evidence: 'partial' },
  { slug: 'reconnect-call', section: 'Special Cases', title: 'Reconnect-call service', evidence: 'partial' },
  { slug: 'redirect-call', section: 'Special Cases', title: 'Redirect-call service', evidence: 'qa-model' },
  { slug: 'bridged-appearance-inbound', section: 'Special Cases', title: 'Internal/inbound call with bridged appearance', evidence: 'partial' },
  { slug: 'bridged-appearance-outbound', section: 'Special Cases', title: 'Outbound call from bridged appearance', evidence: 'title' },
  { slug: 'bridged-appearance-hold-retrieve', section: 'Special Cases', title: 'Hold-retrieve for bridged appearance', evidence: 'partial' },
  { slug: 'answerable-by-several-agents', section: 'Special Cases', title: 'Call answerable by several agents (party B answers)', evidence: 'partial' },
  { slug: 'treatment-with-routing', section: 'Special Cases', title: 'Call treatment with routing', evidence: 'partial' },
  { slug: 'user-data-attach-update', section: 'Handling User Data', title: 'Attaching-updating user data, internal call', evidence: 'table' },
  { slug: 'user-data-third-party', section: 'Handling User Data', title: 'Attaching-updating by a third party', evidence: 'table' },
  { slug: 'predictive-call', section: 'Predictive Dialing', title: 'Predictive call (+ failure CallStates)', evidence: 'table' },
  { slug: 'predictive-call-with-routing', section: 'Predictive Dialing', title: 'Predictive call with routing', evidence: 'partial' },
  { slug: 'service-observing-agent', section: 'Monitoring Calls', title: 'Service observing on agent (release variants)', evidence: 'table' },
  { slug: 'service-observing-agent-initiated', section: 'Monitoring Calls', title: '… agent-initiated call', evidence: 'partial' },
  { slug: 'service-observing-queue', section: 'Monitoring Calls', title: 'Service observing on queue', evidence: 'partial' },
  { slug: 'monitor-next-call', section: 'Monitoring Calls', title: 'Monitor next call (TMonitorNextCall / TCancelMonitoring)', evidence: 'qa-model' },
  { slug: 'listen-disconnect-reconnect', section: 'Monitoring Calls', title: 'Listen disconnect / reconnect (TListenDisconnect / TListenReconnect)', evidence: 'qa-model' },
  { slug: 'sca-inbound-alerting', section: 'Shared Call Appearance', title: 'Inbound call alerting', evidence: 'table' },
  { slug: 'sca-inbound-answered', section: 'Shared Call Appearance', title: 'Inbound call answered', evidence: 'partial' },
  { slug: 'sca-termination-non-shared', section: 'Shared Call Appearance', title: 'Call termination by a non-shared-line phone', evidence: 'partial' },
  { slug: 'sca-outbound', section: 'Shared Call Appearance', title: 'Outbound call from a shared line', evidence: 'partial' },
  { slug: 'sca-hold-retrieve', section: 'Shared Call Appearance', title: 'Hold and retrieve on a shared line', evidence: 'title' },
  { slug: 'sca-barge-in', section: 'Shared Call Appearance', title: 'Barge-in on a shared line', evidence: 'title' },
  { slug: 'agent-login-logout', section: 'Agent states and work modes', title: 'login, logout', evidence: 'qa-model' },
  { slug: 'agent-ready-not-ready-acw', section: 'Agent states and work modes', title: 'ready, not ready, after-call work', evidence: 'partial' },
  { slug: 'dnd-forward-message-waiting', section: 'Agent-state and DN events', title: 'DND, forwarding, message waiting', evidence: 'title' },
  { slug: 'mute-on-off', section: 'Agent-state and DN events', title: 'mute', evidence: 'qa-model' },
  { slug: 'registration', section: 'Registration events', title: 'Registration events', evidence: 'title' },
  { slug: 'negative-responses', section: 'Negative-response events (EventError)', title: 'Negative-response events (EventError)', evidence: 'title' },
  { slug: 'virtual-queue-reporting', section: 'Routing', title: 'virtual queue events distributed by URS', evidence: 'table' },
  { slug: 'route-point-default-routing', section: 'Routing', title: 'EventRouteUsed after routing timeout (default route)', evidence: 'partial' },
  { slug: 'ivr-in-front-of-switch', section: 'IVR Call Flows', title: 'IVR in front of the switch', evidence: 'title' },
  { slug: 'ivr-behind-switch', section: 'IVR Call Flows', title: 'IVR behind the switch', evidence: 'title' },
  { slug: 'ivr-protocol-messages', section: 'IVR Protocol Messages', title: 'IVR Protocol Messages', evidence: 'partial' },
  { slug: 'iscc-transaction-types', section: 'Multi-site', title: 'ISCC transaction types (11)', evidence: 'title' },
  { slug: 'multisite-call-transfer', section: 'Multi-Site Call Scenarios', title: 'Multi-Site Call Scenarios', evidence: 'partial' },
  { slug: 'multisite-iscc-transfer-conference', section: 'Holding, Transferring, and Conferencing', title: 'Special case: multi-site ISCC transfers and conferences', evidence: 'title' },
  { slug: 'iscc-transaction-monitoring', section: 'ISCC Transaction Monitoring', title: 'ISCC Transaction Monitoring', evidence: 'partial' },
  { slug: 'call-based-notifications', section: 'T-Library Call-Based Notifications', title: 'T-Library Call-Based Notifications', evidence: 'partial' },
  { slug: 'network-attended-transfer', section: 'Network attended transfer events', title: 'Network attended transfer events', evidence: 'partial' },
  { slug: 'mm-registration', section: 'Basic Interaction Models', title: 'Registration', evidence: 'partial' },
  { slug: 'mm-login-logout', section: 'Basic Interaction Models', title: 'Login-Logout', evidence: 'partial' },
  { slug: 'mm-deliver-to-agent', section: 'Basic Interaction Models', title: 'Deliver interaction to agent', evidence: 'partial' },
  { slug: 'mm-place-in-queue', section: 'Basic Interaction Models', title: 'Place interaction in queue', evidence: 'partial' },
  { slug: 'mm-place-in-workbin', section: 'Basic Interaction Models', title: 'Place interaction in workbin', evidence: 'partial' },
  { slug: 'mm-agent-pulls', section: 'Basic Interaction Models', title: 'Agent pulls interaction', evidence: 'partial' },
  { slug: 'mm-agent-submits', section: 'Basic Interaction Models', title: 'Agent submits interaction', evidence: 'partial' },
  { slug: 'mm-transfer', section: 'Basic Interaction Models', title: 'Transfer', evidence: 'partial' },
  { slug: 'mm-conference', section: 'Basic Interaction Models', title: 'Conference', evidence: 'partial' },
  { slug: 'mm-disconnection-failover', section: 'Basic Interaction Models', title: 'Disconnection and failover', evidence: 'partial' },
];

const BY_SLUG = new Map(MODELS.map((m) => [m.slug, m]));

export function modelOf(slug: string): ModelEntry | undefined {
  return BY_SLUG.get(slug);
}

/**
 * GenEM pages a feature may cite with `@source:GenEM/<Page>` (the page names of the GenEM book on
 * docs.genesys.com), with their titles. Allure's epic is the title.
 */
export const SOURCES: Readonly<Record<string, string>> = {
  CallModelsandFlows: 'Call Models and Flows (general rules)',
  BasicCallModels: 'Basic Call Models',
  WorkWithQueues: 'Work with Queues',
  ReleasingCalls: 'Releasing Calls',
  HoldingTransferringandConferencing: 'Holding, Transferring, and Conferencing',
  SpecialCases: 'Special Cases',
  HandlingUserData: 'Handling User Data',
  PredictiveDialing: 'Predictive Dialing',
  MonitoringCalls: 'Monitoring Calls',
  SCA: 'Shared Call Appearance',
  AgentStatesandWorkModes: 'Agent States and Work Modes',
  AgentStateandDNEvents: 'Agent-State and DN Events',
  RegistrationEvents: 'Registration Events',
  NegativeResponseEvents: 'Negative-Response Events',
  CallRoutingEvents: 'Call Routing Events',
  IVRCallFlows: 'IVR Call Flows',
  IVRProtocolMessages: 'IVR Protocol Messages',
  MultiSiteCallScenarios: 'Multi-Site Call Scenarios',
  TransactionMonitoring: 'ISCC Transaction Monitoring',
  TLibraryCallBasedEvents: 'T-Library Call-Based Notifications',
  NetworkAttendedTransferEvents: 'Network Attended Transfer Events',
  BasicInteractionModels: 'Basic Interaction Models',
};

export function sourceTitle(tag: string): string | undefined {
  const m = /^@source:GenEM\/([A-Za-z]+)$/.exec(tag);
  return m?.[1] ? SOURCES[m[1]] : undefined;
}

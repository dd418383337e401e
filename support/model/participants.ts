/**
 * Participants that are not DNs: part of the vocabulary features use, so steps and adapters share
 * one definition (the adapter contract re-exports it).
 */

/**
 * A participant that is not a DN: an agent application or a reporting engine of Interaction
 * Server, a routing server, a call-monitoring or transaction-monitoring client. Such a party has
 * `type: 'External'` and `configured: false` (DN-registering adapters skip it); its `dn` is the
 * participant's identifier, which events name in `participant`.
 */
export interface ParticipantConfig {
  readonly kind: 'agent-application' | 'reporting-engine' | 'router' | 'call-monitor' | 'transaction-monitor' | 'ivr';
  /** The server it talks to ("Interaction Server", "T-Server Paris"). */
  readonly server: string;
  /** False for an application the server does not know (GenEM's "invalid client"). */
  readonly valid?: boolean;
}

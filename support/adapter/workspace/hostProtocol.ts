/**
 * Messages between the workspace adapter (main thread) and the client host (a worker thread that
 * loads `genesys-workspace-client-js`, which sets `global.window` and a fake XMLHttpRequest where it
 * is loaded). Plain data: they cross the thread boundary by structured clone.
 */

export interface OpenSession {
  readonly type: 'open';
  readonly rid: number;
  readonly sid: number;
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly token: string;
  readonly agentId: string;
  readonly dn: string;
}

/** A method of the client's voice API (`makeCall`, `answerCall`…), with its arguments. */
export interface CallVoice {
  readonly type: 'voice';
  readonly rid: number;
  readonly sid: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface CloseSession {
  readonly type: 'close';
  readonly rid: number;
  readonly sid: number;
}

export type ToHost = OpenSession | CallVoice | CloseSession;

export interface Reply {
  readonly type: 'reply';
  readonly rid: number;
  readonly ok: boolean;
  /** The HTTP status of a refused request (401, 400…), when there was one. */
  readonly status?: number;
  readonly error?: string;
}

/**
 * One message of the session's `/workspace/v3/voice` channel: as it arrived (`raw`), and what the
 * client made of it (`client`: the event it emitted and its payload; absent when it emitted none,
 * e.g. for EventError, which the client only logs, or a shape it could not read).
 */
export interface VoiceNotification {
  readonly type: 'voice';
  readonly sid: number;
  /** 1-based count of voice messages this session received. */
  readonly seq: number;
  readonly raw: unknown;
  readonly client?: { readonly event: string; readonly payload: unknown };
}

/** The CometD session was re-established with a new handshake (messages in between may be lost). */
export interface Rehandshake {
  readonly type: 'rehandshake';
  readonly sid: number;
}

/** Something the host noticed that belongs to no request (a failed background logout, a client error). */
export interface HostNote {
  readonly type: 'note';
  readonly sid?: number;
  readonly message: string;
}

export type FromHost = Reply | VoiceNotification | Rehandshake | HostNote;

/** The voice API methods the adapter may call (everything else is refused by the host). */
export const VOICE_METHODS: ReadonlySet<string> = new Set([
  'makeCall', 'answerCall', 'holdCall', 'retrieveCall', 'releaseCall', 'clearCall', 'redirectCall',
  'initiateConference', 'completeConference', 'deleteFromConference', 'initiateTransfer', 'completeTransfer',
  'alternateCalls', 'mergeCalls', 'reconnectCall', 'singleStepConference', 'singleStepTransfer',
  'attachUserData', 'updateUserData', 'deleteUserDataPair', 'sendDTMF',
  'ready', 'notReady', 'dndOn', 'dndOff', 'login', 'logout', 'setForward', 'cancelForward',
]);

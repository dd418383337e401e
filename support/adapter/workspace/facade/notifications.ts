/**
 * The facade's CometD endpoint (`/workspace/v3/notifications`, long polling, served by
 * `cometd-nodejs-server`): a handshake is allowed only with a Workspace session cookie; the
 * initialization channel gets `state: 'Complete'` once the client subscribes to it, and the voice
 * channel gets the session's messages once the client subscribes to it (again, after a
 * re-handshake: what waited is delivered then). With CometD's acknowledgement extension, what was
 * sent on a long poll that broke is sent again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCometDServer, type CometDServer, type ServerChannel, type ServerSession } from 'cometd-nodejs-server';
import { AcknowledgedMessagesExtension } from 'cometd-nodejs-server/ack-extension';
import { INITIALIZATION_CHANNEL, SESSION_COOKIE, VOICE_CHANNEL } from '../wire';
import type { WorkspaceSession } from './lab';

export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export class Notifications {
  private readonly server: CometDServer;
  private readonly bySession = new Map<string, WorkspaceSession>();

  constructor(private readonly sessionOf: (id: string | undefined) => WorkspaceSession | undefined, private readonly log: (line: string) => void) {
    // Long polls held 10 s at most: a client that went away is noticed, and closing the facade is quick.
    this.server = createCometDServer({ timeout: 10_000, maxInterval: 15_000 });
    // CometD's acknowledgement extension: a message sent on a long poll that died is sent again on the next
    // one, for a client that has the extension (the host registers it); others are served as before.
    this.server.addExtension(new AcknowledgedMessagesExtension());
    this.server.policy = {
      canHandshake: (_session, _message, callback) => callback(undefined, this.requestSession() !== undefined),
    };
    this.server.addListener('sessionAdded', (session: ServerSession) => {
      const workspace = this.requestSession();
      if (!workspace) return;
      this.bySession.set(session.id, workspace);
      workspace.attach(session);
    });
    this.server.addListener('sessionRemoved', (session: ServerSession) => {
      this.bySession.get(session.id)?.detach(session);
      this.bySession.delete(session.id);
    });
    this.server.addListener('subscribed', (channel: ServerChannel, session: ServerSession) => this.subscribed(channel.name, session));
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    this.server.handle(request, response);
  }

  private requestSession(): WorkspaceSession | undefined {
    const request = (this.server.context as { request?: IncomingMessage } | null)?.request;
    return request ? this.sessionOf(cookieValue(request, SESSION_COOKIE)) : undefined;
  }

  private subscribed(channel: string, session: ServerSession): void {
    const workspace = this.bySession.get(session.id);
    if (!workspace) return;
    if (channel === INITIALIZATION_CHANNEL) {
      const { party, dn } = workspace;
      session.deliver(null, INITIALIZATION_CHANNEL, {
        state: 'Complete',
        messageType: 'WorkspaceInitializationComplete',
        data: {
          user: { userName: party.name, employeeId: party.agentId ?? party.name, ...(party.agentId ? { agentLogin: party.agentId } : {}), defaultPlace: dn },
          configuration: {},
        },
      });
    } else if (channel === VOICE_CHANNEL) {
      workspace.voiceReady(session);
    } else {
      this.log(`session ${workspace.dn} subscribed to ${channel}, which the facade does not serve`);
    }
  }

  /** Test hook: the server forgets every CometD session, as after an expiry (clients must re-handshake). */
  forgetSessions(): void {
    const remove = (this.server as unknown as { _removeServerSession(session: ServerSession, timeout: boolean): unknown })._removeServerSession;
    for (const id of [...this.bySession.keys()]) {
      const session = this.server.getServerSession(id);
      if (session) remove(session, true);
    }
  }

  close(): void {
    this.server.close();
  }
}

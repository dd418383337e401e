/**
 * One end of a bridge session, on either side: every incoming line is validated against the
 * published schemas before anything looks at it. An invalid line is counted and reported with its
 * line number and content (the owner decides what it breaks), never silently dropped.
 */
import type { Channel } from './transport';
import { invalidLineReport, type Decoded, type WireMessage } from './protocol';

export interface PeerHandlers {
  message(message: WireMessage, lineNo: number): void;
  invalid(report: string): void;
  closed(error?: Error): void;
}

type Pending = { kind: 'message'; message: WireMessage; lineNo: number } | { kind: 'invalid'; report: string } | { kind: 'closed'; error?: Error };

/** How many invalid-line reports are kept (all are counted). */
const KEPT_REPORTS = 100;

/** How one line becomes a message: the endpoint's compiled schemas and depth limit. */
export type Decode = (line: string) => Decoded;

export class Peer {
  invalidCount = 0;
  readonly invalidReports: string[] = [];
  private handlers: PeerHandlers | undefined;
  private readonly queue: Pending[] = [];
  private closedSeen = false;

  /**
   * `maxQueued`: messages held while no owner is attached (between the handshake and the scenario)
   * above which reading from the peer pauses until an owner takes them.
   */
  constructor(readonly channel: Channel, readonly label: string, private readonly decode: Decode, private readonly maxQueued: number) {
    channel.start({
      line: (line, lineNo) => this.onLine(line, lineNo),
      closed: (error) => {
        this.closedSeen = true;
        this.deliver({ kind: 'closed', ...(error ? { error } : {}) });
      },
    });
  }

  /** Route what arrives to `handlers`; `undefined` holds it (in order) until the next owner attaches. */
  setHandlers(handlers: PeerHandlers | undefined): void {
    this.handlers = handlers;
    while (this.handlers && this.queue.length) {
      const next = this.queue.shift();
      if (next) this.dispatch(next);
    }
    if (this.handlers) this.channel.resume('unclaimed');
  }

  get isClosed(): boolean {
    return this.closedSeen || !this.channel.isOpen;
  }

  send(message: WireMessage): void {
    this.channel.write(message);
  }

  /** Say goodbye and close the transport. */
  close(reason?: string): void {
    if (this.channel.isOpen) this.send({ type: 'close', ...(reason ? { reason } : {}) });
    this.channel.close();
  }

  private onLine(line: string, lineNo: number): void {
    const decoded = this.decode(line);
    if (decoded.ok) {
      if (this.handlers && this.queue.length === 0) this.handlers.message(decoded.message, lineNo);
      else this.deliver({ kind: 'message', message: decoded.message, lineNo });
      return;
    }
    this.invalidCount += 1;
    const report = invalidLineReport(`${this.label} (${this.channel.peer})`, lineNo, line, decoded.problem);
    if (this.invalidReports.length < KEPT_REPORTS) this.invalidReports.push(report);
    this.deliver({ kind: 'invalid', report });
  }

  private deliver(item: Pending): void {
    if (this.handlers) return this.dispatch(item);
    this.queue.push(item);
    if (this.queue.length > this.maxQueued) this.channel.pause('unclaimed');
    return undefined;
  }

  private dispatch(item: Pending): void {
    const h = this.handlers;
    if (!h) return;
    if (item.kind === 'message') h.message(item.message, item.lineNo);
    else if (item.kind === 'invalid') h.invalid(item.report);
    else h.closed(item.error);
  }
}

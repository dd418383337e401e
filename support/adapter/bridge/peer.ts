/**
 * One end of a bridge session, on either side: every incoming line is validated against the
 * published schemas before anything looks at it. An invalid line is counted and reported with its
 * line number and content (the owner decides what it breaks), never silently dropped.
 */
import type { Channel } from './transport';
import { decodeLine, invalidLineReport, type WireMessage } from './protocol';

export interface PeerHandlers {
  message(message: WireMessage, lineNo: number): void;
  invalid(report: string): void;
  closed(error?: Error): void;
}

type Pending = { kind: 'message'; message: WireMessage; lineNo: number } | { kind: 'invalid'; report: string } | { kind: 'closed'; error?: Error };

/** How many invalid-line reports are kept (all are counted). */
const KEPT_REPORTS = 100;

export class Peer {
  invalidCount = 0;
  readonly invalidReports: string[] = [];
  private handlers: PeerHandlers | undefined;
  private readonly queue: Pending[] = [];
  private closedSeen = false;

  constructor(readonly channel: Channel, readonly label: string) {
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
    const decoded = decodeLine(line);
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
    if (this.handlers) this.dispatch(item);
    else this.queue.push(item);
  }

  private dispatch(item: Pending): void {
    const h = this.handlers;
    if (!h) return;
    if (item.kind === 'message') h.message(item.message, item.lineNo);
    else if (item.kind === 'invalid') h.invalid(item.report);
    else h.closed(item.error);
  }
}

/**
 * Failed-authentication back-off, per remote address: the first `authFailuresBeforeBackoff`
 * failures in a row are answered at once (a mistyped token is reported, not punished); after them,
 * each failure closes that address's door for `authBackoffMs`, doubling up to `authBackoffMaxMs`.
 * While the door is closed a hello from that address is refused without its token being looked at,
 * so guessing runs at one attempt per back-off instead of thousands per second. A success opens the
 * door again; an address quiet for twice the longest back-off is forgotten. Kept per endpoint (its
 * lifetime is the server's), and bounded in the number of addresses it remembers.
 */
import type { BridgeLimits } from './limits';

interface Failures {
  count: number;
  /** Epoch ms until which hellos from the address are refused unchecked. */
  until: number;
  last: number;
}

/** Addresses remembered at most; the oldest entry makes room. */
const REMEMBERED = 10_000;

export class AuthBackoff {
  private readonly byAddress = new Map<string, Failures>();

  constructor(private readonly limits: Pick<BridgeLimits, 'authFailuresBeforeBackoff' | 'authBackoffMs' | 'authBackoffMaxMs'>, private readonly now: () => number = Date.now) {}

  /** Milliseconds until a hello from `address` is checked again (0: check it now), and the failures so far. */
  closedFor(address: string): { readonly waitMs: number; readonly failures: number } {
    const f = this.current(address);
    if (!f) return { waitMs: 0, failures: 0 };
    return { waitMs: Math.max(0, f.until - this.now()), failures: f.count };
  }

  failed(address: string): void {
    const now = this.now();
    const f = this.current(address) ?? { count: 0, until: 0, last: now };
    f.count += 1;
    f.last = now;
    const over = f.count - this.limits.authFailuresBeforeBackoff;
    if (over > 0) f.until = now + Math.min(this.limits.authBackoffMaxMs, this.limits.authBackoffMs * 2 ** Math.min(over - 1, 30));
    this.byAddress.delete(address);
    this.byAddress.set(address, f);
    if (this.byAddress.size > REMEMBERED) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest !== undefined) this.byAddress.delete(oldest);
    }
  }

  succeeded(address: string): void {
    this.byAddress.delete(address);
  }

  private current(address: string): Failures | undefined {
    const f = this.byAddress.get(address);
    if (f && this.now() - Math.max(f.last, f.until) > 2 * this.limits.authBackoffMaxMs) {
      this.byAddress.delete(address);
      return undefined;
    }
    return f;
  }
}

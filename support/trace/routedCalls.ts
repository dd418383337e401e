/**
 * What a log shows of the switch's routing-point reports: whether a route used at a routing point
 * (EventRouteUsed with ThisQueue = ThisDN) comes with EventDiverted at that routing point on the same
 * call — the variant pair routing:diverted-after-route-used / routing:route-used-only
 * (support/model/capabilities.ts). A replay of a real system's log declares the one its log shows,
 * as it does for EventNetworkReached (support/trace/ReplayAdapter.ts).
 */
import { connIdOf } from './stimuli';
import type { TraceRecord } from './record';

export type RoutingVariant = 'diverted-after-route-used' | 'route-used-only';

export class RoutedCalls {
  /** `ConnID routing-point` of every route used, and those that also report the call diverted there. */
  private readonly routed = new Set<string>();
  private readonly diverted = new Set<string>();

  note(r: TraceRecord): void {
    if (r.kind !== 'event' || (r.name !== 'EventRouteUsed' && r.name !== 'EventDiverted')) return;
    const conn = connIdOf(r);
    const at = r.attributes.ThisDN;
    if (conn === undefined || typeof at !== 'string' || r.attributes.ThisQueue !== at) return;
    (r.name === 'EventRouteUsed' ? this.routed : this.diverted).add(`${conn} ${at}`);
  }

  /**
   * `diverted-after-route-used` when every route used also reports the call diverted at its routing
   * point, `route-used-only` when none does; undefined when the log has no route used, or shows both
   * (a log cut between the two, or routing points that differ: neither variant is the switch's).
   */
  variant(): RoutingVariant | undefined {
    let diverts = false;
    let lacks = false;
    for (const key of this.routed) {
      if (this.diverted.has(key)) diverts = true;
      else lacks = true;
    }
    return diverts === lacks ? undefined : diverts ? 'diverted-after-route-used' : 'route-used-only';
  }
}

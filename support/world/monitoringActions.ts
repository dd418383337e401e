/**
 * The model's verbs for supervision: a supervisor starts or stops observing an agent's calls
 * (TMonitorNextCall / TCancelMonitoring, digest 2 §3.9, digest 3 §5.17).
 */
import type { AttrValue } from '../model/event';
import { dnOf, request, sawOn, type Action } from './actions';

export type MonitorNextCallType = 'MonitorOneCall' | 'MonitorAllCalls';

/** `observer` asks to observe `agent`'s next call, or all its calls; `mode` is the MonitorMode extension. */
export function observe(observer: string, agent: string, type: MonitorNextCallType, mode?: string): Action {
  return {
    text: `${observer} starts observing ${type === 'MonitorOneCall' ? `${agent}'s next call` : `all of ${agent}'s calls`}`,
    build: (ctx) => {
      const attributes: Record<string, AttrValue> = { ThisDN: dnOf(ctx, observer), OtherDN: dnOf(ctx, agent), MonitorNextCallType: type };
      if (mode) attributes.Extensions = [{ key: 'MonitorMode', value: mode }];
      return request('RequestMonitorNextCall', attributes);
    },
    done: (ctx) => sawOn(ctx, observer, 'EventMonitoringNextCall'),
  };
}

export function stopObserving(observer: string, agent: string): Action {
  return {
    text: `${observer} stops observing ${agent}`,
    build: (ctx) => request('RequestCancelMonitoring', { ThisDN: dnOf(ctx, observer), OtherDN: dnOf(ctx, agent) }),
    done: (ctx) => sawOn(ctx, observer, 'EventMonitoringCancelled'),
  };
}

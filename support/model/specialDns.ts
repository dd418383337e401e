/**
 * DNs with a meaning of their own, named by features and the simulator alike.
 */

/** The call parking place: a call made to it is parked (digest 3 §5.27; support/simulator/specialDns.ts). */
export const PARK_DN = 'gcti::park';

/** Whether `dn` is a DN with a meaning of its own on the switch (a replay binds its party to that DN only, never to an ordinary number). */
export function isSpecialDn(dn: string): boolean {
  return dn === PARK_DN;
}

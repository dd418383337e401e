/**
 * DNs with a meaning of their own, named by features and the simulator alike.
 */

/** The call parking place: a call made to it is parked (digest 3 §5.27; support/simulator/specialDns.ts). */
export const PARK_DN = 'gcti::park';

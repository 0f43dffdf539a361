/**
 * A plan projection this many events behind the newest is catching up (a rebuild): the planner waits for it to
 * arrive instead of reconciling every second against a plan that is still growing.
 */
export const CATCHING_UP = 5_000n;

/** What the planner's watch reads each second. */
export interface PlanObservation {
  /** Global position the plan projection has read through; undefined before it exists. */
  readThrough?: bigint;
  /** The newest committed event's position; undefined in an empty store. */
  newest?: bigint;
  /** The plan projection's serving version and its revision (bumped by each batch that rewrote a plan). */
  version?: number;
  revision?: string;
  /** The reminder settings stream's version (lead times). */
  settings: number;
}

/**
 * What the watch remembers after `observed`, or `undefined` when there is nothing to reconcile: the plan and the lead
 * times are as last seen, or the plan projection is still catching up (nothing is remembered then, so the plan is
 * reconciled once it has arrived).
 */
export function planChangeSeen(observed: PlanObservation, lastSeen: string | undefined): string | undefined {
  if (observed.readThrough !== undefined && observed.newest !== undefined && observed.newest - observed.readThrough > CATCHING_UP) return undefined;
  const seen = JSON.stringify([observed.version, observed.revision, observed.settings]);
  return seen === lastSeen ? undefined : seen;
}

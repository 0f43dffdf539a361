import type { BasicLineWire } from './budget-content';

/**
 * Parts of the bodies the department's draft routes read (`POST`/`PATCH …/basic-lines`, `…/projects`): the
 * figures as the department writes them; the server parses checkpoints and targets and answers field problems.
 */

/** `POST …/basic-lines` (a `PATCH` sends any of these fields). */
export type BasicLineRequest = Omit<BasicLineWire, 'lineId'>;

/** A spending-plan checkpoint as printed (`3月底`, 25). */
export interface SpendingPlanEntry {
  checkpoint: string;
  cumulativePercent: number;
}

/** A performance indicator with its target as printed (`≥95 %`). */
export interface IndicatorEntry {
  level1: string;
  level2: string;
  name: string;
  description: string;
  target: string;
  basis: string;
}

import type { ProblemMapper } from '../http';
import { refusalProblem } from './refusal-problem';
import { storeProblem } from './store-problems';

export * from './refusal-problem';
export * from './store-problems';

/** How anything thrown below a route becomes problem+json (after `ProblemException`s, before the 500 fallback). */
export const PROBLEM_MAPPERS: readonly ProblemMapper[] = [refusalProblem, storeProblem];

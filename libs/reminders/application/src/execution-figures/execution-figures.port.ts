import type { BehindPlanProject, ProjectProgress } from '@budgetflow/reminders-domain';

/** A project's execution figures as of an instant, from the execution monitoring (issue 5). */
export interface ProjectProgressFigures extends ProjectProgress {
  /** Planned cumulative percent at `asOf` (from the project's spending plan), decimal string. */
  plannedPercent: string;
  /** Executed share of the approved amount, decimal string. */
  executedPercent: string;
}

/**
 * The port reminders read execution through: payments are not this module's business. Bound to
 * `EXECUTION_FIGURES`; the adapter in this folder reads the execution module, tests feed a payment pattern.
 */
export interface ExecutionFigures {
  /** `null` when the budget or project is unknown to the execution monitoring. */
  projectProgress(department: string, fiscalYear: number, projectCode: string, asOf: Date): Promise<ProjectProgressFigures | null>;
  /** Every project of the year behind its plan as of `asOf` (a checkpoint's end, for the digest). */
  behindPlan(fiscalYear: number, asOf: Date): Promise<BehindPlanProject[]>;
}

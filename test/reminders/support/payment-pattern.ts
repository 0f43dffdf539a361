import { Decimal } from '@budgetflow/budget-domain';
import type { ExecutionFigures, ProjectProgressFigures } from '@budgetflow/reminders-application';
import { type BehindPlanProject, type PlannedProject, checkpointEnd, plannedAmount } from '@budgetflow/reminders-domain';

/** Cumulative amount paid on a project from an instant on. */
export interface Payment {
  at: Date;
  cumulative: string;
}

/**
 * A stand-in for the execution monitoring (issue 5), fed by a payment pattern: cumulative payments per project
 * over the year, planned percent = the last checkpoint passed (step function), warning yellow > 10 points
 * behind and red > 20, as the execution defaults say.
 */
export class PatternExecutionFigures implements ExecutionFigures {
  readonly calls: { projectCode: string; asOf: string }[] = [];

  constructor(
    private readonly projects: () => readonly (PlannedProject & { amount: string })[],
    private readonly payments: Readonly<Record<string, readonly Payment[]>>,
  ) {}

  private figures(project: PlannedProject & { amount: string }, asOf: Date) {
    const approved = new Decimal(project.amount);
    const paid = (this.payments[project.projectCode] ?? []).filter((p) => p.at <= asOf).at(-1)?.cumulative ?? '0';
    const executed = new Decimal(paid);
    const passed = project.spendingPlan.filter((c) => checkpointEnd(project.fiscalYear, c.month) <= asOf).at(-1);
    const plannedPercent = passed?.cumulativePercent ?? 0;
    const executedPercent = approved.isZero() ? new Decimal(100) : executed.dividedBy(approved).times(100);
    const gap = new Decimal(plannedPercent).minus(executedPercent);
    const warningLevel = gap.greaterThan(20) ? ('red' as const) : gap.greaterThan(10) ? ('yellow' as const) : ('none' as const);
    return { approved, executed, plannedPercent, executedPercent, warningLevel };
  }

  async projectProgress(department: string, fiscalYear: number, projectCode: string, asOf: Date): Promise<ProjectProgressFigures | null> {
    this.calls.push({ projectCode, asOf: asOf.toISOString() });
    const project = this.projects().find((p) => p.department === department && p.fiscalYear === fiscalYear && p.projectCode === projectCode);
    if (!project) return null;
    const f = this.figures(project, asOf);
    return { approvedAmount: f.approved, executedAmount: f.executed, plannedPercent: String(f.plannedPercent), executedPercent: f.executedPercent.toFixed(2), warningLevel: f.warningLevel };
  }

  async behindPlan(fiscalYear: number, asOf: Date): Promise<BehindPlanProject[]> {
    return this.projects()
      .filter((p) => p.fiscalYear === fiscalYear)
      .map((p) => ({ p, f: this.figures(p, asOf) }))
      .filter(({ f }) => f.executed.lessThan(plannedAmount(f.approved, f.plannedPercent)))
      .map(({ p, f }) => ({
        department: p.department,
        projectCode: p.projectCode,
        projectName: p.projectName,
        approvedAmount: f.approved,
        executedAmount: f.executed,
        plannedPercent: f.plannedPercent,
        warningLevel: f.warningLevel,
      }));
  }
}

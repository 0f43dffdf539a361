import { type BudgetContent, Decimal, type Money, type PerformanceIndicator, type SpendingPlanCheckpoint } from '@budgetflow/budget-domain';

/** 基本支出 line of an approved budget, as execution sees it: what may be paid against it. */
export interface ApprovedBasicLine {
  lineId: string;
  functionalCode: string;
  economicCode: string;
  amount: Money;
}

/** 项目 of an approved budget: its amount, its spending plan (资金支出计划) and its indicators (绩效指标). */
export interface ApprovedProject {
  code: string;
  name: string;
  amount: Money;
  spendingPlan: SpendingPlanCheckpoint[];
  indicators: PerformanceIndicator[];
}

/** One approved version (批复版本) of a department-year budget, reduced to what execution is measured against. */
export interface ApprovedBudget {
  department: string;
  departmentName: string;
  fiscalYear: number;
  version: number;
  /** ISO instant of the approval. */
  approvedAt: string;
  basicLines: ApprovedBasicLine[];
  projects: ApprovedProject[];
}

export const approvedBudgetOf = (content: BudgetContent, version: number, approvedAt: string): ApprovedBudget => ({
  department: content.department.code,
  departmentName: content.department.name,
  fiscalYear: content.fiscalYear,
  version,
  approvedAt,
  basicLines: content.basicExpenditureLines.map((line) => ({
    lineId: line.lineId,
    functionalCode: line.functionalCode,
    economicCode: line.economicCode,
    amount: line.amount,
  })),
  projects: content.projects.map((project) => ({
    code: project.code,
    name: project.name,
    amount: project.amount,
    spendingPlan: project.spendingPlan,
    indicators: project.indicators,
  })),
});

/** Where a payment goes: a basic line (by line id) or a project (by project code). */
export type PaymentTarget = { kind: 'basic'; lineId: string } | { kind: 'project'; projectCode: string };

export const targetKey = (target: PaymentTarget): string => (target.kind === 'basic' ? `basic:${target.lineId}` : `project:${target.projectCode}`);

/** The approved amount of a target in this version; `undefined` when the version has no such line or project. */
export const approvedAmountOf = (budget: ApprovedBudget, target: PaymentTarget): Money | undefined =>
  target.kind === 'basic'
    ? budget.basicLines.find((line) => line.lineId === target.lineId)?.amount
    : budget.projects.find((project) => project.code === target.projectCode)?.amount;

export const totalApproved = (budget: ApprovedBudget): Money =>
  [...budget.basicLines.map((l) => l.amount), ...budget.projects.map((p) => p.amount)].reduce((a, b) => a.plus(b), new Decimal(0));

/** JSON form (amounts as decimal strings) for read models. */
export interface ApprovedBudgetWire {
  department: string;
  departmentName: string;
  fiscalYear: number;
  version: number;
  approvedAt: string;
  basicLines: Array<Omit<ApprovedBasicLine, 'amount'> & { amount: string }>;
  projects: Array<Omit<ApprovedProject, 'amount'> & { amount: string }>;
}

export const approvedBudgetToWire = (budget: ApprovedBudget): ApprovedBudgetWire => ({
  ...budget,
  basicLines: budget.basicLines.map((line) => ({ ...line, amount: line.amount.toFixed(2) })),
  projects: budget.projects.map((project) => ({ ...project, amount: project.amount.toFixed(2) })),
});

export const approvedBudgetFromWire = (wire: ApprovedBudgetWire): ApprovedBudget => ({
  ...wire,
  basicLines: wire.basicLines.map((line) => ({ ...line, amount: new Decimal(line.amount) })),
  projects: wire.projects.map((project) => ({ ...project, amount: new Decimal(project.amount) })),
});

/**
 * The version in force on `date`: the last one approved by the end of that day. A date before the first
 * approval is measured against the first approved version — the year's original budget (批复前的支出 are
 * measured against what was then approved).
 */
export const versionInForce = <V extends { approvedAt: string; version: number }>(versions: readonly V[], endOfDay: Date): V | undefined => {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const approved = sorted.filter((v) => Date.parse(v.approvedAt) <= endOfDay.getTime());
  return approved[approved.length - 1] ?? sorted[0];
};

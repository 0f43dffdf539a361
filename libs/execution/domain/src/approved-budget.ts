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
  /** First day (YYYY-MM-DD) the version is in force; absent (older read-model rows): the day of approval. */
  effectiveFrom?: string;
  /** The in-year change that made this version (absent for the original budget). */
  change?: VersionChangeInfo;
  basicLines: ApprovedBasicLine[];
  projects: ApprovedProject[];
}

/** A version without its lines and projects: who, which version, since when and why. */
export type ApprovedBudgetHead = Omit<ApprovedBudget, 'basicLines' | 'projects'>;

/** Why a version is in force: the change (追加 / 调剂 / 调整) that made it, its 文号 and reason, back-dated or not. */
export interface VersionChangeInfo {
  adjustmentId: string;
  kind: 'addition' | 'transfer' | 'adjustment';
  documentNumber?: string;
  reason: string;
  backDated: boolean;
}

export const approvedBudgetOf = (
  content: BudgetContent,
  version: number,
  approvedAt: string,
  inForce: { effectiveFrom?: string; change?: VersionChangeInfo } = {},
): ApprovedBudget => ({
  department: content.department.code,
  departmentName: content.department.name,
  fiscalYear: content.fiscalYear,
  version,
  approvedAt,
  ...(inForce.effectiveFrom ? { effectiveFrom: inForce.effectiveFrom } : {}),
  ...(inForce.change ? { change: inForce.change } : {}),
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
 * The version in force on a day: the highest-numbered version effective by then (its `effectiveFrom`: 1 January for
 * the original budget, the change's effective date after; a version without one is effective from its approval). A
 * back-dated change is in force from its effective date, before the day it was approved. A date before every
 * effective date is measured against the first version — the year's original budget.
 */
export const versionInForce = <V extends { approvedAt: string; version: number; effectiveFrom?: string }>(versions: readonly V[], endOfDay: Date): V | undefined => {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const effective = sorted.filter((v) => (v.effectiveFrom ? Date.parse(`${v.effectiveFrom}T00:00:00+08:00`) : Date.parse(v.approvedAt)) <= endOfDay.getTime());
  return effective[effective.length - 1] ?? sorted[0];
};

/** The version in force on a business day (YYYY-MM-DD, Beijing time). */
export const versionInForceOn = <V extends { approvedAt: string; version: number; effectiveFrom?: string }>(versions: readonly V[], date: string): V | undefined =>
  versionInForce(versions, new Date(Date.parse(`${date}T23:59:59.999+08:00`)));

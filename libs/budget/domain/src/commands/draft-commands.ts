import type {
  BudgetUnit,
  DepartmentProfile,
  DepartmentText,
  FixedAssets,
  FundSource,
  IncomeSource,
  PriorYearFigures,
  ProcurementItem,
  ProjectLine,
  YearlyAmount,
} from '../content/budget-content';
import type { IndicatorEntry, SpendingPlanEntry } from '@budgetflow/contracts';
import type { Actor } from '../actor';
import type { Money } from '../money/money';
import type { LibraryProject } from '../project-library/project-library';

interface Command<Type extends string> {
  type: Type;
  actor: Actor;
}

/** Opens the department's draft for a fiscal year. */
export interface OpenDraft extends Command<'OpenDraft'> {
  department: DepartmentProfile;
  fiscalYear: number;
}

/** Declares one income source's amount (元); it replaces any earlier amount, 0 removes the source. */
export interface DeclareIncome extends Command<'DeclareIncome'> {
  source: IncomeSource;
  amount: Money;
}

/** 上年结转结余 / 年终结转结余 */
export interface SetCarryOver extends Command<'SetCarryOver'> {
  fromLastYear: Money;
  toNextYear: Money;
}

/** A basic line as a command proposes it (a draft's line, or one an adjustment adds). */
export interface BasicLineAddition {
  lineId: string;
  functionalCode: string;
  economicCode: string;
  fundSource: FundSource;
  amount: Money;
  /** Spent from last year's carry-over of `fundSource` (default false). */
  fromCarryOver?: boolean;
  /** Code of the unit (`SetUnits`) the line belongs to; default the department itself. */
  unit?: string;
}

/** A basic line changed (in a draft, or by an adjustment): the fields given replace the current ones. */
export type BasicLineRevision = Pick<BasicLineAddition, 'lineId'> & Partial<Omit<BasicLineAddition, 'lineId'>>;

export interface ProposeBasicLine extends Command<'ProposeBasicLine'>, BasicLineAddition {}

/** Changes the given fields of a basic line. */
export interface ReviseBasicLine extends Command<'ReviseBasicLine'>, BasicLineRevision {}

export interface WithdrawBasicLine extends Command<'WithdrawBasicLine'> {
  lineId: string;
}

/** Checkpoints and indicators as the department writes them (`3月底`, 25; `≥95 %`): the request contracts. */
export type { IndicatorEntry, SpendingPlanEntry } from '@budgetflow/contracts';

/** A project as the department writes it; the decider parses checkpoints and targets. */
export interface ProjectProposal {
  code: string;
  name: string;
  functionalCode: string;
  fundSource: FundSource;
  amount: Money;
  fiscalFunds: Money;
  otherFunds: Money;
  purpose: string;
  spendingPlan: SpendingPlanEntry[];
  goal: string;
  indicators: IndicatorEntry[];
  lines?: ProjectLine[];
  /** The whole project is spent from last year's carry-over (default false). */
  fromCarryOver?: boolean;
  /** Code of the unit the project belongs to; default the department itself. */
  unit?: string;
  /** A multi-year project's first and last year and what each year costs (all optional: a project of this year). */
  startYear?: number;
  endYear?: number;
  yearlyAmounts?: YearlyAmount[];
}

export interface ProposeProject extends Command<'ProposeProject'> {
  project: ProjectProposal;
}

/** The fields of a project an adjustment may change (all but its code). */
export type ProjectChanges = Partial<Omit<ProjectProposal, 'code'>>;

export interface AdjustProject extends Command<'AdjustProject'> {
  code: string;
  changes: ProjectChanges;
}

export interface WithdrawProject extends Command<'WithdrawProject'> {
  code: string;
}

/**
 * 从项目库选取 — a pooled library project scheduled into the budget under its code, with its goal and indicators;
 * the amount defaults to its yearly amount of the budget year. `library` is its library stream as the handler read it.
 */
export interface ScheduleProject extends Command<'ScheduleProject'> {
  code: string;
  library: { streamId: string; project: LibraryProject };
  amount?: Money;
  spendingPlan?: SpendingPlanEntry[];
  lines?: ProjectLine[];
  unit?: string;
  fromCarryOver?: boolean;
}

/** 所属单位: the whole list replaces the earlier one; an empty list makes the department its one unit again. */
export interface SetUnits extends Command<'SetUnits'> {
  units: BudgetUnit[];
}

/** 部门职责, 机构设置, 部门整体绩效目标 … */
export interface SetDepartmentText extends Command<'SetDepartmentText'> {
  text: DepartmentText;
}

/** Last year's figures for the 比上年增减 sentences. */
export interface SetPriorYear extends Command<'SetPriorYear'> {
  priorYear: PriorYearFigures;
}

/** 国有资产占用情况 */
export interface SetFixedAssets extends Command<'SetFixedAssets'> {
  fixedAssets: FixedAssets;
}

/** 政府采购预算 */
export interface SetProcurement extends Command<'SetProcurement'> {
  items: ProcurementItem[];
}

export type DraftCommand =
  | OpenDraft
  | DeclareIncome
  | SetCarryOver
  | ProposeBasicLine
  | ReviseBasicLine
  | WithdrawBasicLine
  | ProposeProject
  | AdjustProject
  | WithdrawProject
  | ScheduleProject
  | SetUnits
  | SetDepartmentText
  | SetPriorYear
  | SetFixedAssets
  | SetProcurement;

export type { Command };

import type { FundSource, IncomeSource, UnitKind } from '@budgetflow/contracts';
import type { Money } from '../money/money';

/** 单位类型, 收入来源 and 资金来源 are the API's lists too: they live with the contracts the console reads. */
export { FUND_SOURCES, INCOME_SOURCES, type FundSource, type IncomeSource, type UnitKind } from '@budgetflow/contracts';

/**
 * What a department-year budget holds: the facts every published table is derived from.
 * This is the shared shape of the decider's state and the input of the table projections.
 * All amounts are `Decimal` in 元.
 */

/** 单位类型 — kind of budget unit; 行政 and 参公 units report 机关运行经费. */
export const UNIT_KINDS: readonly UnitKind[] = ['行政', '参公', '事业'];

/**
 * 所属单位 — one unit of a department that consolidates several (主管部门 with 下属单位, "含所属单位"). Lines and
 * projects name their unit by `code`; the nine tables are the department's consolidated ones.
 */
export interface BudgetUnit {
  code: string;
  name: string;
  unitKind: UnitKind;
  /** Code of the unit (or the department) it reports to. */
  parent?: string;
}

export interface DepartmentProfile {
  code: string;
  name: string;
  unitName?: string;
  unitKind: UnitKind;
  unitRank?: string;
  fundingForm?: string;
}

export interface IncomeLine {
  source: IncomeSource;
  amount: Money;
}

export interface CarryOver {
  /** 上年结转结余 */
  fromLastYear: Money;
  /** 年终结转结余 */
  toNextYear: Money;
}

/** 基本支出 — running costs of the department itself, one line per (functional 项, economic 款, fund source). */
export interface BasicExpenditureLine {
  lineId: string;
  /** 支出功能分类 项, 7 digits. */
  functionalCode: string;
  /** 部门预算支出经济分类 款, 5 digits. */
  economicCode: string;
  fundSource: FundSource;
  amount: Money;
  /**
   * 上年结转 — spent from last year's carry-over of `fundSource` instead of this year's income (absent: false).
   * Such spending fills the 上年结转 column of Table 2 and the 上年结转 rows of Table 4.
   */
  fromCarryOver?: boolean;
  /** Code of the unit (`BudgetContent.units`) the line belongs to; absent: the department itself. */
  unit?: string;
}

/** 资金支出计划 checkpoint: cumulative percent of the project's amount spent by the end of `month`. */
export interface SpendingPlanCheckpoint {
  /** As printed, e.g. `3月底`. */
  checkpoint: string;
  /** Month (1–12) whose end the checkpoint marks. */
  month: number;
  cumulativePercent: number;
}

export type Comparator = '≥' | '≤' | '＝' | null;

/** An indicator target parsed from its printed form (`≥95 %`, `＝9人`, `72.4万元`). */
export interface IndicatorTarget {
  printed: string;
  comparator: Comparator;
  /** The number as a decimal string. */
  value: string;
  unit: string;
}

/** 绩效指标 */
export interface PerformanceIndicator {
  /** 一级指标: 产出指标 / 效益指标 / 满意度指标 */
  level1: string;
  /** 二级指标: 数量指标 / 质量指标 / 时效指标 / 成本指标 / 经济效益指标 / 社会效益指标 / 生态效益指标 / 可持续影响指标 / 服务对象满意度指标 */
  level2: string;
  /** 三级指标 */
  name: string;
  description: string;
  target: IndicatorTarget;
  /** 指标值确定依据 */
  basis: string;
}

export interface ProjectLine {
  functionalCode: string;
  economicCode: string;
  fundSource: FundSource;
  amount: Money;
  /** Spent from last year's carry-over (absent: false); a line of a project funded from carry-over is too. */
  fromCarryOver?: boolean;
}

/** 项目支出 */
export interface Project {
  code: string;
  name: string;
  functionalCode: string;
  fundSource: FundSource;
  amount: Money;
  /** 财政资金 */
  fiscalFunds: Money;
  /** 其他资金 */
  otherFunds: Money;
  purpose: string;
  spendingPlan: SpendingPlanCheckpoint[];
  goal: string;
  indicators: PerformanceIndicator[];
  /** Optional split by economic code; sums to `amount`. */
  lines: ProjectLine[];
  /** The whole project is spent from last year's carry-over (absent: false). */
  fromCarryOver?: boolean;
  /** Code of the unit the project belongs to; absent: the department itself. */
  unit?: string;
  /** 项目起始年度 — a multi-year project's first year (absent: a project of this year only). */
  startYear?: number;
  /** 项目结束年度 — its last year; a project continues into next year's budget while next year is not after it. */
  endYear?: number;
  /** 分年度预算 — what each year of a multi-year project is planned to cost (元). */
  yearlyAmounts?: YearlyAmount[];
}

/** One year's planned amount of a multi-year project. */
export interface YearlyAmount {
  fiscalYear: number;
  amount: Money;
}

export interface PriorYearFigures {
  fiscalYear: number;
  total: Money;
  basic: Money;
  project: Money;
  threePublicExpenses: Money;
}

export interface FixedAssets {
  asOf: string;
  total: Money;
  vehicles: { count: number; value: Money };
  equipmentOver200k: { count: number; value: Money };
  other: { count: number; value: Money };
}

/** 政府采购预算 — one item the department will buy through government procurement this year. */
export interface ProcurementItem {
  item: string;
  /** 政府采购目录序号 */
  category?: string;
  amount: Money;
  /** Which fund pays for it: decides the fund column the amount is printed in (absent: only 合计 is printed). */
  fundSource?: FundSource;
  /** Paid from last year's carry-over: printed under 上年结转结余 instead of its fund source's column. */
  fromCarryOver?: boolean;
  /** 政府采购项目来源 — code of the project (`projects[].code`) it is bought for; absent: basic spending. */
  project?: string;
}

/** 部门整体支出绩效目标 — one goal of the department as a whole, with indicators like a project's. */
export interface OverallPerformanceGoal {
  /** 分项目标, e.g. 做好信访维稳值班工作 */
  name: string;
  /** 绩效目标 */
  goal: string;
  indicators: PerformanceIndicator[];
}

/** The structured 部门整体绩效目标: what 五、部门整体绩效目标 prints as a table. */
export interface OverallPerformance {
  /** （一）总体绩效目标 — the year's goal in a paragraph. */
  summary?: string;
  /** （二）分项绩效目标 */
  goals: OverallPerformanceGoal[];
  /** （三）工作保障措施 */
  measures?: string;
}

export interface DepartmentText {
  duties: string[];
  organisation: DepartmentProfile[] | unknown[];
  /** The overall goals as free text (older documents); `overallPerformance` is the structured form, preferred when given. */
  overallPerformanceGoals?: string;
  overallPerformance?: OverallPerformance;
  runningCostsUse?: string;
  threePublicChangeReason?: string;
  specialFunds?: string;
}

export interface BudgetContent {
  department: DepartmentProfile;
  fiscalYear: number;
  /** The department's units when it has several; absent or empty: the department is its one unit. */
  units?: BudgetUnit[];
  income: IncomeLine[];
  carryOver: CarryOver;
  basicExpenditureLines: BasicExpenditureLine[];
  projects: Project[];
  priorYear?: PriorYearFigures;
  fixedAssets?: FixedAssets;
  procurement: ProcurementItem[];
  text?: DepartmentText;
}

/** Names of classification codes for one fiscal year (functional 类/款/项 and economic 类/款). */
export interface CatalogNames {
  functionalName(code: string): string | undefined;
  economicName(code: string): string | undefined;
  /**
   * The functional 类 (3-digit codes) of the year's catalog, with their names of that year: the rows of Tables 1
   * and 4. A lookup without it (names of one document only) gets the 2024 list of 类.
   */
  functionalClasses?(): ReadonlyArray<{ code: string; name: string }>;
}

/**
 * The content of a department-year budget as JSON: what events carry and `GET /v1/budgets/{d}/{y}` answers in
 * `content`. Money is 元 as a decimal string (`"6542400.00"`), never a JSON number. The budget domain's
 * `Wire<BudgetContent>` must be exactly this (checked in `libs/budget/domain/src/wire/content-wire.ts`).
 */
export type Yuan = string;

/** 单位类型 — kind of budget unit; 行政 and 参公 units report 机关运行经费. */
export type UnitKind = '行政' | '参公' | '事业';

/** 收入来源 — income sources, as printed in Table 1/2. */
export const INCOME_SOURCES = [
  '一般公共预算拨款收入',
  '政府性基金预算拨款收入',
  '国有资本经营预算拨款收入',
  '财政专户管理资金收入',
  '事业收入',
  '事业单位经营收入',
  '上级补助收入',
  '附属单位上缴收入',
  '其他收入',
  '上年结转结余',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

/** 资金来源 — fund source of an expenditure line or project. */
export const FUND_SOURCES = ['一般公共预算拨款', '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户管理资金', '单位资金'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export interface DepartmentProfileWire {
  code: string;
  name: string;
  unitName?: string;
  unitKind: UnitKind;
  unitRank?: string;
  fundingForm?: string;
}

export interface IncomeLineWire {
  source: IncomeSource;
  amount: Yuan;
}

/** 上年结转结余 in, 年终结转结余 out. */
export interface CarryOverWire {
  fromLastYear: Yuan;
  toNextYear: Yuan;
}

/** 基本支出明细: one line per (functional 项, economic 款, fund source). */
export interface BasicLineWire {
  lineId: string;
  functionalCode: string;
  economicCode: string;
  fundSource: FundSource;
  amount: Yuan;
  /** 上年结转: spends last year's carry-over of this fund source. */
  fromCarryOver?: boolean;
  /** Code of the unit (`units[]`) the line belongs to; absent: the department itself. */
  unit?: string;
}

/** 资金支出计划 checkpoint: cumulative percent (a JSON number) spent by the end of `month`. */
export interface SpendingPlanCheckpointWire {
  checkpoint: string;
  month: number;
  cumulativePercent: number;
}

export type Comparator = '≥' | '≤' | '＝' | null;

/** A 绩效指标 target as printed (`≥95%`) and parsed. */
export interface IndicatorTargetWire {
  printed: string;
  comparator: Comparator;
  value: string;
  unit: string;
}

/** 绩效指标: 一级 / 二级 / 三级 (name), its target and the basis of the target. */
export interface IndicatorWire {
  level1: string;
  level2: string;
  name: string;
  description: string;
  target: IndicatorTargetWire;
  basis: string;
}

export interface ProjectLineWire {
  functionalCode: string;
  economicCode: string;
  fundSource: FundSource;
  amount: Yuan;
  fromCarryOver?: boolean;
}

/** 项目支出: amount = 财政资金 (fiscalFunds) + 其他资金 (otherFunds). */
export interface ProjectWire {
  code: string;
  name: string;
  functionalCode: string;
  fundSource: FundSource;
  amount: Yuan;
  fiscalFunds: Yuan;
  otherFunds: Yuan;
  purpose: string;
  spendingPlan: SpendingPlanCheckpointWire[];
  goal: string;
  indicators: IndicatorWire[];
  lines: ProjectLineWire[];
  fromCarryOver?: boolean;
  unit?: string;
  /** 项目起始年度 / 结束年度 of a multi-year project. */
  startYear?: number;
  endYear?: number;
  /** 分年度预算 (元). */
  yearlyAmounts?: YearlyAmountWire[];
}

/** One year's planned amount of a multi-year project. */
export interface YearlyAmountWire {
  fiscalYear: number;
  amount: Yuan;
}

/** Last year's figures printed beside this year's. */
export interface PriorYearWire {
  fiscalYear: number;
  total: Yuan;
  basic: Yuan;
  project: Yuan;
  threePublicExpenses: Yuan;
}

/** 固定资产 at a date: counts and values. */
export interface FixedAssetsWire {
  asOf: string;
  total: Yuan;
  vehicles: { count: number; value: Yuan };
  equipmentOver200k: { count: number; value: Yuan };
  other: { count: number; value: Yuan };
}

/** 政府采购 */
export interface ProcurementItemWire {
  item: string;
  category?: string;
  amount: Yuan;
  /** Which fund pays for it (its column in 政府采购预算); absent: only 合计 is printed. */
  fundSource?: FundSource;
  /** Paid from last year's carry-over: printed under 上年结转结余. */
  fromCarryOver?: boolean;
  /** Code of the project it is bought for; absent: basic spending. */
  project?: string;
}

/** 部门整体支出绩效目标 — one goal of the department as a whole, with indicators like a project's. */
export interface OverallPerformanceGoalWire {
  name: string;
  goal: string;
  indicators: IndicatorWire[];
}

/** The structured 部门整体绩效目标 (summary, goals with indicators, measures). */
export interface OverallPerformanceWire {
  summary?: string;
  goals: OverallPerformanceGoalWire[];
  measures?: string;
}

/** The department's own words for the 情况说明. */
export interface DepartmentTextWire {
  duties: string[];
  organisation: DepartmentProfileWire[] | unknown[];
  overallPerformanceGoals?: string;
  overallPerformance?: OverallPerformanceWire;
  runningCostsUse?: string;
  threePublicChangeReason?: string;
  specialFunds?: string;
}

/** 所属单位 — one unit of a department that consolidates several. */
export interface BudgetUnitWire {
  code: string;
  name: string;
  unitKind: UnitKind;
  parent?: string;
}

export interface BudgetContentWire {
  department: DepartmentProfileWire;
  fiscalYear: number;
  units?: BudgetUnitWire[];
  income: IncomeLineWire[];
  carryOver: CarryOverWire;
  basicExpenditureLines: BasicLineWire[];
  projects: ProjectWire[];
  priorYear?: PriorYearWire;
  fixedAssets?: FixedAssetsWire;
  procurement: ProcurementItemWire[];
  text?: DepartmentTextWire;
}

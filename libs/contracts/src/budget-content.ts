/**
 * The content of a department-year budget as JSON: what events carry and `GET /v1/budgets/{d}/{y}` answers in
 * `content`. Money is 元 as a decimal string (`"6542400.00"`), never a JSON number. The shapes are generic over
 * the money type `M`: the budget domain's content is the same shapes with `Decimal` (`BudgetContentWire<Money>`),
 * and its `Wire<BudgetContent>` must be exactly `BudgetContentWire` (checked in
 * `libs/budget/domain/src/wire/content-wire.ts`).
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

/**
 * 所属单位 — one unit of a department that consolidates several (主管部门 with 下属单位, "含所属单位"). Lines and
 * projects name their unit by `code`; the nine tables are the department's consolidated ones.
 */
export interface BudgetUnitWire {
  code: string;
  name: string;
  unitKind: UnitKind;
  /** Code of the unit (or the department) it reports to. */
  parent?: string;
}

export interface DepartmentProfileWire {
  code: string;
  name: string;
  unitName?: string;
  unitKind: UnitKind;
  unitRank?: string;
  fundingForm?: string;
}

export interface IncomeLineWire<M = Yuan> {
  source: IncomeSource;
  amount: M;
}

/** 上年结转结余 in, 年终结转结余 out. */
export interface CarryOverWire<M = Yuan> {
  /** 上年结转结余 */
  fromLastYear: M;
  /** 年终结转结余 */
  toNextYear: M;
}

/** 基本支出 — running costs of the department itself, one line per (functional 项, economic 款, fund source). */
export interface BasicLineWire<M = Yuan> {
  lineId: string;
  /** 支出功能分类 项, 7 digits. */
  functionalCode: string;
  /** 部门预算支出经济分类 款, 5 digits. */
  economicCode: string;
  fundSource: FundSource;
  amount: M;
  /**
   * 上年结转 — spent from last year's carry-over of `fundSource` instead of this year's income (absent: false).
   * Such spending fills the 上年结转 column of Table 2 and the 上年结转 rows of Table 4.
   */
  fromCarryOver?: boolean;
  /** Code of the unit (`units[]`) the line belongs to; absent: the department itself. */
  unit?: string;
}

/** 资金支出计划 checkpoint: cumulative percent (a JSON number) of the project's amount spent by the end of `month`. */
export interface SpendingPlanCheckpointWire {
  /** As printed, e.g. `3月底`. */
  checkpoint: string;
  /** Month (1–12) whose end the checkpoint marks. */
  month: number;
  cumulativePercent: number;
}

export type Comparator = '≥' | '≤' | '＝' | null;

/** An indicator target parsed from its printed form (`≥95 %`, `＝9人`, `72.4万元`). */
export interface IndicatorTargetWire {
  printed: string;
  comparator: Comparator;
  /** The number as a decimal string. */
  value: string;
  unit: string;
}

/** 绩效指标 */
export interface IndicatorWire {
  /** 一级指标: 产出指标 / 效益指标 / 满意度指标 */
  level1: string;
  /** 二级指标: 数量指标 / 质量指标 / 时效指标 / 成本指标 / 经济效益指标 / 社会效益指标 / 生态效益指标 / 可持续影响指标 / 服务对象满意度指标 */
  level2: string;
  /** 三级指标 */
  name: string;
  description: string;
  target: IndicatorTargetWire;
  /** 指标值确定依据 */
  basis: string;
}

export interface ProjectLineWire<M = Yuan> {
  functionalCode: string;
  economicCode: string;
  fundSource: FundSource;
  amount: M;
  /** Spent from last year's carry-over (absent: false); a line of a project funded from carry-over is too. */
  fromCarryOver?: boolean;
}

/** 项目支出: amount = 财政资金 (fiscalFunds) + 其他资金 (otherFunds). */
export interface ProjectWire<M = Yuan> {
  code: string;
  name: string;
  functionalCode: string;
  fundSource: FundSource;
  amount: M;
  /** 财政资金 */
  fiscalFunds: M;
  otherFunds: M;
  purpose: string;
  spendingPlan: SpendingPlanCheckpointWire[];
  goal: string;
  indicators: IndicatorWire[];
  /** Optional split by economic code; sums to `amount`. */
  lines: ProjectLineWire<M>[];
  /** The whole project is spent from last year's carry-over (absent: false). */
  fromCarryOver?: boolean;
  /** Code of the unit the project belongs to; absent: the department itself. */
  unit?: string;
  /** 项目起始年度 / 结束年度 of a multi-year project. */
  startYear?: number;
  endYear?: number;
  /** 分年度预算 (元). */
  yearlyAmounts?: YearlyAmountWire<M>[];
}

/** One year's planned amount of a multi-year project. */
export interface YearlyAmountWire<M = Yuan> {
  fiscalYear: number;
  amount: M;
}

/** Last year's figures printed beside this year's. */
export interface PriorYearWire<M = Yuan> {
  fiscalYear: number;
  total: M;
  basic: M;
  project: M;
  threePublicExpenses: M;
}

/** 固定资产 at a date: counts and values. */
export interface FixedAssetsWire<M = Yuan> {
  asOf: string;
  total: M;
  vehicles: { count: number; value: M };
  equipmentOver200k: { count: number; value: M };
  other: { count: number; value: M };
}

/** 政府采购预算 — one item the department will buy through government procurement this year. */
export interface ProcurementItemWire<M = Yuan> {
  item: string;
  /** 政府采购目录序号 */
  category?: string;
  amount: M;
  /** Which fund pays for it: decides the fund column the amount is printed in (absent: only 合计 is printed). */
  fundSource?: FundSource;
  /** Paid from last year's carry-over: printed under 上年结转结余 instead of its fund source's column. */
  fromCarryOver?: boolean;
  /** 政府采购项目来源 — code of the project (`projects[].code`) it is bought for; absent: basic spending. */
  project?: string;
}

/** 部门整体支出绩效目标 — one goal of the department as a whole, with indicators like a project's. */
export interface OverallPerformanceGoalWire {
  /** 分项目标, e.g. 做好信访维稳值班工作 */
  name: string;
  /** 绩效目标 */
  goal: string;
  indicators: IndicatorWire[];
}

/** The structured 部门整体绩效目标: what 五、部门整体绩效目标 prints as a table. */
export interface OverallPerformanceWire {
  /** （一）总体绩效目标 — the year's goal in a paragraph. */
  summary?: string;
  /** （二）分项绩效目标 */
  goals: OverallPerformanceGoalWire[];
  /** （三）工作保障措施 */
  measures?: string;
}

/** The department's own words for the 情况说明. */
export interface DepartmentTextWire {
  duties: string[];
  organisation: DepartmentProfileWire[] | unknown[];
  /** The overall goals as free text (older documents); `overallPerformance` is the structured form, preferred when given. */
  overallPerformanceGoals?: string;
  overallPerformance?: OverallPerformanceWire;
  runningCostsUse?: string;
  threePublicChangeReason?: string;
  specialFunds?: string;
}

/** What a department-year budget holds: the facts every published table is derived from. */
export interface BudgetContentWire<M = Yuan> {
  department: DepartmentProfileWire;
  fiscalYear: number;
  /** The department's units when it has several; absent or empty: the department is its one unit. */
  units?: BudgetUnitWire[];
  income: IncomeLineWire<M>[];
  carryOver: CarryOverWire<M>;
  basicExpenditureLines: BasicLineWire<M>[];
  projects: ProjectWire<M>[];
  priorYear?: PriorYearWire<M>;
  fixedAssets?: FixedAssetsWire<M>;
  procurement: ProcurementItemWire<M>[];
  text?: DepartmentTextWire;
}

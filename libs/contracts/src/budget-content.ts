import { type Static, Type } from '@sinclair/typebox';
import { YuanSchema } from './schema';

/**
 * The content of a department-year budget as JSON: what events carry and `GET /v1/budgets/{d}/{y}` answers in
 * `content`. Money is 元 as a decimal string (`"6542400.00"`), never a JSON number. The budget domain's
 * `Wire<BudgetContent>` must be exactly this (checked in `libs/budget/domain/src/wire/content-wire.ts`).
 */
export type Yuan = string;

/** 单位类型 — kind of budget unit; 行政 and 参公 units report 机关运行经费. */
export const UNIT_KINDS = ['行政', '参公', '事业'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
const UnitKindSchema = Type.Union([Type.Literal('行政'), Type.Literal('参公'), Type.Literal('事业')], { description: '单位类型' });

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

const IncomeSourceSchema = Type.Unsafe<IncomeSource>(Type.String({ enum: [...INCOME_SOURCES], description: '收入来源' }));
const FundSourceSchema = Type.Unsafe<FundSource>(Type.String({ enum: [...FUND_SOURCES], description: '资金来源' }));

export const DepartmentProfileWire = Type.Object({
  code: Type.String({ description: '部门编码', examples: ['501'] }),
  name: Type.String({ description: '部门名称', examples: ['馆陶县信访局'] }),
  unitName: Type.Optional(Type.String()),
  unitKind: UnitKindSchema,
  unitRank: Type.Optional(Type.String()),
  fundingForm: Type.Optional(Type.String()),
});
export type DepartmentProfileWire = Static<typeof DepartmentProfileWire>;

export const IncomeLineWire = Type.Object({ source: IncomeSourceSchema, amount: YuanSchema() });
export type IncomeLineWire = Static<typeof IncomeLineWire>;

/** 上年结转结余 in, 年终结转结余 out. */
export const CarryOverWire = Type.Object({ fromLastYear: YuanSchema(), toNextYear: YuanSchema() });
export type CarryOverWire = Static<typeof CarryOverWire>;

/** 基本支出明细: one line per (functional 项, economic 款, fund source). */
export const BasicLineWire = Type.Object({
  lineId: Type.String(),
  functionalCode: Type.String(),
  economicCode: Type.String(),
  fundSource: FundSourceSchema,
  amount: YuanSchema(),
  /** 上年结转: spends last year's carry-over of this fund source. */
  fromCarryOver: Type.Optional(Type.Boolean()),
  /** Code of the unit (`units[]`) the line belongs to; absent: the department itself. */
  unit: Type.Optional(Type.String()),
});
export type BasicLineWire = Static<typeof BasicLineWire>;

/** 资金支出计划 checkpoint: cumulative percent (a JSON number) spent by the end of `month`. */
export const SpendingPlanCheckpointWire = Type.Object({ checkpoint: Type.String(), month: Type.Integer(), cumulativePercent: Type.Number() });
export type SpendingPlanCheckpointWire = Static<typeof SpendingPlanCheckpointWire>;

export const Comparator = Type.Union([Type.Literal('≥'), Type.Literal('≤'), Type.Literal('＝'), Type.Null()]);
export type Comparator = Static<typeof Comparator>;

/** A 绩效指标 target as printed (`≥95%`) and parsed. */
export const IndicatorTargetWire = Type.Object({ printed: Type.String(), comparator: Comparator, value: Type.String(), unit: Type.String() });
export type IndicatorTargetWire = Static<typeof IndicatorTargetWire>;

/** 绩效指标: 一级 / 二级 / 三级 (name), its target and the basis of the target. */
export const IndicatorWire = Type.Object({
  level1: Type.String(),
  level2: Type.String(),
  name: Type.String(),
  description: Type.String(),
  target: IndicatorTargetWire,
  basis: Type.String(),
});
export type IndicatorWire = Static<typeof IndicatorWire>;

export const ProjectLineWire = Type.Object({
  functionalCode: Type.String(),
  economicCode: Type.String(),
  fundSource: FundSourceSchema,
  amount: YuanSchema(),
  fromCarryOver: Type.Optional(Type.Boolean()),
});
export type ProjectLineWire = Static<typeof ProjectLineWire>;

/** 项目支出: amount = 财政资金 (fiscalFunds) + 其他资金 (otherFunds). */
export const ProjectWire = Type.Object({
  code: Type.String(),
  name: Type.String(),
  functionalCode: Type.String(),
  fundSource: FundSourceSchema,
  amount: YuanSchema(),
  fiscalFunds: YuanSchema(),
  otherFunds: YuanSchema(),
  purpose: Type.String(),
  spendingPlan: Type.Array(SpendingPlanCheckpointWire),
  goal: Type.String(),
  indicators: Type.Array(IndicatorWire),
  lines: Type.Array(ProjectLineWire),
  fromCarryOver: Type.Optional(Type.Boolean()),
  unit: Type.Optional(Type.String()),
});
export type ProjectWire = Static<typeof ProjectWire>;

/** Last year's figures printed beside this year's. */
export const PriorYearWire = Type.Object({ fiscalYear: Type.Integer(), total: YuanSchema(), basic: YuanSchema(), project: YuanSchema(), threePublicExpenses: YuanSchema() });
export type PriorYearWire = Static<typeof PriorYearWire>;

const countAndValue = Type.Object({ count: Type.Integer(), value: YuanSchema() });
/** 固定资产 at a date: counts and values. */
export const FixedAssetsWire = Type.Object({ asOf: Type.String(), total: YuanSchema(), vehicles: countAndValue, equipmentOver200k: countAndValue, other: countAndValue });
export type FixedAssetsWire = Static<typeof FixedAssetsWire>;

/** 政府采购 */
export const ProcurementItemWire = Type.Object({
  item: Type.String(),
  category: Type.Optional(Type.String()),
  amount: YuanSchema(),
  /** Which fund pays for it (its column in 政府采购预算); absent: only 合计 is printed. */
  fundSource: Type.Optional(FundSourceSchema),
  /** Paid from last year's carry-over: printed under 上年结转结余. */
  fromCarryOver: Type.Optional(Type.Boolean()),
  /** Code of the project it is bought for; absent: basic spending. */
  project: Type.Optional(Type.String()),
});
export type ProcurementItemWire = Static<typeof ProcurementItemWire>;

/** 部门整体支出绩效目标 — one goal of the department as a whole, with indicators like a project's. */
export const OverallPerformanceGoalWire = Type.Object({ name: Type.String(), goal: Type.String(), indicators: Type.Array(IndicatorWire) });
export type OverallPerformanceGoalWire = Static<typeof OverallPerformanceGoalWire>;

/** The structured 部门整体绩效目标 (summary, goals with indicators, measures). */
export const OverallPerformanceWire = Type.Object({ summary: Type.Optional(Type.String()), goals: Type.Array(OverallPerformanceGoalWire), measures: Type.Optional(Type.String()) });
export type OverallPerformanceWire = Static<typeof OverallPerformanceWire>;

/** The department's own words for the 情况说明. */
export const DepartmentTextWire = Type.Object({
  duties: Type.Array(Type.String()),
  organisation: Type.Union([Type.Array(DepartmentProfileWire), Type.Array(Type.Unknown())]),
  overallPerformanceGoals: Type.Optional(Type.String()),
  overallPerformance: Type.Optional(OverallPerformanceWire),
  runningCostsUse: Type.Optional(Type.String()),
  threePublicChangeReason: Type.Optional(Type.String()),
  specialFunds: Type.Optional(Type.String()),
});
export type DepartmentTextWire = Static<typeof DepartmentTextWire>;

/** 所属单位 — one unit of a department that consolidates several. */
export const BudgetUnitWire = Type.Object({ code: Type.String(), name: Type.String(), unitKind: UnitKindSchema, parent: Type.Optional(Type.String()) });
export type BudgetUnitWire = Static<typeof BudgetUnitWire>;

export const BudgetContentWire = Type.Object(
  {
    department: DepartmentProfileWire,
    fiscalYear: Type.Integer(),
    units: Type.Optional(Type.Array(BudgetUnitWire)),
    income: Type.Array(IncomeLineWire),
    carryOver: CarryOverWire,
    basicExpenditureLines: Type.Array(BasicLineWire),
    projects: Type.Array(ProjectWire),
    priorYear: Type.Optional(PriorYearWire),
    fixedAssets: Type.Optional(FixedAssetsWire),
    procurement: Type.Array(ProcurementItemWire),
    text: Type.Optional(DepartmentTextWire),
  },
  { description: '预算内容（收入、基本支出、项目、政府采购、说明文字…），金额为元的十进制字符串' },
);
export type BudgetContentWire = Static<typeof BudgetContentWire>;

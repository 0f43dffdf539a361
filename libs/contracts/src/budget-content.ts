import { type Static, Type } from '@sinclair/typebox';
import { YuanSchema } from './schema';

/**
 * The content of a department-year budget as JSON: what events carry and `GET /v1/budgets/{d}/{y}` answers in
 * `content`. Money is 元 as a decimal string (`"6542400.00"`), never a JSON number. Each shape has ONE source: its TypeBox
 * schema (the OpenAPI document's named schema, money as `Yuan`); its type is generic over the money type `M`: the budget domain's content is the same shapes with `Decimal` (`BudgetContentWire<Money>`),
 * and its `Wire<BudgetContent>` must be exactly `BudgetContentWire` (checked in
 * `libs/budget/domain/src/wire/content-wire.ts`).
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

/**
 * The schema's static type with the listed fields replaced: how a shape becomes generic over its money type
 * (`R` names the money fields, and the nested shapes carrying money, with `M`). Homomorphic, so optional fields stay optional.
 */
type Replace<T, R> = { [P in keyof T]: P extends keyof R ? R[P] : T[P] };

/**
 * 所属单位 — one unit of a department that consolidates several (主管部门 with 下属单位, "含所属单位"). Lines and
 * projects name their unit by `code`; the nine tables are the department's consolidated ones.
 */
export const BudgetUnitWire = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unitKind: UnitKindSchema,
  /** Code of the unit (or the department) it reports to. */
  parent: Type.Optional(Type.String()),
});
export type BudgetUnitWire = Static<typeof BudgetUnitWire>;

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
export type IncomeLineWire<M = Yuan> = Replace<Static<typeof IncomeLineWire>, { amount: M }>;

/** 上年结转结余 in, 年终结转结余 out. */
export const CarryOverWire = Type.Object({
  fromLastYear: YuanSchema({ description: '上年结转结余（元）' }),
  toNextYear: YuanSchema({ description: '年终结转结余（元）' }),
});
export type CarryOverWire<M = Yuan> = Replace<Static<typeof CarryOverWire>, { fromLastYear: M; toNextYear: M }>;

/** 基本支出 — running costs of the department itself, one line per (functional 项, economic 款, fund source). */
export const BasicLineWire = Type.Object({
  lineId: Type.String(),
  functionalCode: Type.String({ description: '支出功能分类 项, 7 位' }),
  economicCode: Type.String({ description: '部门预算支出经济分类 款, 5 位' }),
  fundSource: FundSourceSchema,
  amount: YuanSchema(),
  /**
   * 上年结转 — spent from last year's carry-over of `fundSource` instead of this year's income (absent: false).
   * Such spending fills the 上年结转 column of Table 2 and the 上年结转 rows of Table 4.
   */
  fromCarryOver: Type.Optional(Type.Boolean()),
  /** Code of the unit (`units[]`) the line belongs to; absent: the department itself. */
  unit: Type.Optional(Type.String()),
});
export type BasicLineWire<M = Yuan> = Replace<Static<typeof BasicLineWire>, { amount: M }>;

/** 资金支出计划 checkpoint: cumulative percent (a JSON number) of the project's amount spent by the end of `month`. */
export const SpendingPlanCheckpointWire = Type.Object({
  /** As printed, e.g. `3月底`. */
  checkpoint: Type.String(),
  /** Month (1–12) whose end the checkpoint marks. */
  month: Type.Integer(),
  cumulativePercent: Type.Number(),
});
export type SpendingPlanCheckpointWire = Static<typeof SpendingPlanCheckpointWire>;

export const Comparator = Type.Union([Type.Literal('≥'), Type.Literal('≤'), Type.Literal('＝'), Type.Null()]);
export type Comparator = Static<typeof Comparator>;

/** An indicator target parsed from its printed form (`≥95 %`, `＝9人`, `72.4万元`); `value` is a decimal string. */
export const IndicatorTargetWire = Type.Object({ printed: Type.String(), comparator: Comparator, value: Type.String(), unit: Type.String() });
export type IndicatorTargetWire = Static<typeof IndicatorTargetWire>;

/** 绩效指标: 一级 / 二级 / 三级 (name), its target and 指标值确定依据 (basis). */
export const IndicatorWire = Type.Object({
  level1: Type.String({ description: '一级指标: 产出指标 / 效益指标 / 满意度指标' }),
  level2: Type.String({ description: '二级指标' }),
  name: Type.String({ description: '三级指标' }),
  description: Type.String(),
  target: IndicatorTargetWire,
  basis: Type.String({ description: '指标值确定依据' }),
});
export type IndicatorWire = Static<typeof IndicatorWire>;

export const ProjectLineWire = Type.Object({
  functionalCode: Type.String(),
  economicCode: Type.String(),
  fundSource: FundSourceSchema,
  amount: YuanSchema(),
  /** Spent from last year's carry-over (absent: false); a line of a project funded from carry-over is too. */
  fromCarryOver: Type.Optional(Type.Boolean()),
});
export type ProjectLineWire<M = Yuan> = Replace<Static<typeof ProjectLineWire>, { amount: M }>;

/** One year's planned amount of a multi-year project. */
export const YearlyAmountWire = Type.Object({ fiscalYear: Type.Integer(), amount: YuanSchema() });
export type YearlyAmountWire<M = Yuan> = Replace<Static<typeof YearlyAmountWire>, { amount: M }>;

/** 项目支出: amount = 财政资金 (fiscalFunds) + 其他资金 (otherFunds). */
export const ProjectWire = Type.Object({
  code: Type.String(),
  name: Type.String(),
  functionalCode: Type.String(),
  fundSource: FundSourceSchema,
  amount: YuanSchema(),
  fiscalFunds: YuanSchema({ description: '财政资金（元）' }),
  otherFunds: YuanSchema({ description: '其他资金（元）' }),
  purpose: Type.String(),
  spendingPlan: Type.Array(SpendingPlanCheckpointWire),
  goal: Type.String(),
  indicators: Type.Array(IndicatorWire),
  /** Optional split by economic code; sums to `amount`. */
  lines: Type.Array(ProjectLineWire),
  /** The whole project is spent from last year's carry-over (absent: false). */
  fromCarryOver: Type.Optional(Type.Boolean()),
  /** Code of the unit the project belongs to; absent: the department itself. */
  unit: Type.Optional(Type.String()),
  /** 项目起始年度 / 结束年度 of a multi-year project. */
  startYear: Type.Optional(Type.Integer({ description: '项目起始年度' })),
  endYear: Type.Optional(Type.Integer({ description: '项目结束年度' })),
  /** 分年度预算 (元). */
  yearlyAmounts: Type.Optional(Type.Array(YearlyAmountWire, { description: '分年度预算' })),
});
export type ProjectWire<M = Yuan> = Replace<
  Static<typeof ProjectWire>,
  { amount: M; fiscalFunds: M; otherFunds: M; lines: ProjectLineWire<M>[]; yearlyAmounts: YearlyAmountWire<M>[] }
>;

/** Last year's figures printed beside this year's. */
export const PriorYearWire = Type.Object({ fiscalYear: Type.Integer(), total: YuanSchema(), basic: YuanSchema(), project: YuanSchema(), threePublicExpenses: YuanSchema() });
export type PriorYearWire<M = Yuan> = Replace<Static<typeof PriorYearWire>, { total: M; basic: M; project: M; threePublicExpenses: M }>;

const countAndValue = Type.Object({ count: Type.Integer(), value: YuanSchema() });
/** 固定资产 at a date: counts and values. */
export const FixedAssetsWire = Type.Object({ asOf: Type.String(), total: YuanSchema(), vehicles: countAndValue, equipmentOver200k: countAndValue, other: countAndValue });
type CountAndValue<M> = { count: number; value: M };
export type FixedAssetsWire<M = Yuan> = Replace<
  Static<typeof FixedAssetsWire>,
  { total: M; vehicles: CountAndValue<M>; equipmentOver200k: CountAndValue<M>; other: CountAndValue<M> }
>;

/** 政府采购预算 — one item the department will buy through government procurement this year. */
export const ProcurementItemWire = Type.Object({
  item: Type.String(),
  /** 政府采购目录序号 */
  category: Type.Optional(Type.String()),
  amount: YuanSchema(),
  /** Which fund pays for it: decides the fund column the amount is printed in (absent: only 合计 is printed). */
  fundSource: Type.Optional(FundSourceSchema),
  /** Paid from last year's carry-over: printed under 上年结转结余 instead of its fund source's column. */
  fromCarryOver: Type.Optional(Type.Boolean()),
  /** 政府采购项目来源 — code of the project (`projects[].code`) it is bought for; absent: basic spending. */
  project: Type.Optional(Type.String()),
});
export type ProcurementItemWire<M = Yuan> = Replace<Static<typeof ProcurementItemWire>, { amount: M }>;

/** 部门整体支出绩效目标 — one goal of the department as a whole, with indicators like a project's. */
export const OverallPerformanceGoalWire = Type.Object({ name: Type.String({ description: '分项目标' }), goal: Type.String({ description: '绩效目标' }), indicators: Type.Array(IndicatorWire) });
export type OverallPerformanceGoalWire = Static<typeof OverallPerformanceGoalWire>;

/** The structured 部门整体绩效目标: what 五、部门整体绩效目标 prints as a table. */
export const OverallPerformanceWire = Type.Object({
  summary: Type.Optional(Type.String({ description: '（一）总体绩效目标' })),
  goals: Type.Array(OverallPerformanceGoalWire, { description: '（二）分项绩效目标' }),
  measures: Type.Optional(Type.String({ description: '（三）工作保障措施' })),
});
export type OverallPerformanceWire = Static<typeof OverallPerformanceWire>;

/** The department's own words for the 情况说明. */
export const DepartmentTextWire = Type.Object({
  duties: Type.Array(Type.String()),
  organisation: Type.Union([Type.Array(DepartmentProfileWire), Type.Array(Type.Unknown())]),
  /** The overall goals as free text (older documents); `overallPerformance` is the structured form, preferred when given. */
  overallPerformanceGoals: Type.Optional(Type.String()),
  overallPerformance: Type.Optional(OverallPerformanceWire),
  runningCostsUse: Type.Optional(Type.String()),
  threePublicChangeReason: Type.Optional(Type.String()),
  specialFunds: Type.Optional(Type.String()),
});
export type DepartmentTextWire = Static<typeof DepartmentTextWire>;

/** What a department-year budget holds: the facts every published table is derived from. */
export const BudgetContentWire = Type.Object(
  {
    department: DepartmentProfileWire,
    fiscalYear: Type.Integer(),
    /** The department's units when it has several; absent or empty: the department is its one unit. */
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
export type BudgetContentWire<M = Yuan> = Replace<
  Static<typeof BudgetContentWire>,
  {
    income: IncomeLineWire<M>[];
    carryOver: CarryOverWire<M>;
    basicExpenditureLines: BasicLineWire<M>[];
    projects: ProjectWire<M>[];
    priorYear: PriorYearWire<M>;
    fixedAssets: FixedAssetsWire<M>;
    procurement: ProcurementItemWire<M>[];
  }
>;

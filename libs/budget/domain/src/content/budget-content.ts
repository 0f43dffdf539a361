import type {
  BasicLineWire,
  BudgetContentWire,
  BudgetUnitWire,
  CarryOverWire,
  DepartmentProfileWire,
  DepartmentTextWire,
  FixedAssetsWire,
  IncomeLineWire,
  IndicatorTargetWire,
  IndicatorWire,
  OverallPerformanceGoalWire,
  OverallPerformanceWire,
  PriorYearWire,
  ProcurementItemWire,
  ProjectLineWire,
  ProjectWire,
  SpendingPlanCheckpointWire,
  UnitKind,
  YearlyAmountWire,
} from '@budgetflow/contracts';
import type { Money } from '../money/money';

/** 单位类型, 收入来源 and 资金来源 are the API's lists too: they live with the contracts the console reads. */
export { FUND_SOURCES, INCOME_SOURCES, type Comparator, type FundSource, type IncomeSource, type UnitKind } from '@budgetflow/contracts';

/**
 * What a department-year budget holds: the facts every published table is derived from.
 * This is the shared shape of the decider's state and the input of the table projections: the API's content
 * shapes (libs/contracts, where each field is described) with every amount a `Decimal` in 元.
 */

/** 单位类型 — kind of budget unit; 行政 and 参公 units report 机关运行经费. */
export const UNIT_KINDS: readonly UnitKind[] = ['行政', '参公', '事业'];

export type BudgetUnit = BudgetUnitWire;
export type DepartmentProfile = DepartmentProfileWire;
export type IncomeLine = IncomeLineWire<Money>;
export type CarryOver = CarryOverWire<Money>;
/** 基本支出 — running costs of the department itself, one line per (functional 项, economic 款, fund source). */
export type BasicExpenditureLine = BasicLineWire<Money>;
export type SpendingPlanCheckpoint = SpendingPlanCheckpointWire;
export type IndicatorTarget = IndicatorTargetWire;
/** 绩效指标 */
export type PerformanceIndicator = IndicatorWire;
export type ProjectLine = ProjectLineWire<Money>;
/** 项目支出 */
export type Project = ProjectWire<Money>;
/** One year's planned amount of a multi-year project. */
export type YearlyAmount = YearlyAmountWire<Money>;
export type PriorYearFigures = PriorYearWire<Money>;
export type FixedAssets = FixedAssetsWire<Money>;
/** 政府采购预算 — one item the department will buy through government procurement this year. */
export type ProcurementItem = ProcurementItemWire<Money>;
export type OverallPerformanceGoal = OverallPerformanceGoalWire;
export type OverallPerformance = OverallPerformanceWire;
export type DepartmentText = DepartmentTextWire;
export type BudgetContent = BudgetContentWire<Money>;

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

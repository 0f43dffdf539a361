import type { PaidToDate } from './year-end/paid-to-date';
/** The year's classification catalog, as far as the decider needs it: is a code a leaf of the catalog? */
export interface ClassificationCatalog {
  /** 支出功能分类 项 (7 digits) present in the year's catalog. */
  hasFunctionalLeaf(code: string): boolean;
  /** 部门预算支出经济分类 款 (5 digits), or a unit's own 7-digit sub-number of a 302 款, present in the year's catalog. */
  hasEconomicLeaf(code: string): boolean;
  /** The unit an economic entry is reserved for (a unit's own sub-numbering); absent: any unit may use it. */
  economicLeafUnit?(code: string): string | undefined;
  /** The code was in force in an earlier year and is retired from this one (停用). */
  isRetired?(scheme: 'functional' | 'economic', code: string): boolean;
}

/** Everything `decide` needs from outside the stream: the clock, the year's catalog and settings, and what has been paid. */
export interface DecideContext {
  now: Date;
  catalog: ClassificationCatalog;
  /** The year's budget settings (absent: the defaults, as before there were any). */
  settings?: BudgetYearSettings;
  /** Net payments to date per line and project (execution's figures); absent: nothing paid. 调剂 and 年终结账 need it. */
  paid?: PaidToDate;
}

/** 年度编制设置 — finance's per-year settings of how budgets are made. */
export interface BudgetYearSettings {
  /** Projects enter a budget only from the project library (项目库), `ScheduleProject`; default false. */
  projectsFromLibrary: boolean;
  /**
   * 编制轮次: `single` (default: submit, then approve, as before) or `four` (一上 → 一下 → 二上 → 二下: the department's
   * proposal, finance's control numbers, the budget within them, the approval with its document number and date).
   */
  rounds: RoundsMode;
  /** 审核环节 — finance's review steps before an approval, in order (e.g. 业务股室 → 预算股); none by default. */
  reviewSteps: string[];
}
export type RoundsMode = 'single' | 'four';
export const ROUNDS_MODES: readonly RoundsMode[] = ['single', 'four'];
export const DEFAULT_BUDGET_YEAR_SETTINGS: BudgetYearSettings = { projectsFromLibrary: false, rounds: 'single', reviewSteps: [] };

/** A catalog from lists of leaf codes (tests, imports). */
export const catalogOf = (leaves: { functional: Iterable<string>; economic: Iterable<string> }): ClassificationCatalog => {
  const functional = new Set(leaves.functional);
  const economic = new Set(leaves.economic);
  return {
    hasFunctionalLeaf: (code) => functional.has(code),
    hasEconomicLeaf: (code) => economic.has(code),
  };
};

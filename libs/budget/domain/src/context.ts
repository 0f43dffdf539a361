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

/** Everything `decide` needs from outside the stream: the clock, the year's catalog, and what has been paid. */
export interface DecideContext {
  now: Date;
  catalog: ClassificationCatalog;
  /** Net payments to date per line and project (execution's figures); absent: nothing paid. 调剂 and 年终结账 need it. */
  paid?: PaidToDate;
}

/** A catalog from lists of leaf codes (tests, imports). */
export const catalogOf = (leaves: { functional: Iterable<string>; economic: Iterable<string> }): ClassificationCatalog => {
  const functional = new Set(leaves.functional);
  const economic = new Set(leaves.economic);
  return {
    hasFunctionalLeaf: (code) => functional.has(code),
    hasEconomicLeaf: (code) => economic.has(code),
  };
};

/** The year's classification catalog, as far as the decider needs it: is a code a leaf of the catalog? */
export interface ClassificationCatalog {
  /** 支出功能分类 项 (7 digits) present in the year's catalog. */
  hasFunctionalLeaf(code: string): boolean;
  /** 部门预算支出经济分类 款 (5 digits) present in the year's catalog. */
  hasEconomicLeaf(code: string): boolean;
}

/** Everything `decide` needs from outside the stream: the clock and the year's catalog. */
export interface DecideContext {
  now: Date;
  catalog: ClassificationCatalog;
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

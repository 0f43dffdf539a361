import { consistencyChecks, type ConsistencyFinding } from './consistency-checks';
import {
  renderFixedAssets,
  renderProcurement,
  renderRunningCosts,
  type RunningCostsSection,
  type SectionTable,
} from './department-sections';
import { renderChapters, type DisclosureChapter } from './document-chapters';
import { renderExactTables, type DisclosureTable } from './disclosure-tables';
import { DEFAULT_PRINT_ROUNDING, printTables, type PrintRounding } from './print-rounding';
import type { BudgetContent, CatalogNames, UnitKind } from './domain';
import { fiscalDataCsv, type FiscalPhase } from './fiscal-data-package';
import { renderNarrative, type NarrativeSection } from './narrative';
import { renderPerformanceGoalTables, type PerformanceGoalTable } from './performance-goal-tables';
import { renderUnitTables, type UnitTables } from './unit-budget';

/** A narrative figure as stored and served: the amount in 元 as a decimal string. */
export interface DisclosureFigure {
  key: string;
  label: string;
  amount: string;
  printed: string;
  ref?: { table: string; row: number; column: number };
}

/**
 * 部门预算公开 — the whole published document of one budget version, every figure derived from one content:
 * the nine tables, the narrative sentences that carry figures, one performance-goal table per project,
 * 机关运行经费, 政府采购, 国有资产, the 勾稽 findings, and the version's spending lines for open data.
 * Plain JSON (strings, numbers, arrays): what the disclosure projection stores and the routes serve.
 */
export interface DisclosureDocument {
  department: { code: string; name: string; unitKind: UnitKind };
  fiscalYear: number;
  unit: '万元';
  /** Present when the tables were printed with 尾差调整 (`tail-difference`); absent: each cell rounded on its own. */
  rounding?: PrintRounding;
  tables: DisclosureTable[];
  narrative: { sections: NarrativeSection[]; figures: DisclosureFigure[]; text: string };
  performanceGoals: PerformanceGoalTable[];
  runningCosts: RunningCostsSection;
  procurement: SectionTable;
  fixedAssets: SectionTable | null;
  findings: ConsistencyFinding[];
  /** Each unit's own nine tables when the department has several units (the `tables` are the consolidated ones). */
  unitTables?: UnitTables[];
  /**
   * 情况说明 chapter by chapter (一 部门职责及机构设置 … 十一 其他需要说明的事项) as printed after the tables; absent in
   * documents stored before it existed.
   */
  chapters?: DisclosureChapter[];
  /** Fiscal Data Package rows of this version (see `fiscalDataCsv`). */
  fiscalData: { phase: FiscalPhase; csv: string };
}

export interface DisclosureOptions {
  /** How cells are rounded to 0.01 万元 (the year's setting; default each cell on its own). */
  rounding?: PrintRounding;
}

export const renderDisclosureDocument = (
  content: BudgetContent,
  catalog: CatalogNames,
  phase: FiscalPhase,
  options: DisclosureOptions = {},
): DisclosureDocument => {
  const rounding = options.rounding ?? DEFAULT_PRINT_ROUNDING;
  const exactTables = renderExactTables(content, catalog);
  const tables = printTables(exactTables, rounding);
  const narrative = renderNarrative(content, tables, { printedFromTables: rounding === 'tail-difference' });
  const performanceGoals = renderPerformanceGoalTables(content);
  const runningCosts = renderRunningCosts(content);
  const procurement = renderProcurement(content);
  const fixedAssets = renderFixedAssets(content);
  return {
    department: { code: content.department.code, name: content.department.name, unitKind: content.department.unitKind },
    fiscalYear: content.fiscalYear,
    unit: '万元',
    ...(rounding !== DEFAULT_PRINT_ROUNDING ? { rounding } : {}),
    tables,
    narrative: {
      sections: narrative.sections,
      figures: narrative.figures.map(({ amount, ...figure }) => ({ ...figure, amount: amount.toFixed(2) })),
      text: narrative.text,
    },
    performanceGoals,
    runningCosts,
    procurement,
    fixedAssets,
    chapters: renderChapters(content, { narrative, runningCosts, performanceGoals, procurement, fixedAssets }),
    findings: consistencyChecks(content, tables, narrative, exactTables),
    ...(content.units && content.units.length > 0 ? { unitTables: renderUnitTables(content, catalog) } : {}),
    fiscalData: { phase, csv: fiscalDataCsv(content, catalog, phase) },
  };
};

/** Consistency findings of severity `error` — the ones that block a submission. */
export const blockingFindings = (findings: readonly ConsistencyFinding[]): ConsistencyFinding[] =>
  findings.filter((finding) => finding.severity === 'error');

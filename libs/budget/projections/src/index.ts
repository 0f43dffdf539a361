export { printTable, renderDisclosureTables, renderExactTables, type DisclosureTable, type ExactCell, type ExactTable } from './disclosure-tables';
export { DISCLOSURE_TABLE_IDS, TABLE_LAYOUTS, type DisclosureTableId, type DisclosureTableLayout, type HeaderMerge } from './table-layouts';
export { renderPerformanceGoalTables, type PerformanceGoalTable } from './performance-goal-tables';
export { renderNarrative, type Narrative, type NarrativeFigure, type NarrativeSection, type TableCellRef } from './narrative';
export { consistencyChecks, type ConsistencyCheckCode, type ConsistencyFinding } from './consistency-checks';
export {
  expenditureSummary,
  incomeSummary,
  runningCosts,
  threePublicExpenses,
  type ExpenditureSummary,
  type IncomeSummary,
  type ThreePublicExpenses,
} from './budget-figures';
export { UTF8_BOM, csvCell, csvDocument, csvDownload, neutraliseFormula } from './csv';
export { EXPLANATION_SHEET, tablesToCsv, tablesToXlsx, xlsxBodyStartRow, type TableSheetMeta } from './table-export';
export { fiscalDataPackage, type FiscalDataPackage, type FiscalPhase } from './fiscal-data-package';
export { fiscalDataCsv, fiscalDataPackageOfPhases } from './fiscal-data-package';
export { renderFixedAssets, renderProcurement, renderRunningCosts, type RunningCostsSection, type SectionTable } from './department-sections';
export { blockingFindings, renderDisclosureDocument, type DisclosureDocument, type DisclosureFigure, type DisclosureOptions } from './disclosure-document';
export { disclosureHtml, escapeHtml } from './disclosure-html';
export { functionalClassTotals, type FunctionalClassTotal } from './functional-class-totals';
export { renderUnitTables, unitBudget, type UnitTables } from './unit-budget';
export { GLOSSARY, renderChapters, renderOrganisation, renderOverallPerformanceTable, type DisclosureChapter } from './document-chapters';
export { DEFAULT_PRINT_ROUNDING, PRINT_ROUNDINGS, printTables, printWithTailDifference, type PrintRounding } from './print-rounding';
export { finalAccounts, SELF_EVALUATION_WEIGHTS, type FinalAccounts, type FinalAccountsInput, type IndicatorReportInput } from './final-accounts';
export { finalAccountsCsv, finalAccountsHtml, finalAccountsXlsx } from './final-accounts-export';

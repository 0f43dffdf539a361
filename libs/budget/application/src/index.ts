export * from './catalog/catalog-entries';
export * from './catalog/catalog.service';
export * from './budget-application.module';
export * from './county/budget-overview.projection';
export { createDisclosureProjection, disclosureProjection, DISCLOSURE } from './disclosure/disclosure.projection';
export { BudgetStreams, HandleBudgetCommands, type BudgetAddress, type BudgetCommandAnswer } from './budget-commands/budget-commands';
export { CONSISTENCY_ERRORS } from './submit-draft/submission-checks';
export { writeEntryWorkbook, type EntryWorkbookInput } from './entry-workbook/write-entry-workbook';
export { readEntryWorkbook, type CellLocation, type CellProblem } from './entry-workbook/read-entry-workbook';

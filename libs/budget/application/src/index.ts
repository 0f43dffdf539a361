export * from './catalog/catalog-entries';
export * from './catalog/catalog.service';
export * from './budget-application.module';
export * from './county/budget-overview.projection';
export { createDisclosureProjection, disclosureProjection, DISCLOSURE } from './disclosure/disclosure.projection';
export { BudgetStreams, HandleBudgetCommands, type BudgetAddress, type BudgetCommandAnswer } from './budget-commands/budget-commands';
export { CONSISTENCY_ERRORS } from './submit-draft/submission-checks';
export { projectLibraryProjection, PROJECT_LIBRARY } from './project-library/project-library.projection';
export * from './year-end';

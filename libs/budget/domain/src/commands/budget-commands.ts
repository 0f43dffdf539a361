import type { DraftCommand } from './draft-commands';
import type { ImportBudget } from './import-command';
import type { WorkflowCommand } from './workflow-commands';
import type { OpenDraftFromPriorYear } from '../next-year/open-from-prior-year';

export * from './draft-commands';
export * from './import-command';
export * from './workflow-commands';

/** Every command a budget stream accepts. */
export type BudgetCommand = DraftCommand | WorkflowCommand | ImportBudget | OpenDraftFromPriorYear;
export type BudgetCommandType = BudgetCommand['type'];

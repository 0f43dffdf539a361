import type { DraftCommand } from './draft-commands';
import type { WorkflowCommand } from './workflow-commands';

export * from './draft-commands';
export * from './workflow-commands';

/** Every command a budget stream accepts. */
export type BudgetCommand = DraftCommand | WorkflowCommand;
export type BudgetCommandType = BudgetCommand['type'];

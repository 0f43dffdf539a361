import type { DraftEvent } from './draft-events';
import type { WorkflowEvent } from './workflow-events';

export * from './event';
export * from './draft-events';
export * from './workflow-events';

/** Every event of a budget stream. */
export type BudgetEvent = DraftEvent | WorkflowEvent;
export type BudgetEventType = BudgetEvent['type'];

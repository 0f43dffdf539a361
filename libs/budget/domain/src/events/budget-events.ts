import type { DraftEvent } from './draft-events';
import type { WorkflowEvent } from './workflow-events';
import type { YearEndEvent } from './year-end-events';

export * from './event';
export * from './draft-events';
export * from './workflow-events';
export * from './year-end-events';

/** Every event of a budget stream. */
export type BudgetEvent = DraftEvent | WorkflowEvent | YearEndEvent;
export type BudgetEventType = BudgetEvent['type'];

/** Every type of a budget stream's events, at run time (the record makes the compiler check it is complete). */
const BUDGET_EVENT_TYPE_SET: Record<BudgetEventType, true> = {
  DraftOpened: true,
  IncomeDeclared: true,
  IncomeRemoved: true,
  CarryOverSet: true,
  BasicLineProposed: true,
  BasicLineRevised: true,
  BasicLineWithdrawn: true,
  ProjectProposed: true,
  ProjectAdjusted: true,
  ProjectWithdrawn: true,
  ProjectScheduled: true,
  UnitsSet: true,
  DepartmentTextSet: true,
  PriorYearSet: true,
  FixedAssetsSet: true,
  ProcurementSet: true,
  DraftSubmitted: true,
  DraftReturned: true,
  DraftApproved: true,
  VersionPublished: true,
  AdjustmentRequested: true,
  AdjustmentApproved: true,
  AdjustmentRejected: true,
  ControlNumbersSet: true,
  ReviewStepPassed: true,
  BudgetYearClosed: true,
};
export const BUDGET_EVENT_TYPES = Object.keys(BUDGET_EVENT_TYPE_SET) as readonly BudgetEventType[];

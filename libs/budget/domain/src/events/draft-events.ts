import type { BudgetUnit, DepartmentProfile, DepartmentText, IncomeSource } from '../content/budget-content';
import type { MoneyWire } from '../wire/money-wire';
import type {
  BasicLineWire,
  CarryOverWire,
  FixedAssetsWire,
  PriorYearWire,
  ProcurementItemWire,
  ProjectWire,
} from '../wire/content-wire';
import type { DomainEvent } from './event';
import type { CarriedFrom } from '../next-year/open-from-prior-year';

/** Events that change the draft's content. An approved adjustment replays the same events on the approved version. */
/** `carriedFrom` when the draft was opened from last year's approved budget (what was carried, what to check). */
export type DraftOpened = DomainEvent<'DraftOpened', { department: DepartmentProfile; fiscalYear: number; carriedFrom?: CarriedFrom }>;
export type IncomeDeclared = DomainEvent<'IncomeDeclared', { source: IncomeSource; amount: MoneyWire }>;
export type IncomeRemoved = DomainEvent<'IncomeRemoved', { source: IncomeSource }>;
export type CarryOverSet = DomainEvent<'CarryOverSet', { carryOver: CarryOverWire }>;
export type BasicLineProposed = DomainEvent<'BasicLineProposed', { line: BasicLineWire }>;
export type BasicLineRevised = DomainEvent<'BasicLineRevised', { line: BasicLineWire }>;
export type BasicLineWithdrawn = DomainEvent<'BasicLineWithdrawn', { lineId: string }>;
export type ProjectProposed = DomainEvent<'ProjectProposed', { project: ProjectWire }>;
/** The project as it stands after the adjustment, plus which fields changed. */
export type ProjectAdjusted = DomainEvent<'ProjectAdjusted', { project: ProjectWire; changedFields: string[] }>;
export type ProjectWithdrawn = DomainEvent<'ProjectWithdrawn', { code: string }>;
/** A pooled library project (项目库, `ProjectPooled`) scheduled into the budget under its library code. */
export type ProjectScheduled = DomainEvent<'ProjectScheduled', { project: ProjectWire; libraryStreamId: string }>;
export type UnitsSet = DomainEvent<'UnitsSet', { units: BudgetUnit[] }>;
export type DepartmentTextSet = DomainEvent<'DepartmentTextSet', { text: DepartmentText }>;
export type PriorYearSet = DomainEvent<'PriorYearSet', { priorYear: PriorYearWire }>;
export type FixedAssetsSet = DomainEvent<'FixedAssetsSet', { fixedAssets: FixedAssetsWire }>;
export type ProcurementSet = DomainEvent<'ProcurementSet', { items: ProcurementItemWire[] }>;

/** Content edits that an adjustment may carry (income, basic lines, projects). */
export type DraftChangeEvent =
  | IncomeDeclared
  | IncomeRemoved
  | BasicLineProposed
  | BasicLineRevised
  | BasicLineWithdrawn
  | ProjectProposed
  | ProjectAdjusted
  | ProjectWithdrawn;

export type DraftEvent =
  | DraftOpened
  | DraftChangeEvent
  | ProjectScheduled
  | CarryOverSet
  | UnitsSet
  | DepartmentTextSet
  | PriorYearSet
  | FixedAssetsSet
  | ProcurementSet;

import { appendBasicLine } from './content/basic-line-index';
import type { BudgetContent } from './content/budget-content';
import type { DraftChangeEvent, DraftEvent } from './events/draft-events';
import { moneyFromWire } from './wire/money-wire';
import {
  basicLineFromWire,
  carryOverFromWire,
  fixedAssetsFromWire,
  priorYearFromWire,
  procurementItemFromWire,
  projectFromWire,
} from './wire/content-wire';

type ContentEvent = Exclude<DraftEvent, { type: 'DraftOpened' }>;

/** Applies one content event to a budget's content, without touching the original (content is immutable). */
export const applyDraftChange = (content: BudgetContent, event: ContentEvent | DraftChangeEvent): BudgetContent => {
  switch (event.type) {
    case 'IncomeDeclared': {
      const line = { source: event.data.source, amount: moneyFromWire(event.data.amount) };
      const exists = content.income.some((i) => i.source === line.source);
      return {
        ...content,
        income: exists ? content.income.map((i) => (i.source === line.source ? line : i)) : [...content.income, line],
      };
    }
    case 'IncomeRemoved':
      return { ...content, income: content.income.filter((i) => i.source !== event.data.source) };
    case 'CarryOverSet':
      return { ...content, carryOver: carryOverFromWire(event.data.carryOver) };
    case 'BasicLineProposed':
      return { ...content, basicExpenditureLines: appendBasicLine(content.basicExpenditureLines, basicLineFromWire(event.data.line)) };
    case 'BasicLineRevised': {
      const revised = basicLineFromWire(event.data.line);
      return {
        ...content,
        basicExpenditureLines: content.basicExpenditureLines.map((l) => (l.lineId === revised.lineId ? revised : l)),
      };
    }
    case 'BasicLineWithdrawn':
      return {
        ...content,
        basicExpenditureLines: content.basicExpenditureLines.filter((l) => l.lineId !== event.data.lineId),
      };
    case 'ProjectProposed':
    case 'ProjectScheduled':
      return { ...content, projects: [...content.projects, projectFromWire(event.data.project)] };
    case 'ProjectAdjusted': {
      const adjusted = projectFromWire(event.data.project);
      return { ...content, projects: content.projects.map((p) => (p.code === adjusted.code ? adjusted : p)) };
    }
    case 'ProjectWithdrawn':
      return { ...content, projects: content.projects.filter((p) => p.code !== event.data.code) };
    case 'UnitsSet':
      return { ...content, units: event.data.units.map((unit) => ({ ...unit })) };
    case 'DepartmentTextSet':
      return { ...content, text: JSON.parse(JSON.stringify(event.data.text)) };
    case 'PriorYearSet':
      return { ...content, priorYear: priorYearFromWire(event.data.priorYear) };
    case 'FixedAssetsSet':
      return { ...content, fixedAssets: fixedAssetsFromWire(event.data.fixedAssets) };
    case 'ProcurementSet':
      return { ...content, procurement: event.data.items.map(procurementItemFromWire) };
  }
};

/** Replays an adjustment's edits on an approved content: the content of the next version. */
export const applyAdjustment = (content: BudgetContent, changes: DraftChangeEvent[]): BudgetContent =>
  changes.reduce(applyDraftChange, content);

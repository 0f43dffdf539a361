import Decimal from 'decimal.js';
import type {
  AdjustmentChangeSet,
  BasicLineRevision,
  DepartmentProfile,
  FundSource,
  IncomeSource,
  Money,
  IndicatorEntry,
  ProjectChanges,
  ProjectLine,
  ProjectProposal,
  SpendingPlanEntry,
  UnitKind,
} from '@budgetflow/budget-domain';
import { RequestReader } from '../shared/request-reader';

/**
 * Request bodies of the drafting endpoints → command fields. Amounts on the wire are 元 as decimal strings.
 * Domain rules (codes in the catalog, amounts > 0, plans …) are the decider's; this only reads shapes.
 */
const ZERO = new Decimal(0);

export interface IncomeEntry {
  source: IncomeSource;
  amount: Money;
}

export function readDepartmentProfile(reader: RequestReader, code: string): DepartmentProfile {
  return {
    code,
    name: reader.text('name', { max: 200 }),
    unitKind: reader.text('unitKind', { max: 10 }) as UnitKind,
    ...optional('unitName', reader.optionalText('unitName', 200)),
    ...optional('unitRank', reader.optionalText('unitRank', 50)),
    ...optional('fundingForm', reader.optionalText('fundingForm', 50)),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** `fromCarryOver` (上年结转) and `unit` of a line or project, when given. */
const carryOverAndUnit = (reader: RequestReader): { fromCarryOver?: boolean; unit?: string } => ({
  ...optional('fromCarryOver', reader.flag('fromCarryOver')),
  ...optional('unit', reader.optionalText('unit', 64)),
});

export function readBasicLine(reader: RequestReader) {
  return {
    functionalCode: reader.text('functionalCode', { max: 20 }),
    economicCode: reader.text('economicCode', { max: 20 }),
    fundSource: reader.text('fundSource', { max: 50 }) as FundSource,
    amount: reader.money('amount') ?? ZERO,
    ...carryOverAndUnit(reader),
  };
}

export function readBasicLineRevision(reader: RequestReader, lineId: string): BasicLineRevision {
  return {
    lineId,
    ...optional('functionalCode', reader.has('functionalCode') ? reader.text('functionalCode', { max: 20 }) : (reader.any('functionalCode', { optional: true }) as undefined)),
    ...optional('economicCode', reader.has('economicCode') ? reader.text('economicCode', { max: 20 }) : (reader.any('economicCode', { optional: true }) as undefined)),
    ...optional('fundSource', reader.has('fundSource') ? (reader.text('fundSource', { max: 50 }) as FundSource) : (reader.any('fundSource', { optional: true }) as undefined)),
    ...optional('amount', reader.money('amount', { optional: true })),
    ...carryOverAndUnit(reader),
  };
}

const readSpendingPlan = (readers: RequestReader[]): SpendingPlanEntry[] =>
  readers.map((entry) => ({ checkpoint: entry.text('checkpoint', { max: 20 }), cumulativePercent: entry.number('cumulativePercent') }));

const readIndicators = (readers: RequestReader[]): IndicatorEntry[] =>
  readers.map((entry) => ({
    level1: entry.text('level1', { max: 20 }),
    level2: entry.text('level2', { max: 20 }),
    name: entry.text('name', { max: 200 }),
    description: entry.text('description', { max: 2000, optional: true, allowEmpty: true }),
    target: entry.text('target', { max: 50 }),
    basis: entry.text('basis', { max: 2000, optional: true, allowEmpty: true }),
  }));

const readProjectLines = (readers: RequestReader[]): ProjectLine[] =>
  readers.map((line) => ({
    functionalCode: line.text('functionalCode', { max: 20 }),
    economicCode: line.text('economicCode', { max: 20 }),
    fundSource: line.text('fundSource', { max: 50 }) as FundSource,
    amount: line.money('amount') ?? ZERO,
    ...optional('fromCarryOver', line.flag('fromCarryOver')),
  }));

/** A whole project (propose, or an adjustment adding one). Funds default to all-fiscal when not split. */
export function readProjectProposal(reader: RequestReader): ProjectProposal {
  const amount = reader.money('amount') ?? ZERO;
  const otherFunds = reader.money('otherFunds', { optional: true }) ?? ZERO;
  const fiscalFunds = reader.money('fiscalFunds', { optional: true }) ?? amount.minus(otherFunds);
  const lines = reader.objects('lines', { optional: true, max: 500 });
  return {
    code: reader.text('code', { max: 64 }),
    name: reader.text('name', { max: 200 }),
    functionalCode: reader.text('functionalCode', { max: 20 }),
    fundSource: reader.text('fundSource', { max: 50 }) as FundSource,
    amount,
    fiscalFunds,
    otherFunds,
    purpose: reader.text('purpose', { max: 4000, optional: true, allowEmpty: true }),
    spendingPlan: readSpendingPlan(reader.objects('spendingPlan', { max: 12 }) ?? []),
    goal: reader.text('goal', { max: 4000, optional: true, allowEmpty: true }),
    indicators: readIndicators(reader.objects('indicators', { max: 200 }) ?? []),
    ...(lines ? { lines: readProjectLines(lines) } : {}),
    ...carryOverAndUnit(reader),
  };
}

/** Only the fields present change (adjust project while drafting, or in an adjustment). */
export function readProjectChanges(reader: RequestReader): ProjectChanges {
  const changes: ProjectChanges = {};
  if (reader.has('name')) changes.name = reader.text('name', { max: 200 });
  if (reader.has('functionalCode')) changes.functionalCode = reader.text('functionalCode', { max: 20 });
  if (reader.has('fundSource')) changes.fundSource = reader.text('fundSource', { max: 50 }) as FundSource;
  if (reader.has('amount')) changes.amount = reader.money('amount');
  if (reader.has('fiscalFunds')) changes.fiscalFunds = reader.money('fiscalFunds');
  if (reader.has('otherFunds')) changes.otherFunds = reader.money('otherFunds');
  if (reader.has('purpose')) changes.purpose = reader.text('purpose', { max: 4000, allowEmpty: true });
  if (reader.has('goal')) changes.goal = reader.text('goal', { max: 4000, allowEmpty: true });
  if (reader.has('spendingPlan')) changes.spendingPlan = readSpendingPlan(reader.objects('spendingPlan', { max: 12 }) ?? []);
  if (reader.has('indicators')) changes.indicators = readIndicators(reader.objects('indicators', { max: 200 }) ?? []);
  if (reader.has('lines')) changes.lines = readProjectLines(reader.objects('lines', { max: 500 }) ?? []);
  Object.assign(changes, carryOverAndUnit(reader));
  // Absent keys are still "read" so that unknown ones stand out.
  for (const key of ['name', 'functionalCode', 'fundSource', 'amount', 'fiscalFunds', 'otherFunds', 'purpose', 'goal', 'spendingPlan', 'indicators', 'lines']) {
    if (!reader.has(key)) reader.any(key, { optional: true });
  }
  return changes;
}

export function readIncomeEntry(reader: RequestReader): IncomeEntry {
  return { source: reader.text('source', { max: 50 }) as IncomeSource, amount: reader.money('amount') ?? ZERO };
}

/** 调整事项: income changes, basic lines and projects added / changed / removed. */
export function readChangeSet(reader: RequestReader, newLineId: () => string): AdjustmentChangeSet {
  const changeSet: AdjustmentChangeSet = {};
  const income = reader.objects('income', { optional: true, max: 20 });
  if (income) changeSet.income = income.map(readIncomeEntry);
  const basic = reader.object('basicLines', { optional: true });
  if (basic) {
    const added = basic.objects('added', { optional: true, max: 2000 });
    const changed = basic.objects('changed', { optional: true, max: 2000 });
    const removed = basic.list('removed', { optional: true, max: 2000 });
    changeSet.basicLines = {
      ...(added ? { added: added.map((line) => ({ lineId: line.optionalText('lineId', 64) ?? newLineId(), ...readBasicLine(line) })) } : {}),
      ...(changed ? { changed: changed.map((line) => readBasicLineRevision(line, line.text('lineId', { max: 64 }))) } : {}),
      ...(removed ? { removed: removed.map(String) } : {}),
    };
  }
  const projects = reader.object('projects', { optional: true });
  if (projects) {
    const added = projects.objects('added', { optional: true, max: 500 });
    const changed = projects.objects('changed', { optional: true, max: 500 });
    const removed = projects.list('removed', { optional: true, max: 500 });
    changeSet.projects = {
      ...(added ? { added: added.map(readProjectProposal) } : {}),
      ...(changed ? { changed: changed.map((entry) => ({ code: entry.text('code', { max: 64 }), changes: readProjectChanges(entry.object('changes') ?? entry) })) } : {}),
      ...(removed ? { removed: removed.map(String) } : {}),
    };
  }
  return changeSet;
}

import Decimal from 'decimal.js';
import type { FundSource, IndicatorEntry, ProjectChanges, ProjectLine, ProjectProposal, SpendingPlanEntry } from '@budgetflow/budget-domain';
import type { RequestReader } from '@budgetflow/platform';
import { readCarryOverAndUnit } from '../basic-lines/basic-line.request';

/**
 * A project's fields (amounts in 元 as decimal strings). Domain rules (codes in the catalog, amounts > 0, plans …)
 * are the decider's; this only reads shapes.
 */
const ZERO = new Decimal(0);

export const readSpendingPlan = (readers: RequestReader[]): SpendingPlanEntry[] =>
  readers.map((entry) => ({ checkpoint: entry.text('checkpoint', { max: 20 }), cumulativePercent: entry.number('cumulativePercent') }));

/** One 绩效指标, of a budget project or a library project. */
export const readIndicator = (entry: RequestReader): IndicatorEntry => ({
  level1: entry.text('level1', { max: 20 }),
  level2: entry.text('level2', { max: 20 }),
  name: entry.text('name', { max: 200 }),
  description: entry.text('description', { max: 2000, optional: true, allowEmpty: true }),
  target: entry.text('target', { max: 50 }),
  basis: entry.text('basis', { max: 2000, optional: true, allowEmpty: true }),
});

const readIndicators = (readers: RequestReader[]): IndicatorEntry[] => readers.map((entry) => readIndicator(entry));

/** One year's amount of a multi-year project (分年度预算). */
export const readYearlyAmount = (entry: RequestReader) => ({ fiscalYear: entry.integer('fiscalYear') ?? 0, amount: entry.money('amount') ?? ZERO });

export const readProjectLines = (readers: RequestReader[]): ProjectLine[] =>
  readers.map((line) => {
    const fromCarryOver = line.flag('fromCarryOver');
    return {
      functionalCode: line.text('functionalCode', { max: 20 }),
      economicCode: line.text('economicCode', { max: 20 }),
      fundSource: line.text('fundSource', { max: 50 }) as FundSource,
      amount: line.money('amount') ?? ZERO,
      ...(fromCarryOver !== undefined ? { fromCarryOver } : {}),
    };
  });

/** 起止年度 and 分年度预算 of a multi-year project, each only when given. */
const readMultiYear = (reader: RequestReader): Pick<ProjectProposal, 'startYear' | 'endYear' | 'yearlyAmounts'> => {
  const startYear = reader.integer('startYear', { optional: true });
  const endYear = reader.integer('endYear', { optional: true });
  const yearly = reader.objects('yearlyAmounts', { optional: true, max: 50 });
  return {
    ...(startYear !== undefined ? { startYear } : {}),
    ...(endYear !== undefined ? { endYear } : {}),
    ...(yearly ? { yearlyAmounts: yearly.map((entry) => readYearlyAmount(entry)) } : {}),
  };
};

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
    ...readCarryOverAndUnit(reader),
    ...readMultiYear(reader),
  };
}

const CHANGEABLE = ['name', 'functionalCode', 'fundSource', 'amount', 'fiscalFunds', 'otherFunds', 'purpose', 'goal', 'spendingPlan', 'indicators', 'lines'] as const;

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
  Object.assign(changes, readCarryOverAndUnit(reader));
  Object.assign(changes, readMultiYear(reader));
  // Absent keys are still "read" so that unknown ones stand out.
  for (const key of CHANGEABLE) if (!reader.has(key)) reader.any(key, { optional: true });
  return changes;
}

import Decimal from 'decimal.js';
import type { FundSource, IndicatorEntry, LibraryProjectProposal } from '@budgetflow/budget-domain';
import type { RequestReader } from '@budgetflow/platform';

const ZERO = new Decimal(0);

/** A library project as the department writes it (amounts in 元 as decimal strings); the decider checks the rules. */
export function readLibraryProposal(reader: RequestReader): LibraryProjectProposal {
  return {
    code: reader.text('code', { max: 64 }),
    name: reader.text('name', { max: 200 }),
    functionalCode: reader.text('functionalCode', { max: 20 }),
    fundSource: (reader.text('fundSource', { max: 50, optional: true }) || '一般公共预算拨款') as FundSource,
    purpose: reader.text('purpose', { max: 4000, optional: true, allowEmpty: true }) ?? '',
    totalAmount: reader.money('totalAmount') ?? ZERO,
    startYear: reader.integer('startYear') ?? 0,
    endYear: reader.integer('endYear') ?? 0,
    yearlyAmounts: (reader.objects('yearlyAmounts', { optional: true, max: 50 }) ?? []).map((entry) => ({ fiscalYear: entry.integer('fiscalYear') ?? 0, amount: entry.money('amount') ?? ZERO })),
    goal: reader.text('goal', { max: 4000, optional: true, allowEmpty: true }) ?? '',
    indicators: (reader.objects('indicators', { optional: true, max: 200 }) ?? []).map(
      (entry): IndicatorEntry => ({
        level1: entry.text('level1', { max: 20 }),
        level2: entry.text('level2', { max: 20 }),
        name: entry.text('name', { max: 200 }),
        description: entry.text('description', { max: 2000, optional: true, allowEmpty: true }),
        target: entry.text('target', { max: 50 }),
        basis: entry.text('basis', { max: 2000, optional: true, allowEmpty: true }),
      }),
    ),
    attachments: (reader.objects('attachments', { optional: true, max: 50 }) ?? []).map((entry) => ({
      name: entry.text('name', { max: 200 }),
      number: entry.text('number', { max: 100, optional: true, allowEmpty: true }) ?? '',
    })),
  };
}

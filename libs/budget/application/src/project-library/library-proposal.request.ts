import Decimal from 'decimal.js';
import type { FundSource, LibraryProjectProposal } from '@budgetflow/budget-domain';
import type { RequestReader } from '@budgetflow/platform';
import { readIndicator, readYearlyAmount } from '../projects/project.request';

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
    yearlyAmounts: (reader.objects('yearlyAmounts', { optional: true, max: 50 }) ?? []).map((entry) => readYearlyAmount(entry)),
    goal: reader.text('goal', { max: 4000, optional: true, allowEmpty: true }) ?? '',
    indicators: (reader.objects('indicators', { optional: true, max: 200 }) ?? []).map((entry) => readIndicator(entry)),
    attachments: (reader.objects('attachments', { optional: true, max: 50 }) ?? []).map((entry) => ({
      name: entry.text('name', { max: 200 }),
      number: entry.text('number', { max: 100, optional: true, allowEmpty: true }) ?? '',
    })),
  };
}

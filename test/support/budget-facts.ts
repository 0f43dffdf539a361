/** Builders of budget-facts/1 documents for the golden suites (amounts as decimal strings, in the document's unit). */

export const GENERAL = '一般公共预算拨款';
export const GOVERNMENT_FUND = '政府性基金预算拨款';
export const STATE_CAPITAL = '国有资本经营预算拨款';

type Parts = Record<string, unknown> & { income: Array<{ source: string; amount: string }> };

/**
 * A 2024 budget-facts/1 document of one department (a 行政 unit unless said), in 万元 unless said, with no
 * carry-over unless said; `parts` gives its income, lines and projects (and may override any field).
 */
export const budgetFacts = <P extends Parts>(department: { code: string; name: string; unitKind?: string }, parts: P) => ({
  format: 'budget-facts/1',
  department: { ...department, unitKind: department.unitKind ?? '行政' },
  fiscalYear: 2024,
  unit: '万元',
  carryOver: { fromLastYear: '0', toNextYear: '0' },
  ...parts,
});

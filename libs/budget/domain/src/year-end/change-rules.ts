import type { BudgetContent } from '../content/budget-content';
import { refuse } from '../errors';
import { Decimal, type Money } from '../money/money';
import { budgetTotals } from '../rules/totals';
import { type InYearChangeKind, isCalendarDate } from './change-kinds';
import { type PaidToDate, paidOfLine, paidOfProject } from './paid-to-date';

/** Every line's and project's amount, keyed `basic:{lineId}` / `project:{code}` (with a name for messages). */
const amountsOf = (content: BudgetContent): Map<string, { amount: Money; name: string }> =>
  new Map<string, { amount: Money; name: string }>([
    ...content.basicExpenditureLines.map((l): [string, { amount: Money; name: string }] => [`basic:${l.lineId}`, { amount: l.amount, name: `基本支出明细 ${l.lineId}（${l.functionalCode}/${l.economicCode}）` }]),
    ...content.projects.map((p): [string, { amount: Money; name: string }] => [`project:${p.code}`, { amount: p.amount, name: `项目“${p.name}”` }]),
  ]);

const incomeKey = (content: BudgetContent): string =>
  JSON.stringify(
    content.income
      .filter((i) => !i.amount.isZero())
      .map((i) => [i.source, i.amount.toFixed(2)])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

/** Lines and projects whose amount goes down (a removed one goes to zero): the sources of the change. */
export const decreasedItems = (before: BudgetContent, after: BudgetContent) => {
  const afterAmounts = amountsOf(after);
  return [...amountsOf(before).entries()]
    .map(([key, { amount, name }]) => ({ key, name, before: amount, after: afterAmounts.get(key)?.amount ?? new Decimal(0) }))
    .filter((item) => item.after.lessThan(item.before));
};

/**
 * The rule of each kind on the approved content before and after the change (both balanced already):
 * 追加 grows the total and shrinks nothing; 调剂 keeps income and total and never takes from a source money already
 * paid from it; 调整 has no rule of its own.
 */
export const requireKindRules = (kind: InYearChangeKind, before: BudgetContent, after: BudgetContent, paid: PaidToDate | undefined): void => {
  const [was, is] = [budgetTotals(before), budgetTotals(after)];
  if (kind === 'addition') {
    if (!is.expenditure.greaterThan(was.expenditure))
      refuse('ADDITION_NOT_INCREASING', 'changeSet', `追加后支出合计 ${is.expenditure.toFixed(2)} 元未超过追加前的 ${was.expenditure.toFixed(2)} 元`);
    const decreased = decreasedItems(before, after);
    if (decreased.length > 0) refuse('ADDITION_DECREASES', 'changeSet', `追加不能减少${decreased[0].name}，减少请使用调剂或调整`);
  }
  if (kind === 'transfer') {
    if (incomeKey(before) !== incomeKey(after) || !was.carryOverFromLastYear.eq(is.carryOverFromLastYear)) refuse('TRANSFER_CHANGES_INCOME', 'changeSet.income');
    if (!is.expenditure.eq(was.expenditure))
      refuse('TRANSFER_CHANGES_TOTAL', 'changeSet', `调剂后支出合计 ${is.expenditure.toFixed(2)} 元，调剂前为 ${was.expenditure.toFixed(2)} 元`);
    requireSourcesUnspent(before, after, paid);
  }
};

/** No source of a 调剂 may end below what has already been paid from it. */
export const requireSourcesUnspent = (before: BudgetContent, after: BudgetContent, paid: PaidToDate | undefined): void => {
  for (const item of decreasedItems(before, after)) {
    const [kind, id] = [item.key.slice(0, item.key.indexOf(':')), item.key.slice(item.key.indexOf(':') + 1)];
    const paidSoFar = kind === 'basic' ? paidOfLine(paid, id) : paidOfProject(paid, id);
    if (item.after.lessThan(paidSoFar))
      refuse(
        'TRANSFER_SOURCE_SPENT',
        'changeSet',
        `${item.name}已支付 ${paidSoFar.toFixed(2)} 元，调剂后金额 ${item.after.toFixed(2)} 元低于已支付金额，可调出的最多为 ${Decimal.max(item.before.minus(paidSoFar), 0).toFixed(2)} 元`,
        { source: id, paid: paidSoFar.toFixed(2), before: item.before.toFixed(2), after: item.after.toFixed(2) },
      );
  }
};

/** An effective date: a real date of the fiscal year. */
export const requireEffectiveDate = (date: string | undefined, fiscalYear: number, field = 'effectiveDate'): void => {
  if (date === undefined) return;
  if (typeof date !== 'string' || !isCalendarDate(date)) refuse('EFFECTIVE_DATE_INVALID', field);
  if (!date.startsWith(`${fiscalYear}-`)) refuse('EFFECTIVE_DATE_OUTSIDE_YEAR', field, `生效日期 ${date} 不在 ${fiscalYear} 预算年度内`);
};

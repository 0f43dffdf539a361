import type { BudgetContent } from '../content/budget-content';
import { refuse } from '../errors';
import { formatWan, sum, type Money } from '../money/money';

/**
 * 以上年结转资金安排的支出 — spending paid from last year's carry-over: basic lines marked `fromCarryOver`, whole
 * projects marked so, and the marked lines of other projects.
 */
export const carryOverSpending = (content: BudgetContent): Money =>
  sum([
    ...content.basicExpenditureLines.filter((line) => line.fromCarryOver === true).map((line) => line.amount),
    ...content.projects.map((project) =>
      project.fromCarryOver === true ? project.amount : sum(project.lines.filter((line) => line.fromCarryOver === true).map((line) => line.amount)),
    ),
  ]);

/**
 * 上年结转结余 agrees with the spending it funds: what is spent from the carry-over cannot exceed it, and what of it
 * is not spent this year must be carried on (年终结转结余 holds at least that much). `undefined` when it agrees,
 * else the Chinese reason.
 */
export const carryOverDisagreement = (content: BudgetContent): string | undefined => {
  const fromLastYear = content.carryOver.fromLastYear;
  const spent = carryOverSpending(content);
  if (spent.greaterThan(fromLastYear))
    return `以上年结转资金安排的支出 ${formatWan(spent)} 万元超过上年结转结余 ${formatWan(fromLastYear)} 万元`;
  const unspent = fromLastYear.minus(spent);
  if (unspent.greaterThan(content.carryOver.toNextYear))
    return `上年结转结余 ${formatWan(fromLastYear)} 万元中有 ${formatWan(unspent)} 万元既未安排支出（请将以结转资金安排的支出标为“上年结转”），也未列入年终结转结余 ${formatWan(content.carryOver.toNextYear)} 万元`;
  return undefined;
};

export const requireCarryOverAgrees = (content: BudgetContent, field = 'carryOver.fromLastYear'): void => {
  const reason = carryOverDisagreement(content);
  if (reason !== undefined)
    refuse('CARRY_OVER_MISMATCH', field, reason, {
      fromLastYear: content.carryOver.fromLastYear.toFixed(2),
      carryOverSpending: carryOverSpending(content).toFixed(2),
      toNextYear: content.carryOver.toNextYear.toFixed(2),
    });
};

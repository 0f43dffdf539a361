import type { CloseYear } from '../commands/workflow-commands';
import { refuse } from '../errors';
import type { BudgetYearClosed, CarriedOverWire, ReturnedWire, YearCloseFiguresWire } from '../events/year-end-events';
import { Decimal, type Money, sum } from '../money/money';
import { requireRole } from '../rules/access';
import { requireOpened } from '../decide/guards';
import { latestVersion } from '../state';
import { moneyToWire } from '../wire/money-wire';
import { requireNotClosed } from '../decide/adjustments';
import { shanghaiDateOf } from './change-kinds';
import { paidOfLine, paidOfProject } from './paid-to-date';
import type { BudgetDecider } from '../decide/decider';

const positive = (amount: Money): Money => Decimal.max(amount, 0);

/**
 * 年终结账: finance, on or after 31 December (Beijing time) of the fiscal year, on an approved budget with no change
 * pending, once. Every line and project of the final version gets budget, paid (from `ctx.paid`) and unspent fixed;
 * each listed project carries over the given amount (at most its unspent), every other unspent amount is returned.
 */
export const closeYear: BudgetDecider<CloseYear, BudgetYearClosed> = (command, state, ctx, stamp) => {
  requireRole(command.actor, 'finance');
  const department = requireOpened(state);
  const final = latestVersion(state);
  if (!final) return refuse('BUDGET_NOT_APPROVED', undefined, '预算尚未批复，不能年终结账');
  requireNotClosed(state);
  const fiscalYear = state.fiscalYear!;
  const today = shanghaiDateOf(ctx.now);
  if (today < `${fiscalYear}-12-31`) refuse('YEAR_NOT_ENDED', undefined, `${fiscalYear} 年度尚未结束（今天是 ${today}），12月31日及以后方可年终结账`);
  if (state.pendingAdjustment) refuse('ADJUSTMENT_PENDING_AT_CLOSE', 'adjustmentId', `预算变动申请 ${state.pendingAdjustment.adjustmentId} 尚待审批，请先审批或驳回后再结账`);

  const content = final.content;
  const lines = content.basicExpenditureLines.map((line) => {
    const paid = paidOfLine(ctx.paid, line.lineId);
    return { line, paid, unspent: line.amount.minus(paid) };
  });
  const projects = content.projects.map((project) => {
    const paid = paidOfProject(ctx.paid, project.code);
    return { project, paid, unspent: project.amount.minus(paid) };
  });

  const carried = new Map<string, CarriedOverWire>();
  command.carryOver.forEach((entry, i) => {
    const at = `carryOver[${i}]`;
    const found = projects.find((p) => p.project.code === entry.projectCode);
    if (!found) return refuse('PROJECT_NOT_FOUND', `${at}.projectCode`, `批复预算（第 ${final.version} 版）中没有项目 ${entry.projectCode}`);
    if (carried.has(entry.projectCode)) return refuse('CARRY_OVER_DUPLICATE', `${at}.projectCode`, `项目 ${entry.projectCode} 的结转填写了两次`);
    if (!entry.amount.greaterThan(0)) return refuse('AMOUNT_NOT_POSITIVE', `${at}.amount`, '结转金额必须大于零');
    if (entry.amount.greaterThan(found.unspent))
      return refuse(
        'CARRY_OVER_EXCEEDS_UNSPENT',
        `${at}.amount`,
        `项目“${found.project.name}”预算 ${found.project.amount.toFixed(2)} 元，已支付 ${found.paid.toFixed(2)} 元，未支出 ${positive(found.unspent).toFixed(2)} 元，结转 ${entry.amount.toFixed(2)} 元超过未支出金额`,
        { projectCode: entry.projectCode, unspent: found.unspent.toFixed(2) },
      );
    const reason = entry.reason?.trim();
    carried.set(entry.projectCode, { projectCode: entry.projectCode, amount: moneyToWire(entry.amount), ...(reason ? { reason } : {}) });
  });

  const carriedOf = (code: string): Money => new Decimal(carried.get(code)?.amount ?? 0);
  const returned: ReturnedWire[] = [
    ...lines.filter((l) => l.unspent.greaterThan(0)).map((l): ReturnedWire => ({ kind: 'basicLine', id: l.line.lineId, amount: moneyToWire(l.unspent) })),
    ...projects
      .map((p) => ({ p, rest: positive(p.unspent).minus(carriedOf(p.project.code)) }))
      .filter(({ rest }) => rest.greaterThan(0))
      .map(({ p, rest }): ReturnedWire => ({ kind: 'project', id: p.project.code, projectCode: p.project.code, amount: moneyToWire(rest) })),
  ];

  const budgetTotal = sum([...lines.map((l) => l.line.amount), ...projects.map((p) => p.project.amount)]);
  const paidTotal = sum([...lines.map((l) => l.paid), ...projects.map((p) => p.paid)]);
  const carriedTotal = sum([...carried.values()].map((c) => new Decimal(c.amount)));
  const returnedTotal = sum(returned.map((r) => new Decimal(r.amount)));
  const figures: YearCloseFiguresWire = {
    basicLines: lines.map(({ line, paid, unspent }) => ({
      lineId: line.lineId,
      functionalCode: line.functionalCode,
      economicCode: line.economicCode,
      budget: moneyToWire(line.amount),
      paid: moneyToWire(paid),
      unspent: moneyToWire(unspent),
    })),
    projects: projects.map(({ project, paid, unspent }) => ({
      projectCode: project.code,
      name: project.name,
      budget: moneyToWire(project.amount),
      paid: moneyToWire(paid),
      unspent: moneyToWire(unspent),
      carriedOver: moneyToWire(carriedOf(project.code)),
      returned: moneyToWire(positive(unspent).minus(carriedOf(project.code))),
    })),
    totals: {
      budget: moneyToWire(budgetTotal),
      paid: moneyToWire(paidTotal),
      unspent: moneyToWire(budgetTotal.minus(paidTotal)),
      carriedOver: moneyToWire(carriedTotal),
      returned: moneyToWire(returnedTotal),
    },
  };
  return [
    {
      type: 'BudgetYearClosed',
      data: {
        department,
        fiscalYear,
        version: final.version,
        carryOver: [...carried.values()],
        returned,
        figures,
        closedBy: stamp.by,
        closedAt: stamp.at,
        ...stamp,
      },
    },
  ];
};

import { Decimal } from '@budgetflow/budget-domain';
import { approvedAmountOf, targetKey, versionInForceOn } from '../approved-budget';
import type { RecordPayments } from '../commands/execution-commands';
import { type ExecutionFieldProblem, ExecutionError, problem, refuse } from '../errors';
import type { ExecutionEvent, PaymentRecorded } from '../events/execution-events';
import type { ExecutionLedger, LedgerPayment } from '../ledger';
import type { PaymentEntry } from '../payment-entry';
import { requireApproved, requireOwnDepartment, requireYearOpen } from '../rules/access';
import { dateProblem } from '../rules/business-date';
import type { ExecutionContext } from './execution-context';

/** Same voucher, same payment: the retry of one already recorded. */
const samePayment = (recorded: Pick<LedgerPayment, 'date' | 'amount' | 'target' | 'payee' | 'note'>, entry: PaymentEntry): boolean =>
  recorded.date === entry.date &&
  recorded.amount.eq(entry.amount) &&
  targetKey(recorded.target) === targetKey(entry.target) &&
  recorded.payee === entry.payee &&
  recorded.note === entry.note;

export const recordPayments = (command: RecordPayments, ledger: ExecutionLedger, ctx: ExecutionContext): ExecutionEvent[] => {
  requireOwnDepartment(command.actor, ctx);
  const latest = requireApproved(ctx);
  requireYearOpen(ctx);
  if (command.entries.length === 0) refuse('BULK_EMPTY', command.bulk ? 'rows' : '');
  const problems: ExecutionFieldProblem[] = [];
  const events: PaymentRecorded[] = [];
  const inBatch = new Map<string, PaymentEntry>();
  const spentInBatch = new Map<string, Decimal>();

  command.entries.forEach((entry, index) => {
    const at = command.bulk ? `rows[${index}].` : '';
    const rowProblems: ExecutionFieldProblem[] = [];
    const dated = dateProblem(entry.date, `${at}date`, ctx);
    if (dated) rowProblems.push(dated);
    // Checked against the version in force on the payment's date (effective dates of 追加 / 调剂 / 调整).
    const budget = (!dated && ctx.versions && ctx.versions.length > 0 ? versionInForceOn(ctx.versions, entry.date) : undefined) ?? latest;
    const approved = approvedAmountOf(budget, entry.target);
    if (approved === undefined) {
      const [field, name] = entry.target.kind === 'basic' ? ['basicLineId', entry.target.lineId] : ['projectCode', entry.target.projectCode];
      rowProblems.push(problem('PAYMENT_TARGET_NOT_FOUND', `${at}${field}`, `批复预算（第 ${budget.version} 版）中没有${entry.target.kind === 'basic' ? '基本支出明细' : '项目'} ${name}`));
    }
    const recorded = ledger.payments.get(entry.voucher) ?? inBatch.get(entry.voucher);
    if (recorded) {
      if (!samePayment(recorded, entry)) {
        rowProblems.push(problem('VOUCHER_CONFLICT', `${at}voucher`, `凭证号 ${entry.voucher} 已登记了内容不同的支出；更正请先冲销原凭证`));
      }
      problems.push(...rowProblems);
      return; // the same payment again: nothing new to record
    }
    if (rowProblems.length > 0 || approved === undefined) {
      problems.push(...rowProblems);
      return;
    }
    const key = targetKey(entry.target);
    const spent = (ledger.netByTarget.get(key) ?? new Decimal(0)).plus(spentInBatch.get(key) ?? 0);
    const remaining = approved.minus(spent);
    let overspend: PaymentRecorded['data']['overspend'];
    if (entry.amount.gt(remaining)) {
      if (ctx.settings.overspendMode === 'block') {
        problems.push(problem('PAYMENT_EXCEEDS_REMAINING', `${at}amount`, `支出 ${entry.amount.toFixed(2)} 元超出剩余额度 ${remaining.toFixed(2)} 元`));
        return;
      }
      overspend = { remainingBefore: remaining.toFixed(2) };
    }
    spentInBatch.set(key, (spentInBatch.get(key) ?? new Decimal(0)).plus(entry.amount));
    inBatch.set(entry.voucher, entry);
    events.push({
      type: 'PaymentRecorded',
      data: {
        voucher: entry.voucher,
        date: entry.date,
        amount: entry.amount.toFixed(2),
        target: entry.target,
        payee: entry.payee,
        note: entry.note,
        budgetVersion: budget.version,
        ...(overspend ? { overspend } : {}),
      },
    });
  });
  if (problems.length > 0) throw new ExecutionError(problems);
  return events;
};


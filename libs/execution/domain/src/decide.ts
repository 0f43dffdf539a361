import { type Actor, Decimal } from '@budgetflow/budget-domain';
import { type ApprovedBudget, approvedAmountOf, targetKey } from './approved-budget';
import { type ExecutionFieldProblem, ExecutionError, problem, refuse } from './errors';
import {
  DEVIATION_CAUSES,
  type DeviationCause,
  type ExecutionEvent,
  type ExecutionSettings,
  type ExecutionSettingsChanged,
  type IndicatorProgressRecorded,
  LIKELIHOODS,
  type Likelihood,
  type OverspendMode,
  type PaymentRecorded,
} from './execution-events';
import { type IsoDate, isIsoDate, withinFiscalYear } from './fiscal-calendar';
import type { ExecutionLedger, LedgerPayment } from './ledger';
import type { PaymentEntry } from './payment-entry';

/** 登记支出 — one or many payments; all or nothing. `bulk` makes field paths `rows[i].…`. */
export interface RecordPayments {
  type: 'RecordPayments';
  actor: Actor;
  entries: readonly PaymentEntry[];
  bulk: boolean;
}

/** 冲销 — takes a recorded payment back with a reversing entry on `date`. */
export interface ReversePayment {
  type: 'ReversePayment';
  actor: Actor;
  voucher: string;
  date: IsoDate;
  reason: string;
}

/** 登记指标进度 — the department's report on one project indicator. */
export interface RecordIndicatorProgress {
  type: 'RecordIndicatorProgress';
  actor: Actor;
  projectCode: string;
  indicator: string;
  date: IsoDate;
  actualToDate: string;
  forecast: string;
  deviationCause?: string;
  deviationNote?: string;
  likelihood: string;
}

export type ExecutionCommand = RecordPayments | ReversePayment | RecordIndicatorProgress;

/** Everything `decide` needs besides the ledger: the budget's latest approved version, finance's settings, today. */
export interface ExecutionContext {
  department: string;
  fiscalYear: number;
  /** The latest approved version; absent while the budget is not approved. */
  budget?: ApprovedBudget;
  settings: ExecutionSettings;
  /** Today in Asia/Shanghai (from the injected clock). */
  today: IsoDate;
}

/** Only a department's own users record its execution (checked first, before the body is even read). */
export const authorizeExecutionWrite = (actor: Actor, department: string): void => {
  if (actor.role !== 'department') refuse('EXECUTION_FORBIDDEN_ROLE');
  if (actor.department !== department) refuse('EXECUTION_OTHER_DEPARTMENT');
};

const requireOwnDepartment = (actor: Actor, ctx: ExecutionContext): void => authorizeExecutionWrite(actor, ctx.department);

const requireApproved = (ctx: ExecutionContext): ApprovedBudget => ctx.budget ?? refuse('BUDGET_NOT_APPROVED_FOR_EXECUTION');

/** Problems with a business date: inside the fiscal year and not after today. */
const dateProblem = (date: IsoDate, field: string, ctx: ExecutionContext): ExecutionFieldProblem | undefined => {
  if (!withinFiscalYear(ctx.fiscalYear, date)) return problem('PAYMENT_DATE_OUTSIDE_FISCAL_YEAR', field, `日期 ${date} 不在 ${ctx.fiscalYear} 预算年度内`);
  if (date > ctx.today) return problem('PAYMENT_DATE_IN_FUTURE', field, `日期 ${date} 晚于今天 ${ctx.today}`);
  return undefined;
};

/** Same voucher, same payment: the retry of one already recorded. */
const samePayment = (recorded: Pick<LedgerPayment, 'date' | 'amount' | 'target' | 'payee' | 'note'>, entry: PaymentEntry): boolean =>
  recorded.date === entry.date &&
  recorded.amount.eq(entry.amount) &&
  targetKey(recorded.target) === targetKey(entry.target) &&
  recorded.payee === entry.payee &&
  recorded.note === entry.note;

const recordPayments = (command: RecordPayments, ledger: ExecutionLedger, ctx: ExecutionContext): ExecutionEvent[] => {
  requireOwnDepartment(command.actor, ctx);
  const budget = requireApproved(ctx);
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

const reversePayment = (command: ReversePayment, ledger: ExecutionLedger, ctx: ExecutionContext): ExecutionEvent[] => {
  requireOwnDepartment(command.actor, ctx);
  const payment = ledger.payments.get(command.voucher) ?? refuse('PAYMENT_NOT_FOUND', 'voucher', `凭证 ${command.voucher} 不存在`);
  const reason = command.reason.trim();
  if (!reason) refuse('REASON_REQUIRED', 'reason');
  if (!isIsoDate(command.date)) refuse('DATE_INVALID', 'date');
  if (payment.reversal) {
    if (payment.reversal.date === command.date && payment.reversal.reason === reason) return [];
    refuse('PAYMENT_ALREADY_REVERSED', 'voucher', `凭证 ${command.voucher} 已于 ${payment.reversal.date} 冲销`);
  }
  const dated = dateProblem(command.date, 'date', ctx);
  if (dated) throw new ExecutionError([dated]);
  if (command.date < payment.date) refuse('REVERSAL_BEFORE_PAYMENT', 'date', `冲销日期 ${command.date} 早于原支出日期 ${payment.date}`);
  return [{ type: 'PaymentReversed', data: { voucher: payment.voucher, date: command.date, amount: payment.amount.toFixed(2), target: payment.target, reason } }];
};

const FIGURE = /^\d{1,12}(\.\d{1,4})?$/;

const recordIndicatorProgress = (command: RecordIndicatorProgress, ctx: ExecutionContext): ExecutionEvent[] => {
  requireOwnDepartment(command.actor, ctx);
  const budget = requireApproved(ctx);
  const problems: ExecutionFieldProblem[] = [];
  const project = budget.projects.find((p) => p.code === command.projectCode);
  if (!project) problems.push(problem('PAYMENT_TARGET_NOT_FOUND', 'projectCode', `批复预算中没有项目 ${command.projectCode}`));
  else if (!project.indicators.some((i) => i.name === command.indicator)) problems.push(problem('INDICATOR_NOT_FOUND', 'indicator', `项目 ${project.name} 没有绩效指标“${command.indicator}”`));
  if (!isIsoDate(command.date)) problems.push(problem('DATE_INVALID', 'date'));
  else {
    const dated = dateProblem(command.date, 'date', ctx);
    if (dated) problems.push(dated);
  }
  if (!FIGURE.test(command.actualToDate)) problems.push(problem('FIGURE_INVALID', 'actualToDate'));
  if (!FIGURE.test(command.forecast)) problems.push(problem('FIGURE_INVALID', 'forecast'));
  if (!(LIKELIHOODS as readonly string[]).includes(command.likelihood)) problems.push(problem('LIKELIHOOD_UNKNOWN', 'likelihood'));
  if (command.deviationCause !== undefined && !(DEVIATION_CAUSES as readonly string[]).includes(command.deviationCause)) {
    problems.push(problem('DEVIATION_CAUSE_UNKNOWN', 'deviationCause'));
  }
  if (command.deviationCause === undefined && command.likelihood !== '确定能' && (LIKELIHOODS as readonly string[]).includes(command.likelihood)) {
    problems.push(problem('DEVIATION_CAUSE_REQUIRED', 'deviationCause'));
  }
  if (problems.length > 0) throw new ExecutionError(problems);
  const note = command.deviationNote?.trim();
  const event: IndicatorProgressRecorded = {
    type: 'IndicatorProgressRecorded',
    data: {
      projectCode: command.projectCode,
      indicator: command.indicator,
      date: command.date,
      actualToDate: new Decimal(command.actualToDate).toString(),
      forecast: new Decimal(command.forecast).toString(),
      ...(command.deviationCause ? { deviationCause: command.deviationCause as DeviationCause } : {}),
      ...(note ? { deviationNote: note } : {}),
      likelihood: command.likelihood as Likelihood,
    },
  };
  return [event];
};

/** The decider of a department-year execution ledger: refuses with an `ExecutionError` or returns the events. */
export const decideExecution = (command: ExecutionCommand, ledger: ExecutionLedger, ctx: ExecutionContext): ExecutionEvent[] => {
  switch (command.type) {
    case 'RecordPayments':
      return recordPayments(command, ledger, ctx);
    case 'ReversePayment':
      return reversePayment(command, ledger, ctx);
    case 'RecordIndicatorProgress':
      return recordIndicatorProgress(command, ctx);
  }
};

/** 执行监控参数 — finance sets, per fiscal year, the over-spend control and the warning thresholds. */
export interface ChangeExecutionSettings {
  type: 'ChangeExecutionSettings';
  actor: Actor;
  overspendMode: string;
  yellowGapPoints: number;
  redGapPoints: number;
}

export const decideSettings = (command: ChangeExecutionSettings, current: ExecutionSettings): ExecutionSettingsChanged[] => {
  if (command.actor.role !== 'finance') refuse('SETTINGS_FORBIDDEN_ROLE');
  const problems: ExecutionFieldProblem[] = [];
  if (command.overspendMode !== 'block' && command.overspendMode !== 'warn') problems.push(problem('OVERSPEND_MODE_UNKNOWN', 'overspendMode'));
  const { yellowGapPoints: yellow, redGapPoints: red } = command;
  if (!(Number.isFinite(yellow) && Number.isFinite(red) && yellow > 0 && yellow < red && red <= 100)) {
    problems.push(problem('THRESHOLDS_INVALID', Number.isFinite(yellow) && yellow > 0 && yellow < 100 ? 'redGapPoints' : 'yellowGapPoints'));
  }
  if (problems.length > 0) throw new ExecutionError(problems);
  const next: ExecutionSettings = { overspendMode: command.overspendMode as OverspendMode, yellowGapPoints: yellow, redGapPoints: red };
  const unchanged = next.overspendMode === current.overspendMode && next.yellowGapPoints === current.yellowGapPoints && next.redGapPoints === current.redGapPoints;
  return unchanged ? [] : [{ type: 'ExecutionSettingsChanged', data: next }];
};

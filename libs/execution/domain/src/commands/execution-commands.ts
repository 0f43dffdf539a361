import type { Actor } from '@budgetflow/budget-domain';
import type { IsoDate } from '../fiscal-calendar';
import type { PaymentEntry } from '../payment-entry';
import type { ExecutionFieldProblem } from '../errors';

/** 登记支出 — one or many payments; all or nothing. `bulk` makes field paths `rows[i].…`. */
export interface RecordPayments {
  type: 'RecordPayments';
  actor: Actor;
  entries: readonly PaymentEntry[];
  bulk: boolean;
  /** In a bulk upload: the request row (0-based) of each entry, when rows that could not be read were left out. */
  rows?: readonly number[];
  /**
   * Problems of request rows that could not be read at all: refused together with what the decider finds in the
   * rows that could, so an upload's every wrong field comes back at once (nothing is recorded).
   */
  unreadable?: readonly ExecutionFieldProblem[];
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

/** 执行监控参数 — finance sets, per fiscal year, the over-spend control and the warning thresholds. */
export interface ChangeExecutionSettings {
  type: 'ChangeExecutionSettings';
  actor: Actor;
  overspendMode: string;
  yellowGapPoints: number;
  redGapPoints: number;
}


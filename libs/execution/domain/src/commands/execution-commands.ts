import type { Actor } from '@budgetflow/budget-domain';
import type { IsoDate } from '../fiscal-calendar';
import type { PaymentEntry } from '../payment-entry';

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

/** 执行监控参数 — finance sets, per fiscal year, the over-spend control and the warning thresholds. */
export interface ChangeExecutionSettings {
  type: 'ChangeExecutionSettings';
  actor: Actor;
  overspendMode: string;
  yellowGapPoints: number;
  redGapPoints: number;
}


import type { PaymentTarget } from '../approved-budget';
import type { IsoDate } from '../fiscal-calendar';

import type { DeviationCause, Likelihood } from '@budgetflow/contracts';

/**
 * 偏差原因 (why an indicator deviates from its target) and 完成可能性 (how likely the department thinks the year's
 * target is met): the lists the console's indicator form offers, so they live with the API's contracts.
 */
export { DEVIATION_CAUSES, LIKELIHOODS, type DeviationCause, type Likelihood } from '@budgetflow/contracts';

/** 支出执行 — one payment against a basic line or a project, identified by its voucher (凭证号). */
export interface PaymentRecorded {
  type: 'PaymentRecorded';
  data: {
    voucher: string;
    date: IsoDate;
    /** 元, two decimals. */
    amount: string;
    target: PaymentTarget;
    payee: string;
    note: string;
    /** The approved version the payment was checked against. */
    budgetVersion: number;
    /** Set when the payment went beyond what remained of the approved amount and the setting only warns. */
    overspend?: { remainingBefore: string };
  };
}

/** 冲销 — a reversing entry: the payment stays in the ledger and this entry takes its amount back. */
export interface PaymentReversed {
  type: 'PaymentReversed';
  data: {
    voucher: string;
    date: IsoDate;
    amount: string;
    target: PaymentTarget;
    reason: string;
  };
}

/** 绩效指标执行情况 — the department's report on one indicator of one project. */
export interface IndicatorProgressRecorded {
  type: 'IndicatorProgressRecorded';
  data: {
    projectCode: string;
    /** 三级指标 name, unique within the project. */
    indicator: string;
    date: IsoDate;
    /** 截至目前实际完成值, in the target's unit, as a decimal string. */
    actualToDate: string;
    /** 全年预计完成值. */
    forecast: string;
    deviationCause?: DeviationCause;
    deviationNote?: string;
    likelihood: Likelihood;
  };
}

export type ExecutionEvent = PaymentRecorded | PaymentReversed | IndicatorProgressRecorded;

/** 超支控制 — what happens to a payment beyond what remains of the approved amount (like ERPNext's Stop / Warn). */
export type OverspendMode = 'block' | 'warn';

/** Finance's monitoring settings for a fiscal year. Gap thresholds are in percentage points behind plan. */
export interface ExecutionSettings {
  overspendMode: OverspendMode;
  yellowGapPoints: number;
  redGapPoints: number;
}

export const DEFAULT_EXECUTION_SETTINGS: ExecutionSettings = { overspendMode: 'block', yellowGapPoints: 10, redGapPoints: 20 };

export interface ExecutionSettingsChanged {
  type: 'ExecutionSettingsChanged';
  data: ExecutionSettings;
}

export const executionStreamId = (department: string, fiscalYear: number): string => `execution-${department}-${fiscalYear}`;
export const executionSettingsStreamId = (fiscalYear: number): string => `settings-execution-${fiscalYear}`;

export const settingsFrom = (events: readonly ExecutionSettingsChanged[]): ExecutionSettings =>
  events.length > 0 ? events[events.length - 1].data : DEFAULT_EXECUTION_SETTINGS;

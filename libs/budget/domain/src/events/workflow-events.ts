import type { MoneyWire } from '../wire/money-wire';
import type { DomainEvent } from './event';
import type { DraftChangeEvent } from './draft-events';
import type { InYearChangeKind } from '../year-end/change-kinds';

/** 一上 — the department hands the draft to the finance bureau; totals as they were submitted. */
export type DraftSubmitted = DomainEvent<'DraftSubmitted', { totalIncome: MoneyWire; totalExpenditure: MoneyWire; round?: '一上' | '二上' }>;
/** 退回 — back to drafting, with the finance bureau's reason. */
export type DraftReturned = DomainEvent<'DraftReturned', { reason: string }>;
/** 批复 — the submitted draft becomes approved version `version`. */
/** In a year of four rounds the approval is 二下, with the approval document's number (文号) and date. */
export type DraftApproved = DomainEvent<'DraftApproved', { version: number; round?: '二下'; documentNumber?: string; documentDate?: string }>;
/** 公开 */
export type VersionPublished = DomainEvent<'VersionPublished', { version: number }>;

/** 预算调整申请: the change set as the draft events it applies to the current approved version. */
export type AdjustmentRequested = DomainEvent<
  'AdjustmentRequested',
  {
    adjustmentId: string;
    reason: string;
    basedOnVersion: number;
    changes: DraftChangeEvent[];
    /** 追加 / 调剂 / 调整; absent (older events): 调整. */
    kind?: InYearChangeKind;
    /** 文号 proposed with the request. */
    documentNumber?: string;
    /** The date the change is asked to take effect (YYYY-MM-DD); absent: the day of approval. */
    effectiveDate?: string;
  }
>;
/**
 * Finance approves: version `version`, in force from `effectiveDate` (absent in older events: the day of approval).
 * An effective date before the day of approval is a back-dated change, flagged as such on the version.
 */
export type AdjustmentApproved = DomainEvent<
  'AdjustmentApproved',
  { adjustmentId: string; version: number; effectiveDate?: string; documentNumber?: string; approvalReason?: string }
>;
export type AdjustmentRejected = DomainEvent<'AdjustmentRejected', { adjustmentId: string; reason: string }>;

/** 控制数 (一下) set by the finance bureau; an absent cap is no cap. */
export type ControlNumbersSet = DomainEvent<
  'ControlNumbersSet',
  { departmentCode: string; fiscalYear: number; total?: MoneyWire; basic?: MoneyWire; project?: MoneyWire; round?: '一下' }
>;

/** 审核环节 — one finance review step (业务股室, 预算股 …) passed on the submitted draft, with who and why. */
export type ReviewStepPassed = DomainEvent<'ReviewStepPassed', { step: string; note?: string }>;

export type WorkflowEvent =
  | ReviewStepPassed
  | DraftSubmitted
  | DraftReturned
  | DraftApproved
  | VersionPublished
  | AdjustmentRequested
  | AdjustmentApproved
  | AdjustmentRejected
  | ControlNumbersSet;

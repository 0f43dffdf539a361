import type { IncomeSource } from '../content/budget-content';
import type { Money } from '../money/money';
import type { BasicLineAddition, BasicLineRevision, Command, ProjectChanges, ProjectProposal } from './draft-commands';
import type { InYearChangeKind } from '../year-end/change-kinds';

/** 一上 */
export type SubmitDraft = Command<'SubmitDraft'>;

/** 退回 — a reason is required. */
export interface ReturnDraft extends Command<'ReturnDraft'> {
  reason: string;
}

/** 批复 (二下 in a year of four rounds: with the approval document's number and date, YYYY-MM-DD). */
export interface ApproveDraft extends Command<'ApproveDraft'> {
  documentNumber?: string;
  documentDate?: string;
}

/** 公开 — publishes the given approved version. */
export interface PublishVersion extends Command<'PublishVersion'> {
  version: number;
}

/** 调整事项 — what an adjustment changes in the approved version. Income amounts replace (0 removes). */
export interface AdjustmentChangeSet {
  income?: { source: IncomeSource; amount: Money }[];
  basicLines?: { added?: BasicLineAddition[]; changed?: BasicLineRevision[]; removed?: string[] };
  projects?: { added?: ProjectProposal[]; changed?: { code: string; changes: ProjectChanges }[]; removed?: string[] };
}

/** 预算调整申请 — after approval; a reason is required. */
export interface RequestAdjustment extends Command<'RequestAdjustment'> {
  adjustmentId: string;
  changeSet: AdjustmentChangeSet;
  reason: string;
  /** 追加 / 调剂 / 调整 (absent: 调整). */
  kind?: InYearChangeKind;
  /** 文号 */
  documentNumber?: string;
  /** YYYY-MM-DD within the fiscal year; absent: the day finance approves. */
  effectiveDate?: string;
}

/** Finance approves; it may set the 文号 and the effective date (an earlier one than today needs a reason). */
export interface ApproveAdjustment extends Command<'ApproveAdjustment'> {
  adjustmentId: string;
  documentNumber?: string;
  effectiveDate?: string;
  reason?: string;
}

/** 年终结账 — finance closes the year, deciding each project's carry-over (结转); every other unspent amount is returned. */
export interface CloseYear extends Command<'CloseYear'> {
  carryOver: { projectCode: string; amount: Money; reason?: string }[];
}

export interface RejectAdjustment extends Command<'RejectAdjustment'> {
  adjustmentId: string;
  reason: string;
}

/** 控制数 — finance sets the year's caps for a department; an omitted cap is no cap. */
export interface SetControlNumbers extends Command<'SetControlNumbers'> {
  departmentCode: string;
  fiscalYear: number;
  total?: Money;
  basic?: Money;
  project?: Money;
}

/** 审核 — finance passes one configured review step of a submitted draft (an optional note says why). */
export interface PassReviewStep extends Command<'PassReviewStep'> {
  step: string;
  note?: string;
}

export type WorkflowCommand =
  | PassReviewStep
  | SubmitDraft
  | ReturnDraft
  | ApproveDraft
  | PublishVersion
  | RequestAdjustment
  | ApproveAdjustment
  | RejectAdjustment
  | SetControlNumbers
  | CloseYear;

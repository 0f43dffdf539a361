import type { BudgetContent, DepartmentProfile } from './content/budget-content';
import type { Money } from './money/money';
import { Decimal } from './money/money';
import type { CarriedFrom } from './next-year/open-from-prior-year';
import type { BudgetYearClosed, DraftChangeEvent } from './events/budget-events';
import type { InYearChangeKind } from './year-end/change-kinds';

/** The in-year change (追加 / 调剂 / 调整) that made an approved version after the first. */
export interface VersionChange {
  adjustmentId: string;
  kind: InYearChangeKind;
  /** 文号 */
  documentNumber?: string;
  reason: string;
  /** The change took effect before the day finance approved it. */
  backDated: boolean;
  /** Finance's reason for the effective date it set at approval (back-dating). */
  approvalReason?: string;
}

/** Where a department-year budget is in its life. */
export type BudgetStatus = 'none' | 'drafting' | 'submitted' | 'approved' | 'published';

/** 控制数 — caps the finance bureau sets on a department's expenditure for the year (本年支出, 元). */
export interface ControlNumbers {
  /** Cap on basic + project expenditure. */
  total?: Money;
  /** Cap on 基本支出. */
  basic?: Money;
  /** Cap on 项目支出. */
  project?: Money;
}

export type RoundName = '一上' | '一下' | '二上' | '二下';

/** One round's figures: the content submitted (一上, 二上) or approved (二下), or the control numbers issued (一下). */
export interface RoundFigures {
  round: RoundName;
  by: string;
  at: string;
  content?: BudgetContent;
  controlNumbers?: ControlNumbers;
  documentNumber?: string;
  documentDate?: string;
}

export interface RoundsRecord {
  /** The last round reached (一上 also while the proposal is being written or was returned). */
  current: RoundName;
  figures: RoundFigures[];
}

/** 批复版本 — a frozen approved content; published versions never change. */
export interface ApprovedVersion {
  version: number;
  content: BudgetContent;
  approvedBy: string;
  approvedAt: string;
  /** For versions after the first: the adjustment that produced it. */
  adjustmentId?: string;
  reason?: string;
  /**
   * The first day (YYYY-MM-DD, Beijing time) this version is in force: 1 January for the original budget, the
   * change's effective date for later versions. On any date the version in force is the highest-numbered one
   * effective by then.
   */
  effectiveFrom: string;
  /** For versions after the first: the change that made it (kind, 文号, reason, back-dated or not). */
  change?: VersionChange;
  published: boolean;
  publishedBy?: string;
  publishedAt?: string;
}

/** 预算调整申请 awaiting the finance bureau: the draft edits it makes to the current approved version. */
export interface PendingAdjustment {
  adjustmentId: string;
  reason: string;
  kind: InYearChangeKind;
  documentNumber?: string;
  effectiveDate?: string;
  basedOnVersion: number;
  changes: DraftChangeEvent[];
  requestedBy: string;
  requestedAt: string;
}

/** State of one department-year budget stream (`budget-{dept}-{year}`). */
export interface Budget {
  status: BudgetStatus;
  departmentCode?: string;
  fiscalYear?: number;
  /** The working content: the draft while drafting, the latest approved version afterwards. */
  content?: BudgetContent;
  controlNumbers?: ControlNumbers;
  versions: ApprovedVersion[];
  pendingAdjustment?: PendingAdjustment;
  /** 年终结账: set once finance has closed the year (figures fixed, carry-over decided). */
  closed?: BudgetYearClosed['data'];
  /** Reason of the last 退回, shown on the draft until it is submitted again. */
  lastReturnReason?: string;
  /** Review steps passed on the current submission, in order (who, when, why); emptied by a submission or return. */
  reviewPassed?: { step: string; by: string; at: string; note?: string }[];
  /** In a year of four rounds: the round reached and each round's figures, readable as versions. */
  rounds?: RoundsRecord;
  /** Set when the draft was opened from last year's approved budget: what was carried and what to check. */
  carriedFrom?: CarriedFrom;
  /** Number of events applied. */
  streamVersion: number;
}

/**
 * What a folded budget weighs in a fold cache: one per state, per line and per project of its working content and
 * of each approved version that is not that same content (about 0.4 KB each; a budget of 200 lines and 20 projects
 * holds about 96 KB). Caches of budgets bound the total of it rather than the count, so a province of large budgets
 * does not keep as many as a county of small ones.
 */
export const budgetWeight = (state: Budget): number => {
  const size = (content: BudgetContent | undefined) => (content ? content.basicExpenditureLines.length + content.projects.length : 0);
  return 1 + size(state.content) + state.versions.reduce((total, version) => total + (version.content === state.content ? 0 : size(version.content)), 0);
};

export const initialBudget = (): Budget => ({ status: 'none', versions: [], streamVersion: 0 });

export const budgetStreamId = (departmentCode: string, fiscalYear: number): string => `budget-${departmentCode}-${fiscalYear}`;

export const emptyContent = (department: DepartmentProfile, fiscalYear: number): BudgetContent => ({
  department,
  fiscalYear,
  income: [],
  carryOver: { fromLastYear: new Decimal(0), toNextYear: new Decimal(0) },
  basicExpenditureLines: [],
  projects: [],
  procurement: [],
});

export const latestVersion = (state: Budget): ApprovedVersion | undefined => state.versions[state.versions.length - 1];

/**
 * The version in force on `date` (YYYY-MM-DD): the highest-numbered version effective by then; before the first
 * effective date, the first version (spending before approval is measured against the original budget).
 */
export const versionInForceOn = (versions: readonly ApprovedVersion[], date: string): ApprovedVersion | undefined => {
  const effective = versions.filter((v) => v.effectiveFrom <= date);
  return effective.length > 0 ? effective.reduce((a, b) => (b.version > a.version ? b : a)) : versions[0];
};

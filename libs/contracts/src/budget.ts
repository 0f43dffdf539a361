import type { BudgetContentWire, BudgetUnitWire, Yuan } from './budget-content';
import type { Role } from './roles';

/** Where a department's budget stands in the year's workflow (`none` before the draft is opened). */
export type BudgetStatus = 'none' | 'drafting' | 'submitted' | 'approved' | 'published';

/** `draft`, or the number of an approved version. */
export type VersionNumber = 'draft' | number;

/** An approved version (批复版本) and whether it is published (公开). */
export interface ApprovedVersionView {
  version: number;
  approvedBy: string;
  approvedAt: string;
  published: boolean;
  publishedAt?: string;
  /** For versions after the first: the adjustment that produced it, and its reason. */
  adjustmentId?: string;
  reason?: string;
  /** First day the version is in force (YYYY-MM-DD): 1 January for the original budget, the change's effective date after. */
  effectiveFrom?: string;
  /** The in-year change (追加 addition / 调剂 transfer / 调整 adjustment) that made the version, with its 文号. */
  change?: { adjustmentId: string; kind: 'addition' | 'transfer' | 'adjustment'; documentNumber?: string; reason: string; backDated: boolean; approvalReason?: string };
}

/** A cost indicator differing from its project's amount is the 勾稽 finding `COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT`, not a draft warning. */
export type DraftWarningCode = 'PROJECT_WITHOUT_INDICATORS' | 'THREE_PUBLIC_ABOVE_PRIOR_YEAR' | 'CARRY_OVER_MISMATCH';

/** A hint shown before 报送 (never blocks it); `field` is the path inside the content (`projects[2].indicators`). */
export interface DraftWarning {
  code: DraftWarningCode;
  message: string;
  projectCode?: string;
  field: string;
}

/** 控制数 finance sets: caps on the total, the basic and the project spending. */
export interface ControlNumbersView {
  total?: Yuan;
  basic?: Yuan;
  project?: Yuan;
}

/** A 预算调整 request waiting for finance. */
export interface PendingAdjustmentView {
  adjustmentId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  /** 追加 addition / 调剂 transfer / 调整 adjustment */
  kind?: 'addition' | 'transfer' | 'adjustment';
  documentNumber?: string;
  effectiveDate?: string;
}

/**
 * `GET /v1/budgets/{department}/{year}?version=…`: the chosen version's content. The workflow fields (status,
 * control numbers, return reason, pending adjustment, warnings) go only to insiders — the department itself,
 * finance, supervisors; the public sees published versions only.
 */
export interface BudgetView {
  department: string;
  fiscalYear: number;
  version: VersionNumber;
  published: boolean;
  status?: BudgetStatus;
  /** The stream version: the ETag for `If-Match`. */
  streamVersion?: number;
  controlNumbers?: ControlNumbersView;
  lastReturnReason?: string;
  pendingAdjustment?: PendingAdjustmentView;
  /** 年终结账, once finance closed the year. */
  closed?: { closedAt: string; closedBy: string; carryOver: Array<{ projectCode: string; amount: string; reason?: string }> };
  warnings?: DraftWarning[];
  versions: ApprovedVersionView[];
  content: BudgetContentWire;
  /** The chosen version's facts again at the top, in the field names of budget-facts/1 (the outside contract). */
  units: BudgetUnitWire[];
  income: BudgetContentWire['income'];
  carryOver: BudgetContentWire['carryOver'];
  basicExpenditureLines: BudgetContentWire['basicExpenditureLines'];
  projects: BudgetContentWire['projects'];
  priorYear?: BudgetContentWire['priorYear'];
  /** In a year of four rounds: the round reached (一上, 一下, 二上, 二下). */
  round?: string;
  /** Set on a draft opened from last year's approved budget (`{"fromYear": year - 1}`): what was carried and what to check. */
  carriedFrom?: CarriedFromView;
}

/** `GET …/rounds`: each round's figures (一上, 一下 control numbers, 二上, 二下 with its document) as readable versions. */
export interface BudgetRounds {
  department: string;
  fiscalYear: number;
  current?: string;
  rounds: {
    round: string;
    by: string;
    at: string;
    totals?: { income: Yuan; basic: Yuan; project: Yuan; total: Yuan };
    content?: BudgetContentWire;
    units?: BudgetUnitWire[];
    income?: BudgetContentWire['income'];
    carryOver?: BudgetContentWire['carryOver'];
    basicExpenditureLines?: BudgetContentWire['basicExpenditureLines'];
    projects?: BudgetContentWire['projects'];
    priorYear?: BudgetContentWire['priorYear'];
    controlNumbers?: ControlNumbersView;
    documentNumber?: string;
    documentDate?: string;
  }[];
}

/** Where a draft opened from last year came from: year N's approved version, the carried-over money, the clerk's warnings. */
export interface CarriedFromView {
  fiscalYear: number;
  version: number;
  carriedOver: { projectCode: string; amount: Yuan }[];
  /** Codes retired in or missing from the new year's catalog, amounts assumed, carried money not placed … */
  warnings: { code: string; message: string; field: string; lineId?: string; projectCode?: string }[];
}

/** One event of `GET …/history`: who (user, role, department), when, why, and the event's data as written. */
export interface HistoryEntry {
  version: number;
  type: string;
  at: string;
  userId: string;
  /** `system` for what the service did by itself (the reminder planner, an import of the demo). */
  role: Role | 'system';
  department?: string;
  reason?: string;
  correlationId: string;
  data: Record<string, unknown>;
}

export interface BudgetHistory {
  department: string;
  fiscalYear: number;
  events: HistoryEntry[];
}

/** One line of `GET …/diff?from=&to=`: amounts before and after in 元, `delta` = after − before. */
export interface ContentChangeView {
  section: 'income' | 'carryOver' | 'basicLine' | 'project';
  key: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before?: Yuan;
  after?: Yuan;
  delta: Yuan;
  changedFields?: string[];
}

export interface BudgetDiff {
  department: string;
  fiscalYear: number;
  /** `returned`: the draft as finance last returned it (`?from=returned`). */
  from: VersionNumber | 'returned';
  to: VersionNumber;
  changes: ContentChangeView[];
}

/**
 * `GET …/rounds/diff?from=一上&to=二上`: `basis` `content` when both rounds keep their content (line by line, as
 * `…/diff`); `totals` when one keeps only totals (一下's control numbers) — then `note` says so and the changes are
 * of 支出合计, 基本支出, 项目支出 (`section: 'totals'`).
 */
export interface BudgetRoundsDiff {
  department: string;
  fiscalYear: number;
  from: string;
  to: string;
  basis: 'content' | 'totals';
  note?: string;
  changes: (Omit<ContentChangeView, 'section'> & { section: ContentChangeView['section'] | 'totals' })[];
}

/** One 勾稽 finding of `GET …/consistency`: `ref` points at the table cell or the sentence. */
export interface ConsistencyFindingView {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  ref: string;
}

export interface ConsistencyAnswer {
  department: string;
  fiscalYear: number;
  version: VersionNumber;
  findings: ConsistencyFindingView[];
}

/** One of the nine 公开表 (`T1` … `T9`), rows already formatted in 万元. */
export interface DisclosureTableView {
  id: string;
  title: string;
  rows: string[][];
}

/** `GET …/tables?version=…` */
export interface DisclosureTablesAnswer {
  department: string;
  fiscalYear: number;
  version: VersionNumber;
  unit: string;
  tables: DisclosureTableView[];
}

export interface NarrativeSectionView {
  heading: string;
  paragraphs: string[];
}

/** A 项目绩效目标表: rows as printed. */
export interface PerformanceGoalTableView {
  projectCode: string;
  title: string;
  rows: string[][];
}

/** 三、机关运行经费安排情况 (万元); `applies` is false for 事业 units, which do not report it. */
export interface RunningCostsView {
  heading: string;
  applies: boolean;
  amount: string;
  use?: string;
}

/** A section printed as a small table (政府采购, 国有资产占用): header rows, then body rows (cells as printed, blank = ""). */
export interface SectionTableView {
  heading: string;
  title: string;
  /** The line above the header: department and 单位 or 截止时间. */
  caption: string[];
  header: string[][];
  rows: string[][];
  notes: string[];
}

/** `GET …/disclosure?version=…`: the 情况说明, the goal tables and the department sections of the published text. */
export interface DisclosureAnswer {
  department: string;
  fiscalYear: number;
  version: VersionNumber;
  narrative: { sections: NarrativeSectionView[]; text: string };
  performanceGoals: PerformanceGoalTableView[];
  runningCosts: RunningCostsView;
  procurement: SectionTableView;
  fixedAssets: SectionTableView | null;
  /** The whole document after the tables (情况说明: 一、部门职责及机构设置情况 … 十一、名词解释), as printed. */
  chapters?: DisclosureChapterView[];
}

export interface DisclosureChapterView {
  heading: string;
  paragraphs: string[];
  tables: SectionTableView[];
}

/** One department of `GET /v1/budgets?year=` (全县汇总); amounts in 元. */
export interface CountyRow {
  department: string;
  name: string;
  status: BudgetStatus;
  streamVersion: number;
  approvedVersions: number;
  publishedVersions: number;
  income: Yuan;
  basic: Yuan;
  project: Yuan;
}

export interface CountyOverview {
  fiscalYear: number;
  unit: '元';
  departments: CountyRow[];
}

export interface CatalogEntry {
  code: string;
  name: string;
}

/** `GET /v1/catalogs/{year}`: the year's functional (支出功能分类) and economic (经济分类) codes. */
export interface CatalogView {
  fiscalYear: number;
  functional: CatalogEntry[];
  economic: CatalogEntry[];
}

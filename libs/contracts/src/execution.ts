import type { SpendingPlanCheckpointWire, Yuan } from './budget-content';

/**
 * Execution against the approved budget: payments (支出登记), the ledger, indicator progress and the 双监控
 * dashboards (`/v1/execution/{d}/{y}/…`, `/v1/monitoring/{y}/…`). Amounts 元, percents two-decimal strings,
 * dates `YYYY-MM-DD` (Asia/Shanghai).
 */
export type IsoDate = string;

/** 偏差原因 a department gives with an indicator report. */
export const DEVIATION_CAUSES = ['经费', '制度', '人员', '硬件', '其他'] as const;
export type DeviationCause = (typeof DEVIATION_CAUSES)[number];

/** 完成可能性 */
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

/** 预警等级 — none, yellow (> yellow threshold points behind plan), red (> red threshold). */
export type WarningLevel = 'none' | 'yellow' | 'red';

/** 指标完成状态 (see `indicatorStatus` in the execution domain for when each holds). */
export type IndicatorStatus = 'met' | 'on-track' | 'at-risk' | 'missed' | 'not-reported';

/** The monitoring figures of a project, a department, a county. */
export interface Progress {
  /** 批复预算数 */
  approved: Yuan;
  /** 计划支出数 at the as-of date. */
  planned: Yuan;
  /** 实际支出数 (net of reversals). */
  executed: Yuan;
  /** 执行率 */
  executedPercent: string;
  /** 计划进度 */
  plannedPercent: string;
  /** 序时进度 */
  timeElapsedPercent: string;
  /** 计划进度 − 执行率, points. */
  gapPoints: string;
  warning: WarningLevel;
}

/** A 绩效指标 with its latest report (if any) as of the date. */
export interface MonitoredIndicator {
  level1: string;
  level2: string;
  name: string;
  /** The target as printed (`≥95 %`). */
  target: string;
  comparator: '≥' | '≤' | '＝';
  targetValue: string;
  unit: string;
  status: IndicatorStatus;
  reportedOn?: IsoDate;
  actualToDate?: string;
  forecast?: string;
  deviationCause?: DeviationCause;
  deviationNote?: string;
  likelihood?: Likelihood;
}

export interface MonitoredProject extends Progress {
  code: string;
  name: string;
  spendingPlan: SpendingPlanCheckpointWire[];
  indicators: MonitoredIndicator[];
}

/** The approved version in force on a date, and why (absent `change`: the original budget). */
export interface VersionInForce {
  version: number;
  approvedAt: string;
  /** First day the version is in force (YYYY-MM-DD). */
  effectiveFrom: string;
  change?: {
    adjustmentId: string;
    /** addition 追加 / transfer 调剂 / adjustment 调整 */
    kind: 'addition' | 'transfer' | 'adjustment';
    kindName: string;
    /** 文号 */
    documentNumber?: string;
    reason: string;
    /** In force from a date before its approval (补记). */
    backDated: boolean;
  };
}

/** `GET /v1/execution/{d}/{y}/monitoring`: 部门双监控. */
export interface DepartmentMonitoring extends Progress {
  department: string;
  departmentName: string;
  fiscalYear: number;
  asOf: IsoDate;
  /** The approved version measured against (the one in force on the as-of date). */
  budgetVersion: number;
  /** Which version was in force on the as-of date and why: its effective date and the change that made it. */
  versionInForce?: VersionInForce;
  /** 基本支出: planned along 序时进度, the basic budget has no spending plan of its own. */
  basic: Progress;
  projects: MonitoredProject[];
}

/** A department on the county dashboard: its figures and how many projects lag, without the projects. */
export interface CountyDepartmentMonitoring extends Omit<DepartmentMonitoring, 'projects'> {
  projectsBehind: { yellow: number; red: number };
}

/** `GET /v1/monitoring/{y}`: 全县, furthest behind plan first. */
export interface CountyMonitoring extends Progress {
  fiscalYear: number;
  asOf: IsoDate;
  departments: CountyDepartmentMonitoring[];
}

/** 预警 — a project or basic budget behind plan, or an indicator at risk or missed. */
export interface MonitoringWarning {
  level: Exclude<WarningLevel, 'none'>;
  kind: 'execution' | 'indicator';
  department: string;
  departmentName: string;
  /** Absent for the basic budget. */
  projectCode?: string;
  projectName?: string;
  indicator?: string;
  gapPoints?: string;
  indicatorStatus?: 'at-risk' | 'missed';
  message: string;
}

/** `GET /v1/monitoring/{y}/warnings` */
export interface MonitoringWarnings {
  fiscalYear: number;
  asOf: IsoDate;
  warnings: MonitoringWarning[];
}

/** One row of the 支出台账: a payment, or the reversing entry of one (冲销, with its reason). */
export interface LedgerEntry {
  voucher: string;
  entry: 'payment' | 'reversal';
  date: IsoDate;
  amount: Yuan;
  basicLineId?: string;
  projectCode?: string;
  payee?: string;
  note?: string;
  /** The reversal's reason (null when the store holds none). */
  reason?: string | null;
  overspend?: boolean;
}

/** `GET /v1/execution/{d}/{y}/payments` */
export interface Ledger {
  department: string;
  fiscalYear: number;
  asOf: IsoDate;
  unit: '元';
  entries: LedgerEntry[];
}

/** `GET /v1/execution/{d}/{y}/monitoring/projects/{code}`: one project's monitoring and its ledger rows. */
export interface ProjectMonitoringDetail extends MonitoredProject {
  department: string;
  departmentName: string;
  fiscalYear: number;
  asOf: IsoDate;
  budgetVersion: number;
  /** Every field on every row: payee and note of a payment, the reason of a reversal (null for a payment). */
  entries: Array<Required<Pick<LedgerEntry, 'voucher' | 'entry' | 'date' | 'amount' | 'payee' | 'note' | 'reason'>>>;
}

/** What an execution command answers besides its own fields: where the stream stands now. */
export interface ExecutionCommandAnswer {
  streamId: string;
  version: number;
  position?: string;
}

/** A payment as recorded: the target is a basic line or a project. */
export interface PaymentView {
  voucher: string;
  date: IsoDate;
  amount: Yuan;
  basicLineId?: string;
  projectCode?: string;
  payee: string;
  note: string;
  budgetVersion: number;
  /** Recorded although it spent more than was left (finance set overspending to warn, not refuse). */
  overspend?: { remainingBefore: Yuan };
  reversal?: { date: IsoDate; reason: string };
}

/** A payment beyond what is left, recorded with a warning; `row` is its index in a bulk request. */
export interface PaymentWarning {
  /** The payment's index in the request (0-based). */
  row: number;
  /** For a CSV upload: the line of the file (header line 1). */
  line?: number;
  voucher: string;
  code: string;
  message: string;
}

/** `POST …/payments`: 201 with the new payment, or 200 with the one already recorded under that voucher. */
export interface PaymentRecordedAnswer extends ExecutionCommandAnswer {
  recorded: boolean;
  payment: PaymentView;
  warnings: PaymentWarning[];
}

/** `POST …/payments/bulk` (JSON array or CSV): all or nothing, idempotent per voucher. */
export interface BulkPaymentsAnswer extends ExecutionCommandAnswer {
  received: number;
  recorded: number;
  unchanged: number;
  warnings: PaymentWarning[];
}

/** `POST …/payments/{voucher}/reverse` */
export interface PaymentReversedAnswer extends ExecutionCommandAnswer {
  reversed: boolean;
  voucher: string;
}

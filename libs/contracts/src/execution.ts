import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { SpendingPlanCheckpointWire } from './budget-content';
import { Text, YuanSchema } from './schema';

/**
 * Execution against the approved budget: payments (支出登记), the ledger, indicator progress and the 双监控
 * dashboards (`/v1/execution/{d}/{y}/…`, `/v1/monitoring/{y}/…`). Amounts 元, percents two-decimal strings,
 * dates `YYYY-MM-DD` (Asia/Shanghai).
 */
export type IsoDate = string;
const IsoDateSchema = (description = '日期 YYYY-MM-DD') => Type.String({ description, examples: ['2024-06-30'] });
const Percent = (description: string) => Type.String({ description, examples: ['48.50'] });

/** 偏差原因 a department gives with an indicator report. */
export const DEVIATION_CAUSES = ['经费', '制度', '人员', '硬件', '其他'] as const;
export type DeviationCause = (typeof DEVIATION_CAUSES)[number];

/** 完成可能性 */
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

/** 预警等级 — none, yellow (> yellow threshold points behind plan), red (> red threshold). */
export const WarningLevel = Type.Union([Type.Literal('none'), Type.Literal('yellow'), Type.Literal('red')], { description: '预警：none、yellow 黄、red 红' });
export type WarningLevel = Static<typeof WarningLevel>;

/** 指标完成状态 (see `indicatorStatus` in the execution domain for when each holds). */
export const IndicatorStatus = Type.Union([Type.Literal('met'), Type.Literal('on-track'), Type.Literal('at-risk'), Type.Literal('missed'), Type.Literal('not-reported')]);
export type IndicatorStatus = Static<typeof IndicatorStatus>;

/** The monitoring figures of a project, a department, a county. */
const progressFields = {
  approved: YuanSchema({ description: '批复预算数（元）' }),
  planned: YuanSchema({ description: '截至日期的计划支出数（元）' }),
  executed: YuanSchema({ description: '实际支出数（元，扣除冲销）' }),
  executedPercent: Percent('执行率 %'),
  plannedPercent: Percent('计划进度 %'),
  timeElapsedPercent: Percent('序时进度 %'),
  gapPoints: Type.String({ description: '计划进度 − 执行率（百分点）' }),
  warning: WarningLevel,
};
export const Progress = Type.Object(progressFields);
export type Progress = Static<typeof Progress>;

/** A 绩效指标 with its latest report (if any) as of the date. */
export const MonitoredIndicator = Type.Object({
  level1: Type.String(),
  level2: Type.String(),
  name: Type.String(),
  /** The target as printed (`≥95 %`). */
  target: Type.String(),
  comparator: Type.Union([Type.Literal('≥'), Type.Literal('≤'), Type.Literal('＝')]),
  targetValue: Type.String(),
  unit: Type.String(),
  status: IndicatorStatus,
  reportedOn: Type.Optional(IsoDateSchema()),
  actualToDate: Type.Optional(Type.String()),
  forecast: Type.Optional(Type.String()),
  deviationCause: Type.Optional(Type.Unsafe<DeviationCause>(Type.String({ enum: [...DEVIATION_CAUSES] }))),
  deviationNote: Type.Optional(Type.String()),
  likelihood: Type.Optional(Type.Unsafe<Likelihood>(Type.String({ enum: [...LIKELIHOODS] }))),
});
export type MonitoredIndicator = Static<typeof MonitoredIndicator>;

const monitoredProjectFields = { ...progressFields, code: Type.String(), name: Type.String(), spendingPlan: Type.Array(SpendingPlanCheckpointWire), indicators: Type.Array(MonitoredIndicator) };
export const MonitoredProject = Type.Object(monitoredProjectFields);
export type MonitoredProject = Static<typeof MonitoredProject>;

/** The approved version in force on a date, and why (absent `change`: the original budget). */
export const VersionInForce = Type.Object({
  version: Type.Integer(),
  approvedAt: Type.String(),
  /** First day the version is in force (YYYY-MM-DD). */
  effectiveFrom: IsoDateSchema('生效日期'),
  change: Type.Optional(
    Type.Object({
      adjustmentId: Type.String(),
      /** addition 追加 / transfer 调剂 / adjustment 调整 */
      kind: Type.Union([Type.Literal('addition'), Type.Literal('transfer'), Type.Literal('adjustment')]),
      kindName: Type.String(),
      /** 文号 */
      documentNumber: Type.Optional(Type.String({ description: '文号' })),
      reason: Type.String(),
      /** In force from a date before its approval (补记). */
      backDated: Type.Boolean(),
    }),
  ),
});
export type VersionInForce = Static<typeof VersionInForce>;

const departmentHead = {
  department: Type.String(),
  departmentName: Type.String(),
  fiscalYear: Type.Integer(),
  asOf: IsoDateSchema('截至日期'),
  /** The approved version measured against (the one in force on the as-of date). */
  budgetVersion: Type.Integer({ description: '所依据的批复版本（截至日期时有效的版本）' }),
};
/** `GET /v1/execution/{d}/{y}/monitoring`: 部门双监控. */
export const DepartmentMonitoring = Type.Object(
  {
    ...progressFields,
    ...departmentHead,
    /** Which version was in force on the as-of date and why: its effective date and the change that made it. */
    versionInForce: Type.Optional(VersionInForce),
    /** 基本支出: planned along 序时进度, the basic budget has no spending plan of its own. */
    basic: Progress,
    projects: Type.Array(MonitoredProject),
  },
  { title: 'DepartmentMonitoring', description: '部门双监控：各项目执行率、计划进度、序时进度、偏差、预警与指标状态' },
);
export type DepartmentMonitoring = Static<typeof DepartmentMonitoring>;

/** A department on the county dashboard: its figures and how many projects lag, without the projects. */
export const CountyDepartmentMonitoring = Type.Object({ ...progressFields, ...departmentHead, basic: Progress, projectsBehind: Type.Object({ yellow: Type.Integer(), red: Type.Integer() }) });
export type CountyDepartmentMonitoring = Static<typeof CountyDepartmentMonitoring>;

/** `GET /v1/monitoring/{y}`: 全县, furthest behind plan first. */
export const CountyMonitoring = Type.Object(
  { ...progressFields, fiscalYear: Type.Integer(), asOf: IsoDateSchema('截至日期'), departments: Type.Array(CountyDepartmentMonitoring) },
  { title: 'CountyMonitoring', description: '全县执行监控：各部门按偏差从大到小' },
);
export type CountyMonitoring = Static<typeof CountyMonitoring>;

/** 预警 — a project or basic budget behind plan, or an indicator at risk or missed. */
export const MonitoringWarning = Type.Object({
  level: Type.Union([Type.Literal('yellow'), Type.Literal('red')]),
  kind: Type.Union([Type.Literal('execution'), Type.Literal('indicator')]),
  department: Type.String(),
  departmentName: Type.String(),
  /** Absent for the basic budget. */
  projectCode: Type.Optional(Type.String()),
  projectName: Type.Optional(Type.String()),
  indicator: Type.Optional(Type.String()),
  gapPoints: Type.Optional(Type.String()),
  indicatorStatus: Type.Optional(Type.Union([Type.Literal('at-risk'), Type.Literal('missed')])),
  message: Type.String(),
});
export type MonitoringWarning = Static<typeof MonitoringWarning>;

/** `GET /v1/monitoring/{y}/warnings` */
export const MonitoringWarnings = Type.Object(
  { fiscalYear: Type.Integer(), asOf: IsoDateSchema('截至日期'), warnings: Type.Array(MonitoringWarning) },
  { title: 'MonitoringWarnings', description: '预警清单：执行偏差（黄/红）与有风险、未完成的绩效指标' },
);
export type MonitoringWarnings = Static<typeof MonitoringWarnings>;

const EntryKind = Type.Union([Type.Literal('payment'), Type.Literal('reversal')], { description: 'payment 支出、reversal 冲销' });
/** One row of the 支出台账: a payment, or the reversing entry of one (冲销, with its reason). */
export const LedgerEntry = Type.Object({
  voucher: Type.String(),
  entry: EntryKind,
  date: IsoDateSchema(),
  amount: YuanSchema(),
  basicLineId: Type.Optional(Type.String()),
  projectCode: Type.Optional(Type.String()),
  payee: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  /** The reversal's reason (null when the store holds none). */
  reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  overspend: Type.Optional(Type.Boolean()),
});
export type LedgerEntry = Static<typeof LedgerEntry>;

/** `GET /v1/execution/{d}/{y}/payments` */
export const Ledger = Type.Object(
  { department: Type.String(), fiscalYear: Type.Integer(), asOf: IsoDateSchema('截至日期'), unit: Type.Literal('元'), entries: Type.Array(LedgerEntry) },
  { title: 'Ledger', description: '支出台账（含冲销分录）' },
);
export type Ledger = Static<typeof Ledger>;

const nullableText = Type.Union([Type.String(), Type.Null()]);
/** `GET /v1/execution/{d}/{y}/monitoring/projects/{code}`: one project's monitoring and its ledger rows. */
export const ProjectMonitoringDetail = Type.Object(
  {
    ...monitoredProjectFields,
    ...departmentHead,
    /** Every field on every row: payee and note of a payment, the reason of a reversal (null for a payment). */
    entries: Type.Array(Type.Object({ voucher: Type.String(), entry: EntryKind, date: IsoDateSchema(), amount: YuanSchema(), payee: nullableText, note: nullableText, reason: nullableText })),
  },
  { title: 'ProjectMonitoringDetail', description: '项目执行监控：指标状态与支出台账' },
);
export type ProjectMonitoringDetail = MonitoredProject &
  Static<TObject<typeof departmentHead>> & { entries: Array<Required<Pick<LedgerEntry, 'voucher' | 'entry' | 'date' | 'amount' | 'payee' | 'note' | 'reason'>>> };

/** What an execution command answers besides its own fields: where the stream stands now. */
const executionAnswerFields = {
  streamId: Type.String({ description: '事件流编号', examples: ['execution-501-2024'] }),
  version: Type.Integer({ description: '事件流版本（ETag）' }),
  position: Type.Optional(Type.String({ description: '最后写入事件的全局位置（供 ?after=）' })),
};
export const ExecutionCommandAnswer = Type.Object(executionAnswerFields);
export type ExecutionCommandAnswer = Static<typeof ExecutionCommandAnswer>;

/** A payment as recorded: the target is a basic line or a project. */
export const PaymentView = Type.Object({
  voucher: Type.String(),
  date: IsoDateSchema(),
  amount: YuanSchema(),
  basicLineId: Type.Optional(Type.String()),
  projectCode: Type.Optional(Type.String()),
  payee: Type.String(),
  note: Type.String(),
  budgetVersion: Type.Integer(),
  /** Recorded although it spent more than was left (finance set overspending to warn, not refuse). */
  overspend: Type.Optional(Type.Object({ remainingBefore: YuanSchema() })),
  reversal: Type.Optional(Type.Object({ date: IsoDateSchema(), reason: Type.String() })),
});
export type PaymentView = Static<typeof PaymentView>;

/** A payment beyond what is left, recorded with a warning; `row` is its index in a bulk request. */
export const PaymentWarning = Type.Object({
  /** The payment's index in the request (0-based). */
  row: Type.Integer(),
  /** For a CSV upload: the line of the file (header line 1). */
  line: Type.Optional(Type.Integer({ description: 'CSV 文件的行号（表头为第 1 行）' })),
  voucher: Type.String(),
  code: Type.String({ examples: ['PAYMENT_EXCEEDS_REMAINING'] }),
  message: Type.String(),
});
export type PaymentWarning = Static<typeof PaymentWarning>;

const answer = (title: string, description: string, fields: TProperties) => Type.Object({ ...fields, ...executionAnswerFields }, { title, description });

/** `POST …/payments`: 201 with the new payment, or 200 with the one already recorded under that voucher. */
export const PaymentRecordedAnswer = answer('PaymentRecordedAnswer', '201：新登记的支出；200：同凭证同内容，原记录', {
  recorded: Type.Boolean(),
  payment: PaymentView,
  warnings: Type.Array(PaymentWarning),
});
export type PaymentRecordedAnswer = ExecutionCommandAnswer & { recorded: boolean; payment: PaymentView; warnings: PaymentWarning[] };

/** `POST …/payments/bulk` (JSON array or CSV): all or nothing, idempotent per voucher. */
export const BulkPaymentsAnswer = answer('BulkPaymentsAnswer', '批量登记：收到、登记、未变（同凭证同内容）的笔数', {
  received: Type.Integer(),
  recorded: Type.Integer(),
  unchanged: Type.Integer(),
  warnings: Type.Array(PaymentWarning),
});
export type BulkPaymentsAnswer = ExecutionCommandAnswer & { received: number; recorded: number; unchanged: number; warnings: PaymentWarning[] };

/** `POST …/payments/{voucher}/reverse` */
export const PaymentReversedAnswer = answer('PaymentReversedAnswer', '201：已冲销；200：此前已冲销，未再写入', { reversed: Type.Boolean(), voucher: Type.String() });
export type PaymentReversedAnswer = ExecutionCommandAnswer & { reversed: boolean; voucher: string };

/** `POST …/indicator-progress` */
export const IndicatorProgressRecorded = answer('IndicatorProgressRecorded', '已登记指标进度', { recorded: Type.Literal(true) });

// — request bodies: the payment reader of the execution domain speaks its own codes; `x-code` makes the schema check answer them too —

const PAYMENT_FIELDS_SCHEMA = {
  voucher: Type.String({ pattern: '^\\s*[0-9A-Za-z][0-9A-Za-z._/-]{0,63}\\s*$', 'x-code': 'VOUCHER_INVALID', description: '凭证号（字母数字开头，. _ / - ，至多 64 位）；同凭证同内容重复提交不重复登记', examples: ['2024-0612'] }),
  date: Type.String({ 'x-code': 'DATE_INVALID', description: '支出日期 YYYY-MM-DD，须在本预算年度内', examples: ['2024-06-12'] }),
  amount: Type.String({ 'x-code': 'AMOUNT_INVALID', description: '金额（元），十进制字符串，至多两位小数，须大于 0；不接受 JSON 数字', examples: ['1200.50'] }),
  basicLineId: Type.Optional(Type.String({ maxLength: 64, 'x-code': 'PAYMENT_TARGET_AMBIGUOUS', description: '支出的基本支出明细（与 projectCode 二选一）' })),
  projectCode: Type.Optional(Type.String({ maxLength: 64, 'x-code': 'PAYMENT_TARGET_AMBIGUOUS', description: '支出的项目编码（与 basicLineId 二选一）' })),
  payee: Type.String({ maxLength: 200, 'x-code': 'FIELD_REQUIRED', description: '收款人（必填，至多 200 字）' }),
  note: Type.Optional(Type.String({ maxLength: 500, 'x-code': 'FIELD_TYPE_INVALID', description: '摘要（至多 500 字）' })),
};
/** `POST …/payments` */
export const PaymentRequest = Type.Object(PAYMENT_FIELDS_SCHEMA, {
  title: 'PaymentRequest',
  description: '一笔支出：对批复的基本支出明细或项目',
  additionalProperties: false,
  examples: [{ voucher: '2024-0612', date: '2024-06-12', amount: '1200.50', projectCode: '13043324P00007510001B', payee: '某律师事务所', note: '6月陪访' }],
});
export type PaymentRequest = Static<typeof PaymentRequest>;

/** `POST …/payments/bulk`: a JSON array of payments (or CSV with the same header), read row by row by the payment reader. */
export const BulkPaymentsRequest = Type.Array(Type.Unknown(), {
  title: 'BulkPaymentsRequest',
  description:
    'JSON 数组，每项同 PaymentRequest；或 text/csv，表头 voucher,date,amount,basicLineId,projectCode,payee,note。逐行由支出读取器检查（错误字段为 rows[i].field），全部成功或全部不登记',
  examples: [[{ voucher: '2024-0612', date: '2024-06-12', amount: '1200.50', projectCode: '13043324P00007510001B', payee: '某律师事务所' }]],
});

/** `POST …/payments/{voucher}/reverse` */
export const ReversePaymentRequest = Type.Object(
  { reason: Text(500, { minLength: 1, description: '冲销理由（必填）' }), date: Text(10, { minLength: 1, description: '冲销日期 YYYY-MM-DD' }) },
  { title: 'ReversePaymentRequest', description: '冲销一笔支出', additionalProperties: false, examples: [{ reason: '错付', date: '2024-06-13' }] },
);

const figure = (description: string) => Type.String({ 'x-code': 'AMOUNT_NOT_STRING', description, examples: ['95.5'] });
/** `POST …/indicator-progress` */
export const IndicatorProgressRequest = Type.Object(
  {
    projectCode: Text(64, { description: '项目编码' }),
    indicator: Text(200, { description: '三级指标名称' }),
    date: Text(10, { description: '填报日期 YYYY-MM-DD' }),
    actualToDate: figure('截至日期的实际值（指标单位下的十进制字符串）'),
    forecast: figure('全年预计值（十进制字符串）'),
    deviationCause: Type.Optional(Text(10, { description: `偏差原因：${DEVIATION_CAUSES.join('、')}` })),
    deviationNote: Type.Optional(Text(1000, { description: '偏差说明' })),
    likelihood: Text(10, { description: `完成可能性：${LIKELIHOODS.join('、')}` }),
  },
  {
    title: 'IndicatorProgressRequest',
    description: '登记一项绩效指标的进度',
    additionalProperties: false,
    examples: [{ projectCode: '13043324P00007510001B', indicator: '陪访次数', date: '2024-06-30', actualToDate: '26', forecast: '52', likelihood: '确定能' }],
  },
);

/** `GET`/`PUT /v1/execution-settings/{year}` */
export const ExecutionSettingsRequest = Type.Object(
  {
    overspendMode: Text(10, { description: 'block 超支拒绝 | warn 超支提醒（其他值：OVERSPEND_MODE_UNKNOWN）', examples: ['block'] }),
    yellowGapPoints: Type.Number({ description: '黄色预警阈值（落后计划的百分点）', examples: [10] }),
    redGapPoints: Type.Number({ description: '红色预警阈值（须大于黄色）', examples: [20] }),
  },
  { title: 'ExecutionSettingsRequest', description: '执行监控参数（财政）', additionalProperties: false, examples: [{ overspendMode: 'block', yellowGapPoints: 10, redGapPoints: 20 }] },
);
export const ExecutionSettingsView = Type.Object(
  {
    fiscalYear: Type.Integer(),
    overspendMode: Type.Union([Type.Literal('block'), Type.Literal('warn')]),
    yellowGapPoints: Type.Number(),
    redGapPoints: Type.Number(),
    version: Type.Integer({ description: '设置事件流版本（ETag）' }),
    changed: Type.Optional(Type.Boolean({ description: '（设置的答复）是否有改变' })),
  },
  { title: 'ExecutionSettingsView', description: '本年度执行监控参数', additionalProperties: true },
);

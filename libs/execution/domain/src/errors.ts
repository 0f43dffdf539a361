import { problemCodes } from '@budgetflow/contracts';

/**
 * The one table of execution error codes (支出执行 and 绩效运行监控), by HTTP status: each code has a Chinese
 * message (its `title`). Callers branch on `code`, never on `message`.
 */
export const EXECUTION_ERRORS = problemCodes({
  // 403 — who may do what
  403: {
    EXECUTION_FORBIDDEN_ROLE: '只有预算单位可以登记本部门的支出执行和指标进度',
    EXECUTION_OTHER_DEPARTMENT: '只能登记或查看本部门的执行情况',
    SETTINGS_FORBIDDEN_ROLE: '只有财政部门可以设置执行监控参数',
  },
  // 404 — the thing addressed does not exist
  404: {
    PAYMENT_NOT_FOUND: '支出凭证不存在',
    PAYMENT_TARGET_NOT_FOUND: '批复预算中没有该基本支出明细或项目',
    INDICATOR_NOT_FOUND: '该项目没有此绩效指标',
  },
  // 409 — does not fit what has been recorded
  409: {
    BUDGET_NOT_APPROVED_FOR_EXECUTION: '预算尚未批复，不能登记执行',
    VOUCHER_CONFLICT: '该凭证号已登记了内容不同的支出',
    PAYMENT_ALREADY_REVERSED: '该支出已冲销',
    YEAR_CLOSED: '该预算年度已年终结账，不能再登记或更正支出',
  },
  // 400 — malformed input
  400: {
    FIELD_REQUIRED: '必填项缺失',
    FIELD_NOT_ALLOWED: '不允许提交该字段',
    FIELD_TYPE_INVALID: '字段类型错误',
    DATE_INVALID: '日期应为 YYYY-MM-DD 格式的有效日期',
    AMOUNT_INVALID: '金额不是有效的十进制数',
    AMOUNT_TOO_PRECISE: '金额最多保留两位小数（元）',
    VOUCHER_INVALID: '凭证号应为1–64位字母、数字或 - _ / . 字符',
    PAYMENT_TARGET_AMBIGUOUS: '每笔支出应且只应指定一个基本支出明细（basicLineId）或项目（projectCode）',
    FIGURE_INVALID: '指标数值应为非负十进制数',
    DEVIATION_CAUSE_UNKNOWN: '偏差原因应为经费、制度、人员、硬件或其他',
    LIKELIHOOD_UNKNOWN: '完成可能性应为确定能、有可能或完全不可能',
    OVERSPEND_MODE_UNKNOWN: '超支控制方式应为 block（禁止）或 warn（提醒）',
    BULK_EMPTY: '批量登记至少包含一笔支出',
    CSV_INVALID: 'CSV 无法解析或表头不符',
    REASON_REQUIRED: '必须填写冲销理由',
  },
  // 413 — too much at once
  413: {
    BULK_TOO_LARGE: '单次批量登记的支出过多',
  },
  // 422 — well-formed but breaks an execution rule
  422: {
    AMOUNT_NOT_POSITIVE: '支出金额必须大于零',
    AMOUNT_TOO_LARGE: '金额超出上限',
    PAYMENT_DATE_OUTSIDE_FISCAL_YEAR: '支出日期不在本预算年度内',
    PAYMENT_DATE_IN_FUTURE: '支出日期不能晚于今天',
    REVERSAL_BEFORE_PAYMENT: '冲销日期不能早于原支出日期',
    PAYMENT_EXCEEDS_REMAINING: '支出超出批复预算的剩余额度',
    DEVIATION_CAUSE_REQUIRED: '预计不能确定完成目标时，须说明偏差原因',
    THRESHOLDS_INVALID: '预警阈值应满足 0 < 黄色 < 红色 ≤ 100（百分点）',
  },
});

export type ExecutionErrorCode = keyof typeof EXECUTION_ERRORS;

/** One field's problem, e.g. `{ field: 'rows[12].amount', code: 'AMOUNT_TOO_PRECISE', message }`. */
export interface ExecutionFieldProblem {
  field: string;
  code: ExecutionErrorCode;
  message: string;
  /** In an uploaded CSV: the line the file shows the row on (header line 1) and the column's header. */
  line?: number;
  column?: string;
}

/**
 * A refused execution command: a stable `code`, a Chinese `message`, and every field problem found
 * (a bulk upload reports all its bad rows at once; the first one names the refusal).
 */
export class ExecutionError extends Error {
  readonly code: ExecutionErrorCode;
  readonly problems: readonly ExecutionFieldProblem[];
  readonly details?: Record<string, unknown>;

  constructor(problems: readonly ExecutionFieldProblem[], details?: Record<string, unknown>) {
    super(problems[0]?.message ?? 'execution refused');
    this.name = 'ExecutionError';
    this.code = problems[0].code;
    this.problems = problems;
    this.details = details;
  }

  get httpStatus(): number {
    return EXECUTION_ERRORS[this.code].status;
  }

  /** The shape every context's refusal has (mapped to problem+json once, by the platform). */
  readonly isRefusal = true as const;
  get title(): string {
    return EXECUTION_ERRORS[this.code].title;
  }
  get detail(): string {
    return this.field ? `${this.field}：${this.message}` : this.message;
  }
  get extensions(): Record<string, unknown> {
    return this.details ? { details: this.details } : {};
  }

  get field(): string {
    return this.problems[0].field;
  }
}

export const problem = (code: ExecutionErrorCode, field: string, message?: string): ExecutionFieldProblem => ({
  field,
  code,
  message: message ?? EXECUTION_ERRORS[code].title,
});

export const refuse = (code: ExecutionErrorCode, field = '', message?: string, details?: Record<string, unknown>): never => {
  throw new ExecutionError([problem(code, field, message)], details);
};

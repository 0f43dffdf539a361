import { problemCodes } from '@budgetflow/contracts';

/**
 * The one table of domain error codes, by suggested HTTP status: each code has a default Chinese message (its
 * `title`). Callers branch on `code`, never on `message`.
 */
export const DOMAIN_ERRORS = problemCodes({
  // 403 — who may do what
  403: {
    FORBIDDEN_ROLE: '当前角色无权执行此操作',
    OTHER_DEPARTMENT: '只能操作本部门的预算',
  },
  // 404 — the thing addressed does not exist
  404: {
    BUDGET_NOT_FOUND: '该部门本年度预算尚未建立',
    LINE_NOT_FOUND: '基本支出明细不存在',
    PROJECT_NOT_FOUND: '项目不存在',
    VERSION_NOT_FOUND: '预算版本不存在',
    ADJUSTMENT_NOT_FOUND: '调整申请不存在',
    LIBRARY_PROJECT_NOT_FOUND: '项目库中没有该项目',
    ROUND_NOT_REACHED: '预算尚未进行到该轮次',
  },
  // 409 — the command does not fit the budget's current state
  409: {
    BUDGET_ALREADY_OPENED: '该部门本年度预算已建立',
    BUDGET_IDENTITY_MISMATCH: '部门或年度与该预算不一致',
    BUDGET_NOT_DRAFTING: '预算不在编制状态，不能修改',
    BUDGET_NOT_SUBMITTED: '预算尚未报送',
    BUDGET_NOT_APPROVED: '预算尚未批复，不能申请调整',
    VERSION_SUPERSEDED: '该版本已被后续批复版本取代，不能公开',
    ADJUSTMENT_ALREADY_PENDING: '已有待审批的调整申请',
    NO_PENDING_ADJUSTMENT: '没有待审批的调整申请',
    DUPLICATE_LINE_ID: '基本支出明细编号重复',
    DUPLICATE_BASIC_LINE: '相同功能科目、经济科目和资金来源的基本支出已存在',
    DUPLICATE_PROJECT_CODE: '项目编码重复',
    DUPLICATE_UNIT_CODE: '所属单位编码重复',
    UNIT_IN_USE: '该单位仍有支出明细或项目，不能删除',
    YEAR_NOT_ENDED: '预算年度尚未结束（12月31日及以后方可年终结账）',
    YEAR_NOT_CLOSED: '该预算年度尚未年终结账，决算尚未形成（可加 ?provisional=true 查看临时数）',
    YEAR_CLOSED: '该预算年度已年终结账，不能再作变动',
    ADJUSTMENT_PENDING_AT_CLOSE: '尚有待审批的预算变动申请，请先审批或驳回后再结账',
    LIBRARY_PROJECT_STATE: '项目库项目当前状态不能执行此操作',
    REVIEW_STEPS_PENDING: '审核环节尚未全部完成，不能批复',
    REVIEW_STEP_OUT_OF_ORDER: '审核环节须按顺序进行',
    ROUND_OUT_OF_ORDER: '编制轮次顺序不对（一上 → 一下 → 二上 → 二下）',
    LIBRARY_REVIEW_STEPS_PENDING: '项目库审核环节尚未全部完成，不能入库',
    PRIOR_YEAR_NOT_APPROVED: '上年度预算尚未批复，不能据以建立本年度预算',
  },
  // 400 — malformed input
  400: {
    FIELD_REQUIRED: '必填项为空',
    REASON_REQUIRED: '必须填写理由',
    FISCAL_YEAR_INVALID: '预算年度无效',
    FROM_YEAR_INVALID: '只能从上一年度（本年度减一）建立本年度预算',
    UNIT_KIND_UNKNOWN: '单位类型应为行政、参公或事业',
    CODE_FORMAT_INVALID: '科目编码格式错误',
    PROJECT_CODE_INVALID: '项目编码只能由英文字母、数字和 - _ . 组成（1 至 64 个字符）',
    AMOUNT_INVALID: '金额不是有效的数字',
    AMOUNT_TOO_PRECISE: '金额最多保留两位小数（元）',
    INCOME_SOURCE_UNKNOWN: '收入来源不在规定范围内',
    INCOME_SOURCE_IS_CARRY_OVER: '上年结转结余请通过结转结余录入',
    FUND_SOURCE_UNKNOWN: '资金来源不在规定范围内',
    SPENDING_PLAN_CHECKPOINT_INVALID: '资金支出计划时间节点应形如“3月底”',
    INDICATOR_TARGET_INVALID: '指标值应形如“≥95 %”“8 个”“72.4万元”',
    PRINT_ROUNDING_UNKNOWN: '打印取整方式应为 each-cell（逐格四舍五入）或 tail-difference（尾差调整）',
    DATE_INVALID: '日期应形如 2025-03-01',
    REVIEW_STEP_UNKNOWN: '审核环节不在本年度设置的审核环节中',
    ROUNDS_MODE_UNKNOWN: '编制轮次应为 single 或 four',
    ADJUSTMENT_EMPTY: '调整申请没有任何变动',
    CHANGE_KIND_UNKNOWN: '变动类型应为追加（addition）、调剂（transfer）或调整（adjustment）',
    EFFECTIVE_DATE_INVALID: '生效日期应为 YYYY-MM-DD 格式的有效日期',
    CARRY_OVER_DUPLICATE: '同一项目的结转只能填写一次',
    ROUND_UNKNOWN: '编制轮次应为 一上、一下、二上、二下 之一',
  },
  // 422 — well-formed but breaks a budget rule
  422: {
    CODE_NOT_IN_CATALOG: '科目编码不在本年度分类目录的末级科目中',
    CODE_RETIRED: '科目已在本年度分类目录中停用',
    CODE_NOT_FOR_UNIT: '该科目是其他单位自编的科目，本单位不能使用',
    AMOUNT_NOT_POSITIVE: '金额必须大于零',
    AMOUNT_NEGATIVE: '金额不能为负数',
    AMOUNT_TOO_LARGE: '金额超出上限',
    SPENDING_PLAN_PERCENT_OUT_OF_RANGE: '累计支出进度应在0到100之间',
    SPENDING_PLAN_MONTHS_NOT_INCREASING: '资金支出计划时间节点应按月份递增',
    SPENDING_PLAN_PERCENT_DECREASING: '累计支出进度不能减少',
    SPENDING_PLAN_INCOMPLETE: '资金支出计划最后一个节点应达到100%',
    INDICATOR_LEVEL1_UNKNOWN: '一级指标应为产出指标、效益指标或满意度指标',
    INDICATOR_LEVEL2_UNKNOWN: '二级指标与一级指标不匹配',
    PROJECT_FUNDS_MISMATCH: '财政资金与其他资金之和应等于项目金额',
    PROJECT_LINES_MISMATCH: '项目明细合计应等于项目金额',
    BUDGET_UNBALANCED: '收支不平衡：收入总计应等于支出总计',
    CONTROL_NUMBER_EXCEEDED: '超出控制数',
    UNIT_NOT_IN_BUDGET: '单位不是本部门预算的所属单位',
    PROCUREMENT_PROJECT_UNKNOWN: '政府采购项目来源不是本预算的项目',
    PROJECT_YEARS_INVALID: '项目起止年度或分年度预算不正确',
    PROJECT_NOT_IN_LIBRARY: '项目不在项目库中（或尚未入库），不能列入预算',
    EFFECTIVE_DATE_OUTSIDE_YEAR: '生效日期不在本预算年度内',
    ADDITION_NOT_INCREASING: '追加应增加部门预算支出总额（并相应增加收入）',
    ADDITION_DECREASES: '追加不能减少任何支出明细或项目，减少请使用调剂或调整',
    TRANSFER_CHANGES_INCOME: '调剂不能变动收入，只能在批复总额内调整支出',
    TRANSFER_CHANGES_TOTAL: '调剂应在批复总额内进行，调剂后支出合计应不变',
    TRANSFER_SOURCE_SPENT: '调出资金已经支付，调剂后金额不能低于已支付金额',
    CARRY_OVER_EXCEEDS_UNSPENT: '结转金额超过该项目的未支出金额',
    CARRY_OVER_MISMATCH: '上年结转结余与以上年结转资金安排的支出不一致',
  },
});

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export const httpStatusOf = (code: DomainErrorCode): number => DOMAIN_ERRORS[code].status;

/** A refused command: stable `code`, Chinese `message`, `field` path of the offending input. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;
  /** Set by `decideAll`: the index of the command that failed in the batch. */
  readonly commandIndex?: number;

  constructor(
    code: DomainErrorCode,
    options: { field?: string; message?: string; details?: Record<string, unknown>; commandIndex?: number } = {},
  ) {
    super(options.message ?? DOMAIN_ERRORS[code].title);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
    this.commandIndex = options.commandIndex;
  }

  get httpStatus(): number {
    return httpStatusOf(this.code);
  }

  /** The shape every context's refusal has (mapped to problem+json once, by the platform). */
  readonly isRefusal = true as const;
  get title(): string {
    return DOMAIN_ERRORS[this.code].title;
  }
  get detail(): string {
    return this.message;
  }
  get problems(): { field: string; code: string; message: string }[] {
    return [{ field: this.field ?? '', code: this.code, message: this.message }];
  }
  get extensions(): Record<string, unknown> {
    return { ...(this.details ? { details: this.details } : {}), ...(this.commandIndex !== undefined ? { commandIndex: this.commandIndex } : {}) };
  }

  /** The same refusal, tagged with the batch position of the failing command. */
  atCommand(commandIndex: number): DomainError {
    return new DomainError(this.code, { field: this.field, message: this.message, details: this.details, commandIndex });
  }

  /** The same refusal, with the field path nested under `prefix` (e.g. `changeSet.projects.changed[0]`). */
  under(prefix: string): DomainError {
    const field = this.field ? `${prefix}.${this.field}` : prefix;
    return new DomainError(this.code, { field, message: this.message, details: this.details, commandIndex: this.commandIndex });
  }
}

export const refuse = (
  code: DomainErrorCode,
  field?: string,
  message?: string,
  details?: Record<string, unknown>,
): never => {
  throw new DomainError(code, { field, message, details });
};

/**
 * Several refusals of one batch reported together — an import's every wrong line or cell, not only the first. The
 * first refusal names the answer (code, status, title); `problems` lists them all.
 */
export class DomainErrors extends Error {
  readonly isRefusal = true as const;

  constructor(readonly errors: readonly DomainError[]) {
    super(errors[0]?.message ?? 'refused');
    this.name = 'DomainErrors';
  }

  get code(): DomainErrorCode {
    return this.errors[0].code;
  }
  get httpStatus(): number {
    return this.errors[0].httpStatus;
  }
  get title(): string {
    return this.errors[0].title;
  }
  get detail(): string {
    return `共 ${this.errors.length} 处错误，第一处：${this.errors[0].field ? `${this.errors[0].field}：` : ''}${this.errors[0].message}`;
  }
  get problems(): { field: string; code: string; message: string }[] {
    return this.errors.flatMap((error) => error.problems);
  }
  get extensions(): Record<string, unknown> {
    return {};
  }
}

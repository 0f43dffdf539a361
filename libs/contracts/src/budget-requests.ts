import { type Static, type TProperties, Type } from '@sinclair/typebox';
import { FUND_SOURCES, INCOME_SOURCES } from './budget-content';
import { Text, YuanInput } from './schema';

/**
 * The bodies the budget's command routes take. Each schema is checked at the door (400 with `RequestReader`'s
 * codes) and is the OpenAPI document's request schema; the domain's rules (codes in the catalog, amounts > 0,
 * plans reaching 100 …) are the decider's, with their own codes — so the schemas say no more than the shapes.
 */

const fundSource = Text(50, { description: `资金来源：${FUND_SOURCES.join('、')}（其他值：400 FUND_SOURCE_UNKNOWN）`, examples: ['一般公共预算拨款'] });
const functionalCode = Text(20, { description: '支出功能分类科目编码（项级 7 位；须在本年度目录中）', examples: ['2010301'] });
const economicCode = Text(20, { description: '支出经济分类科目编码（款级 5 位；须在本年度目录中）', examples: ['30201'] });
const carryOverAndUnit = {
  fromCarryOver: Type.Optional(Type.Boolean({ description: '使用上年结转资金' })),
  unit: Type.Optional(Text(64, { description: '所属单位编码（units[]）；省略为部门本级' })),
};

const basicLineFields = { functionalCode, economicCode, fundSource, amount: YuanInput({ description: '金额（元），十进制字符串，须大于 0' }), ...carryOverAndUnit };

/** `POST …/basic-lines` */
export const BasicLineRequest = Type.Object(
  { lineId: Type.Optional(Text(64, { description: '明细编号（省略则由服务生成，答复的 lineId）' })), ...basicLineFields },
  {
    title: 'BasicLineRequest',
    description: '新增一条基本支出明细（功能科目 × 经济科目 × 资金来源）',
    additionalProperties: false,
    examples: [{ functionalCode: '2010301', economicCode: '30201', fundSource: '一般公共预算拨款', amount: '12000.00' }],
  },
);
export type BasicLineRequest = Static<typeof BasicLineRequest>;

const basicLineRevisionFields = {
  functionalCode: Type.Optional(functionalCode),
  economicCode: Type.Optional(economicCode),
  fundSource: Type.Optional(fundSource),
  amount: Type.Optional(basicLineFields.amount),
  ...carryOverAndUnit,
};
/** `PATCH …/basic-lines/{lineId}`: only the fields sent change. */
export const BasicLineRevisionRequest = Type.Object(basicLineRevisionFields, {
  title: 'BasicLineRevisionRequest',
  description: '修改基本支出明细：只改所发送的字段',
  additionalProperties: false,
  examples: [{ amount: '15000.00' }],
});
export type BasicLineRevisionRequest = Static<typeof BasicLineRevisionRequest>;

/** A spending-plan checkpoint as printed (`3月底`, 25). */
export const SpendingPlanEntry = Type.Object(
  {
    checkpoint: Text(20, { description: '节点：1月底 … 12月底', examples: ['6月底'] }),
    cumulativePercent: Type.Number({ description: '到该节点累计支出的百分比（0–100，逐点不减，最后为 100）', examples: [50] }),
  },
  { additionalProperties: false, description: '资金支出计划节点' },
);
export type SpendingPlanEntry = Static<typeof SpendingPlanEntry>;

/** A performance indicator with its target as printed (`≥95 %`). */
export const IndicatorEntry = Type.Object(
  {
    level1: Text(20, { description: '一级指标：产出指标、效益指标、满意度指标…', examples: ['产出指标'] }),
    level2: Text(20, { description: '二级指标（须属于一级指标）', examples: ['数量指标'] }),
    name: Text(200, { description: '三级指标名称', examples: ['培训人次'] }),
    description: Type.Optional(Text(2000, { description: '指标说明' })),
    target: Text(50, { description: '指标值，如 ≥95%、8 个、＝100%', examples: ['≥95%'] }),
    basis: Type.Optional(Text(2000, { description: '指标值确定依据' })),
  },
  { additionalProperties: false, description: '绩效指标' },
);
export type IndicatorEntry = Static<typeof IndicatorEntry>;

const ProjectLineEntry = Type.Object(
  { functionalCode, economicCode, fundSource, amount: basicLineFields.amount, fromCarryOver: carryOverAndUnit.fromCarryOver },
  { additionalProperties: false, description: '项目明细（按经济科目）；合计须等于项目金额' },
);

const projectFields = {
  name: Text(200, { description: '项目名称', examples: ['律师陪访经费'] }),
  functionalCode,
  fundSource,
  amount: YuanInput({ description: '项目金额（元）' }),
  fiscalFunds: Type.Optional(YuanInput({ description: '财政拨款（元）；省略为 amount − otherFunds' })),
  otherFunds: Type.Optional(YuanInput({ description: '其他资金（元）；省略为 0' })),
  purpose: Type.Optional(Text(4000, { description: '项目概述 / 立项依据' })),
  spendingPlan: Type.Array(SpendingPlanEntry, { maxItems: 12, description: '资金支出计划（至多 12 个节点）' }),
  goal: Type.Optional(Text(4000, { description: '年度绩效目标' })),
  indicators: Type.Array(IndicatorEntry, { maxItems: 200, description: '绩效指标' }),
  lines: Type.Optional(Type.Array(ProjectLineEntry, { maxItems: 500, description: '项目明细；省略则按功能科目一行' })),
  ...carryOverAndUnit,
  startYear: Type.Optional(Type.Integer({ minimum: -1e9, maximum: 1e9, description: '跨年度项目的起始年度' })),
  endYear: Type.Optional(Type.Integer({ minimum: -1e9, maximum: 1e9, description: '跨年度项目的结束年度' })),
  yearlyAmounts: Type.Optional(
    Type.Array(Type.Object({ fiscalYear: Type.Integer({ minimum: -1e9, maximum: 1e9 }), amount: YuanInput() }, { additionalProperties: false }), { maxItems: 50, description: '分年度预算（元）' }),
  ),
};

const PROJECT_EXAMPLE = {
  code: '13043324P00007510001B',
  name: '律师陪访经费',
  functionalCode: '2010308',
  fundSource: '一般公共预算拨款',
  amount: '60000.00',
  purpose: '聘请律师参与接访',
  spendingPlan: [
    { checkpoint: '6月底', cumulativePercent: 50 },
    { checkpoint: '12月底', cumulativePercent: 100 },
  ],
  goal: '依法解决信访诉求',
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '陪访次数', description: '全年陪访次数', target: '≥50 次', basis: '工作计划' }],
};

/** `POST …/projects` (and a project added by an adjustment). */
export const ProjectRequest = Type.Object(
  { code: Text(64, { description: '项目编码（字母、数字、- 和 _）', examples: ['13043324P00007510001B'] }), ...projectFields },
  { title: 'ProjectRequest', description: '申报一个项目：金额、资金支出计划、绩效目标与指标', additionalProperties: false, examples: [PROJECT_EXAMPLE] },
);
export type ProjectRequest = Static<typeof ProjectRequest>;

const projectChangeFields: TProperties = Object.fromEntries(Object.entries(projectFields).map(([key, schema]) => [key, Type.Optional(schema)]));
/** `PATCH …/projects/{code}`: only the fields sent change. */
export const ProjectChangesRequest = Type.Object(projectChangeFields, {
  title: 'ProjectChangesRequest',
  description: '调整项目：只改所发送的字段（资金支出计划、指标整体替换）',
  additionalProperties: false,
  examples: [{ amount: '80000.00', fiscalFunds: '80000.00' }],
});
export type ProjectChangesRequest = Partial<Omit<ProjectRequest, 'code'>>;

/** `POST …` (open the draft) */
export const OpenDraftRequest = Type.Object(
  {
    name: Type.Optional(Text(200, { description: '部门名称（必填，以 fromYear 建立时除外）', examples: ['馆陶县信访局'] })),
    unitKind: Type.Optional(Text(10, { description: '单位类型：行政、参公、事业（必填，以 fromYear 建立时除外；其他值：400 UNIT_KIND_UNKNOWN）', examples: ['行政'] })),
    fromYear: Type.Optional(Type.Integer({ minimum: -1e9, maximum: 1e9, description: '以该年度（上一年度）的批复预算为基础建立草案' })),
    unitName: Type.Optional(Text(200, { description: '单位名称（省略为部门名称）' })),
    unitRank: Type.Optional(Text(50, { description: '单位级别' })),
    fundingForm: Type.Optional(Text(50, { description: '经费形式' })),
  },
  { title: 'OpenDraftRequest', description: '建立草案：部门名称与单位类型', additionalProperties: false, examples: [{ name: '馆陶县信访局', unitKind: '行政' }] },
);
export type OpenDraftRequest = Static<typeof OpenDraftRequest>;

const incomeFields = {
  source: Text(50, { description: `收入来源：${INCOME_SOURCES.join('、')}（其他值：400 INCOME_SOURCE_UNKNOWN）`, examples: ['一般公共预算拨款收入'] }),
  amount: YuanInput({ description: '金额（元），替换原值；0 表示删除该来源' }),
};
/** `POST …/income` */
export const IncomeRequest = Type.Object(incomeFields, {
  title: 'IncomeRequest',
  description: '申报一项收入（按来源）',
  additionalProperties: false,
  examples: [{ source: '一般公共预算拨款收入', amount: '6542400.00' }],
});
export type IncomeRequest = Static<typeof IncomeRequest>;

/** `PUT …/carry-over` */
export const CarryOverRequest = Type.Object(
  { fromLastYear: YuanInput({ description: '上年结转结余（元）' }), toNextYear: YuanInput({ description: '年终结转结余（元）' }) },
  { title: 'CarryOverRequest', description: '上年结转结余与年终结转结余', additionalProperties: false, examples: [{ fromLastYear: '0.00', toNextYear: '0.00' }] },
);
export type CarryOverRequest = Static<typeof CarryOverRequest>;

/** `PUT …/control-numbers` */
export const ControlNumbersRequest = Type.Object(
  {
    total: Type.Optional(YuanInput({ description: '支出总额上限（元）' })),
    basic: Type.Optional(YuanInput({ description: '基本支出上限（元）' })),
    project: Type.Optional(YuanInput({ description: '项目支出上限（元）' })),
  },
  { title: 'ControlNumbersRequest', description: '控制数（财政）：省略的一项不设上限', additionalProperties: false, examples: [{ total: '6600000.00', basic: '5000000.00' }] },
);
export type ControlNumbersRequest = Static<typeof ControlNumbersRequest>;

/** `POST …/return`, `…/adjustments/{id}/reject` */
export const ReasonRequest = Type.Object(
  { reason: Text(2000, { minLength: 1, description: '理由（必填，写入事件的元数据）', examples: ['项目支出超过控制数，请压减后重报'] }) },
  { title: 'ReasonRequest', description: '须填写理由的决定', additionalProperties: false, examples: [{ reason: '项目支出超过控制数，请压减后重报' }] },
);
export type ReasonRequest = Static<typeof ReasonRequest>;

const idList = (max: number, description: string) => Type.Array(Type.Unknown(), { maxItems: max, description });
const ProjectChangeEntry = Type.Object(
  { code: Text(64, { description: '项目编码' }), changes: Type.Optional(ProjectChangesRequest), ...projectChangeFields },
  { additionalProperties: false, description: '调整一个项目：changes 中为改动的字段（也可直接写在本对象中）' },
);

/** `POST …/adjustments` */
export const AdjustmentRequest = Type.Object(
  {
    adjustmentId: Type.Optional(Text(64, { description: '调整申请编号（省略则由服务生成）' })),
    reason: Text(2000, { minLength: 1, description: '调整理由（必填）' }),
    kind: Type.Optional(Text(20, { description: '变动类型：addition 追加、transfer 调剂、adjustment 调整（默认）' })),
    documentNumber: Type.Optional(Text(100, { description: '文号' })),
    effectiveDate: Type.Optional(Text(10, { description: '生效日期 YYYY-MM-DD' })),
    changeSet: Type.Object(
      {
        income: Type.Optional(Type.Array(Type.Object(incomeFields, { additionalProperties: false }), { maxItems: 20, description: '收入的新值（按来源）' })),
        basicLines: Type.Optional(
          Type.Object(
            {
              added: Type.Optional(Type.Array(BasicLineRequest, { maxItems: 2000 })),
              changed: Type.Optional(Type.Array(Type.Object({ lineId: Text(64), ...basicLineRevisionFields }, { additionalProperties: false }), { maxItems: 2000 })),
              removed: Type.Optional(idList(2000, '撤回的明细编号')),
            },
            { additionalProperties: false },
          ),
        ),
        projects: Type.Optional(
          Type.Object(
            {
              added: Type.Optional(Type.Array(ProjectRequest, { maxItems: 500 })),
              changed: Type.Optional(Type.Array(ProjectChangeEntry, { maxItems: 500 })),
              removed: Type.Optional(idList(500, '撤回的项目编码')),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false, description: '调整事项' },
    ),
  },
  {
    title: 'AdjustmentRequest',
    description: '申请预算调整（批复后）：变动事项与理由',
    additionalProperties: false,
    examples: [{ reason: '追加培训经费', changeSet: { income: [{ source: '一般公共预算拨款收入', amount: '6600000.00' }] } }],
  },
);
export type AdjustmentRequest = Static<typeof AdjustmentRequest>;

/** `POST …/approve` (二下 of a four-round year needs the 文号 and its date). */
export const ApprovalRequest = Type.Object(
  {
    documentNumber: Type.Optional(Text(100, { description: '批复文号（四轮制年度的二下必填）' })),
    documentDate: Type.Optional(Text(20, { description: '文件日期 YYYY-MM-DD' })),
  },
  { title: 'ApprovalRequest', description: '批复：可省略请求体；四轮制年度的二下须填文号与日期', additionalProperties: false, examples: [{}] },
);

/** `POST …/adjustments/{id}/approve` */
export const AdjustmentApprovalRequest = Type.Object(
  {
    documentNumber: Type.Optional(Text(100, { description: '文号' })),
    effectiveDate: Type.Optional(Text(10, { description: '生效日期 YYYY-MM-DD（早于今天须填理由）' })),
    reason: Type.Optional(Text(2000, { description: '理由（补记时必填）' })),
  },
  { title: 'AdjustmentApprovalRequest', description: '批准变动：可省略请求体', additionalProperties: false, examples: [{}] },
);

/** `POST …/import`: a budget-facts/1 document, checked by its own strict parser (its codes, all problems at once). */
export const BudgetFactsDocument = Type.Unknown({
  title: 'BudgetFactsDocument',
  description:
    'budget-facts/1 文档（schema: "budget-facts/1"，department、fiscalYear、income、basicExpenditureLines、projects …，金额为元的十进制字符串）；由导入解析器逐字段检查，错误码见答复，示例见 test/fixtures/guantao-xinfang-2024/budget-facts.json',
});

/** `POST …/review-steps` */
export const ReviewStepRequest = Type.Object(
  {
    step: Text(50, { minLength: 1, description: '审核环节（按本年度设置的顺序），如 业务股室、预算股', examples: ['业务股室'] }),
    note: Type.Optional(Text(2000, { description: '审核意见' })),
  },
  { title: 'ReviewStepRequest', description: '通过一个审核环节（财政）', additionalProperties: false, examples: [{ step: '业务股室', note: '已审' }] },
);

/** `POST …/projects/from-library` */
export const ProjectFromLibraryRequest = Type.Object(
  {
    code: Text(64, { minLength: 1, description: '项目库中已入库项目的编码' }),
    amount: Type.Optional(YuanInput({ description: '本年度列入的金额（元）；省略为项目库中本年度的分年度预算' })),
    spendingPlan: Type.Optional(Type.Array(SpendingPlanEntry, { maxItems: 12, description: '资金支出计划' })),
    lines: Type.Optional(Type.Array(ProjectLineEntry, { maxItems: 500, description: '项目明细' })),
    ...carryOverAndUnit,
  },
  { title: 'ProjectFromLibraryRequest', description: '从项目库选取已入库项目列入预算（部门）', additionalProperties: false, examples: [{ code: 'LIB-001', amount: '50000.00' }] },
);

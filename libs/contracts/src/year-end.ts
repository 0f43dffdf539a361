import { type Static, Type } from '@sinclair/typebox';
import { ChangeKind } from './budget';
import { Int, Text, YuanInput, YuanSchema } from './schema';

/**
 * What main's later surfaces take and answer: the year's 编制设置, the review queue, the project library (项目库), the
 * year-end close (年终结账) and the final accounts (决算).
 */

const streamFields = {
  version: Type.Integer({ description: '事件流的版本（ETag，供 If-Match）' }),
  position: Type.Optional(Type.String({ description: '最后写入事件的全局位置（供 ?after=）' })),
};

/** `GET`/`PUT /v1/budget-settings/{year}` */
export const BudgetSettingsView = Type.Object(
  {
    fiscalYear: Type.Integer(),
    projectsFromLibrary: Type.Boolean({ description: '项目须从项目库选取' }),
    rounds: Type.Union([Type.Literal('single'), Type.Literal('four')], { description: 'single 一次报送批复；four 一上、一下、二上、二下' }),
    reviewSteps: Type.Array(Type.String(), { description: '批复前的审核环节（按顺序）' }),
    libraryReviewSteps: Type.Optional(Type.Array(Type.String(), { description: '项目入库前的评审环节（按顺序；空则财政直接入库）' })),
    ...streamFields,
    changed: Type.Optional(Type.Boolean({ description: '（设置的答复）是否有改变' })),
  },
  { title: 'BudgetSettingsView', description: '本年度编制设置' },
);
export type BudgetSettingsView = Static<typeof BudgetSettingsView>;

export const BudgetSettingsRequest = Type.Object(
  {
    projectsFromLibrary: Type.Optional(Type.Boolean({ description: '项目须从项目库选取' })),
    rounds: Type.Optional(Text(20, { description: 'single | four（其他值由设置规则拒绝）', examples: ['four'] })),
    reviewSteps: Type.Optional(Type.Array(Text(50), { maxItems: 10, description: '审核环节（按顺序，至多 10 个）', examples: [['业务股室', '预算股']] })),
    libraryReviewSteps: Type.Optional(Type.Array(Text(50), { maxItems: 10, description: '项目入库前的评审环节（按顺序，至多 10 个）', examples: [['评审中心']] })),
  },
  { title: 'BudgetSettingsRequest', description: '设置本年度编制方式（至少一项）', additionalProperties: false, examples: [{ rounds: 'four', reviewSteps: ['业务股室', '预算股'] }] },
);

/** `GET /v1/review-queue?year=` */
export const ReviewQueue = Type.Object(
  {
    fiscalYear: Type.Integer(),
    rounds: Type.String(),
    reviewSteps: Type.Array(Type.String()),
    budgets: Type.Array(
      Type.Object({
        department: Type.String(),
        name: Type.String(),
        status: Type.String(),
        round: Type.Optional(Type.String()),
        waitingFor: Type.Union([Type.Literal('department'), Type.Literal('review'), Type.Literal('approval'), Type.Literal('done')], { description: '轮到谁：部门编制、审核环节、批复、已完成' }),
        nextStep: Type.Optional(Type.String()),
        reviewSteps: Type.Array(Type.Object({ step: Type.String(), passed: Type.Boolean(), by: Type.Optional(Type.String()), at: Type.Optional(Type.String()), note: Type.Optional(Type.String()) })),
        lastReturnReason: Type.Optional(Type.String()),
      }),
    ),
  },
  { title: 'ReviewQueue', description: '财政审核队列：各部门预算的状态、轮次、审核环节' },
);
export type ReviewQueue = Static<typeof ReviewQueue>;

const libraryIndicator = Type.Object(
  {
    level1: Text(20),
    level2: Text(20),
    name: Text(200),
    description: Type.Optional(Text(2000)),
    target: Text(50, { examples: ['≥95%'] }),
    basis: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);

/** `POST /v1/project-library/{department}` */
export const LibraryProjectRequest = Type.Object(
  {
    code: Text(64, { description: '项目编码', examples: ['LIB-001'] }),
    name: Text(200, { description: '项目名称' }),
    functionalCode: Text(20, { description: '支出功能分类科目编码', examples: ['2010301'] }),
    fundSource: Type.Optional(Text(50, { description: '资金来源（省略为一般公共预算拨款）' })),
    purpose: Type.Optional(Text(4000, { description: '立项依据' })),
    totalAmount: YuanInput({ description: '项目总额（元）' }),
    startYear: Int(-1e9, 1e9, '起始年度', [2025]),
    endYear: Int(-1e9, 1e9, '结束年度', [2026]),
    yearlyAmounts: Type.Optional(Type.Array(Type.Object({ fiscalYear: Int(-1e9, 1e9, '年度'), amount: YuanInput() }, { additionalProperties: false }), { maxItems: 50, description: '分年度预算' })),
    goal: Type.Optional(Text(4000, { description: '绩效目标' })),
    indicators: Type.Optional(Type.Array(libraryIndicator, { maxItems: 200, description: '绩效指标' })),
    attachments: Type.Optional(Type.Array(Type.Object({ name: Text(200), number: Type.Optional(Text(100)) }, { additionalProperties: false }), { maxItems: 50, description: '附件（名称、文号）' })),
  },
  {
    title: 'LibraryProjectRequest',
    description: '申报项目入库（部门）',
    additionalProperties: false,
    examples: [{ code: 'LIB-001', name: '信访信息化', functionalCode: '2010301', totalAmount: '100000.00', startYear: 2025, endYear: 2026 }],
  },
);

const libraryAnswerFields = {
  streamId: Type.String(),
  ...streamFields,
  events: Type.Array(Type.String()),
  status: Type.String({ description: 'proposed | returned | pooled | rejected | withdrawn' }),
};
export const LibraryCommandAnswer = Type.Object(libraryAnswerFields, { title: 'LibraryCommandAnswer', description: '项目库命令的答复：事件流版本、写入的事件、项目状态' });
export const LibraryProjectCreated = Type.Object(
  { ...libraryAnswerFields, code: Type.String(), location: Type.String() },
  { title: 'LibraryProjectCreated', description: '申报成功（201）：答复含 code 与 location' },
);

const libraryFields = {
  department: Type.String(),
  code: Type.String(),
  name: Type.String(),
  functionalCode: Type.String(),
  fundSource: Type.String(),
  totalAmount: YuanSchema(),
  startYear: Type.Integer(),
  endYear: Type.Integer(),
  status: Type.String(),
  statusName: Type.String(),
  lastReason: Type.Optional(Type.String()),
  version: Type.Integer(),
};
export const LibraryProjectList = Type.Object(
  {
    unit: Type.Literal('元'),
    projects: Type.Array(
      Type.Object({
        ...libraryFields,
        updatedAt: Type.String(),
        history: Type.Array(Type.Unknown()),
        reviewPassed: Type.Optional(Type.Array(Type.Unknown(), { description: '本次申报已通过的入库评审环节' })),
      }),
    ),
  },
  { title: 'LibraryProjectList', description: '项目库列表' },
);
export const LibraryProjectView = Type.Object(
  {
    ...libraryFields,
    purpose: Type.String(),
    goal: Type.String(),
    yearlyAmounts: Type.Array(Type.Object({ fiscalYear: Type.Integer(), amount: YuanSchema() })),
    indicators: Type.Array(Type.Unknown()),
    attachments: Type.Array(Type.Object({ name: Type.String(), number: Type.String() })),
    reviewSteps: Type.Optional(
      Type.Array(
        Type.Object({ step: Type.String(), passed: Type.Boolean(), by: Type.Optional(Type.String()), at: Type.Optional(Type.String()), note: Type.Optional(Type.String()) }),
        { description: '本年度设置的入库评审环节，及本次申报是否已通过（谁、何时、意见）' },
      ),
    ),
    reviewPassed: Type.Optional(Type.Array(Type.Object({ step: Type.String(), by: Type.String(), at: Type.String(), note: Type.Optional(Type.String()) }))),
    history: Type.Array(
      Type.Object({
        version: Type.Integer(),
        type: Type.String(),
        at: Type.String(),
        userId: Type.String(),
        role: Type.String(),
        reason: Type.Optional(Type.String()),
        step: Type.Optional(Type.String()),
        note: Type.Optional(Type.String()),
      }),
    ),
  },
  { title: 'LibraryProjectView', description: '项目库项目：申报内容、状态与历史' },
);

/** `POST …/close` */
export const CloseYearRequest = Type.Object(
  {
    carryOver: Type.Optional(
      Type.Array(
        Type.Object({ projectCode: Text(64, { description: '项目编码' }), amount: YuanInput({ description: '结转金额（元）' }), reason: Type.Optional(Text(2000)) }, { additionalProperties: false }),
        { maxItems: 2000, description: '结转的项目与金额；其余未支出的金额为结余' },
      ),
    ),
  },
  { title: 'CloseYearRequest', description: '年终结账（财政）', additionalProperties: false, examples: [{ carryOver: [{ projectCode: '13043324P00007510001B', amount: '10000.00', reason: '合同跨年' }] }] },
);

const FiguresSchema = {
  initialBudget: YuanSchema({ description: '年初预算' }),
  finalBudget: YuanSchema({ description: '调整后预算' }),
  budget: YuanSchema(),
  actual: YuanSchema({ description: '实际支出' }),
  variance: YuanSchema(),
  executionRate: Type.String({ description: '执行率（%），预算为 0 时为空串' }),
};
const rows = (description: string) => Type.Array(Type.Object({}, { additionalProperties: true }), { description });

/** `GET …/final-accounts` */
export const FinalAccountsView = Type.Object(
  {
    department: Type.String(),
    departmentName: Type.String(),
    fiscalYear: Type.Integer(),
    status: Type.Union([Type.Literal('closed'), Type.Literal('provisional')], { description: 'closed 已结账；provisional 结账前的临时数' }),
    closedAt: Type.Optional(Type.String()),
    closedBy: Type.Optional(Type.String()),
    versions: Type.Array(
      Type.Object({
        version: Type.Integer(),
        approvedAt: Type.String(),
        effectiveFrom: Type.String(),
        change: Type.Optional(Type.Object({ kind: Type.Optional(ChangeKind) }, { additionalProperties: true, description: '形成该版本的变动（追加、调剂、调整）' })),
      }),
    ),
    totals: Type.Object({ ...FiguresSchema, changes: YuanSchema(), carriedOver: YuanSchema(), returned: YuanSchema(), paymentsTotal: YuanSchema() }),
    basic: Type.Object(FiguresSchema),
    project: Type.Object(FiguresSchema),
    byFunctionalClass: rows('按功能分类'),
    byEconomicClass: rows('按经济分类'),
    byProject: rows('按项目'),
    carryOver: rows('结转'),
    returned: rows('结余'),
    sanGong: Type.Object({ items: rows('三公经费'), total: Type.Object(FiguresSchema) }),
    operatingExpenses: Type.Object({ applies: Type.Boolean(), ...FiguresSchema }),
    selfEvaluation: rows('绩效自评（按项目）'),
    selfEvaluationSummary: Type.Object({ projects: Type.Integer(), averageScore: Type.String(), grade: Type.String() }, { additionalProperties: true }),
  },
  { title: 'FinalAccountsView', description: '部门决算（元）' },
);

const countyDepartment = Type.Object({
  department: Type.String(),
  departmentName: Type.String(),
  closed: Type.Boolean(),
  closedAt: Type.Optional(Type.String()),
  initialBudget: YuanSchema(),
  finalBudget: YuanSchema(),
  actual: YuanSchema(),
  variance: YuanSchema(),
  executionRate: Type.String(),
  unspent: YuanSchema(),
  unspentSharePercent: Type.String(),
  carriedOver: YuanSchema(),
  returned: YuanSchema(),
  selfEvaluationScore: Type.String(),
});
/** `GET /v1/final-accounts/{year}` */
export const CountyFinalAccounts = Type.Object(
  {
    fiscalYear: Type.Integer(),
    unit: Type.Literal('元'),
    totals: Type.Object({
      closedDepartments: Type.Integer(),
      notClosedDepartments: Type.Integer(),
      ...FiguresSchema,
      carriedOver: YuanSchema(),
      returned: YuanSchema(),
      unspent: YuanSchema(),
    }),
    departments: Type.Array(countyDepartment),
    largestUnspentShare: Type.Array(countyDepartment, { description: '未支出比例从高到低' }),
  },
  { title: 'CountyFinalAccounts', description: '全县决算汇总（已结账部门合计）' },
);

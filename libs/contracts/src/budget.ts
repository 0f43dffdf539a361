import { type Static, Type } from '@sinclair/typebox';
import { BudgetContentWire, BudgetUnitWire, PriorYearWire } from './budget-content';
import { RoleSchema } from './roles';
import { YuanSchema } from './schema';

/** The budget an answer is about: the department code and the fiscal year (its address, `/v1/budgets/{department}/{year}`). */
export const budgetAddressFields = { department: Type.String(), fiscalYear: Type.Integer() };

/** Where a department's budget stands in the year's workflow (`none` before the draft is opened). */
export const BudgetStatus = Type.Union([Type.Literal('none'), Type.Literal('drafting'), Type.Literal('submitted'), Type.Literal('approved'), Type.Literal('published')], {
  description: '流程状态：none 未建立、drafting 编制中、submitted 已报送、approved 已批复、published 已公开',
});
export type BudgetStatus = Static<typeof BudgetStatus>;

/** `draft`, or the number of an approved version. */
export const VersionNumber = Type.Union([Type.Literal('draft'), Type.Integer()], { description: 'draft（草案）或批复版本号' });
export type VersionNumber = Static<typeof VersionNumber>;

/** 追加 addition / 调剂 transfer / 调整 adjustment: the kind of an in-year change. */
export const ChangeKind = Type.Union([Type.Literal('addition'), Type.Literal('transfer'), Type.Literal('adjustment')], { description: '追加 addition / 调剂 transfer / 调整 adjustment' });
export type ChangeKind = Static<typeof ChangeKind>;

/** An approved version (批复版本) and whether it is published (公开). */
export const ApprovedVersionView = Type.Object({
  version: Type.Integer({ description: '批复版本号' }),
  approvedBy: Type.String(),
  approvedAt: Type.String({ description: 'ISO 时间' }),
  published: Type.Boolean(),
  publishedAt: Type.Optional(Type.String()),
  /** For versions after the first: the adjustment that produced it, and its reason. */
  adjustmentId: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  /** First day the version is in force (YYYY-MM-DD): 1 January for the original budget, the change's effective date after. */
  effectiveFrom: Type.Optional(Type.String({ description: '生效日期 YYYY-MM-DD' })),
  /** The in-year change (追加 addition / 调剂 transfer / 调整 adjustment) that made the version, with its 文号. */
  change: Type.Optional(
    Type.Object({
      adjustmentId: Type.String(),
      kind: ChangeKind,
      documentNumber: Type.Optional(Type.String({ description: '文号' })),
      reason: Type.String(),
      backDated: Type.Boolean(),
      approvalReason: Type.Optional(Type.String()),
    }),
  ),
});
export type ApprovedVersionView = Static<typeof ApprovedVersionView>;

/** A cost indicator differing from its project's amount is the 勾稽 finding `COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT`, not a draft warning. */
export const DraftWarningCode = Type.Union([Type.Literal('PROJECT_WITHOUT_INDICATORS'), Type.Literal('THREE_PUBLIC_ABOVE_PRIOR_YEAR'), Type.Literal('CARRY_OVER_MISMATCH')]);
export type DraftWarningCode = Static<typeof DraftWarningCode>;

/** A hint shown before 报送 (never blocks it); `field` is the path inside the content (`projects[2].indicators`). */
export const DraftWarning = Type.Object({ code: DraftWarningCode, message: Type.String(), projectCode: Type.Optional(Type.String()), field: Type.String() }, { description: '报送前的提示（不阻止报送）' });
export type DraftWarning = Static<typeof DraftWarning>;

/** 控制数 finance sets: caps on the total, the basic and the project spending. */
export const ControlNumbersView = Type.Object({ total: Type.Optional(YuanSchema()), basic: Type.Optional(YuanSchema()), project: Type.Optional(YuanSchema()) });
export type ControlNumbersView = Static<typeof ControlNumbersView>;

/** A 预算调整 request waiting for finance. */
export const PendingAdjustmentView = Type.Object({
  adjustmentId: Type.String(),
  reason: Type.String(),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  /** 追加 addition / 调剂 transfer / 调整 adjustment */
  kind: Type.Optional(ChangeKind),
  documentNumber: Type.Optional(Type.String()),
  effectiveDate: Type.Optional(Type.String()),
});
export type PendingAdjustmentView = Static<typeof PendingAdjustmentView>;

/**
 * `GET /v1/budgets/{department}/{year}?version=…`: the chosen version's content. The workflow fields (status,
 * control numbers, return reason, pending adjustment, warnings) go only to insiders — the department itself,
 * finance, supervisors; the public sees published versions only.
 */
/** Where a draft opened from last year came from: year N's approved version, the carried-over money, the clerk's warnings. */
export const CarriedFromView = Type.Object({
  fiscalYear: Type.Integer(),
  version: Type.Integer(),
  carriedOver: Type.Array(Type.Object({ projectCode: Type.String(), amount: YuanSchema() })),
  /** Codes retired in or missing from the new year's catalog, amounts assumed, carried money not placed … */
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), field: Type.String(), lineId: Type.Optional(Type.String()), projectCode: Type.Optional(Type.String()) })),
});
export type CarriedFromView = Static<typeof CarriedFromView>;

export const BudgetView = Type.Object(
  {
    department: Type.String({ examples: ['501'] }),
    fiscalYear: Type.Integer({ examples: [2024] }),
    version: VersionNumber,
    published: Type.Boolean(),
    status: Type.Optional(BudgetStatus),
    /** The stream version: the ETag for `If-Match`. */
    streamVersion: Type.Optional(Type.Integer({ description: '事件流版本（ETag，供 If-Match）' })),
    controlNumbers: Type.Optional(ControlNumbersView),
    lastReturnReason: Type.Optional(Type.String()),
    pendingAdjustment: Type.Optional(PendingAdjustmentView),
    /** 年终结账, once finance closed the year. */
    closed: Type.Optional(
      Type.Object({
        closedAt: Type.String(),
        closedBy: Type.String(),
        carryOver: Type.Array(Type.Object({ projectCode: Type.String(), amount: YuanSchema(), reason: Type.Optional(Type.String()) })),
      }),
    ),
    warnings: Type.Optional(Type.Array(DraftWarning)),
    versions: Type.Array(ApprovedVersionView),
    content: BudgetContentWire,
    /** The chosen version's facts again at the top, in the field names of budget-facts/1 (the outside contract). */
    units: Type.Array(BudgetUnitWire),
    income: BudgetContentWire.properties.income,
    carryOver: BudgetContentWire.properties.carryOver,
    basicExpenditureLines: BudgetContentWire.properties.basicExpenditureLines,
    projects: BudgetContentWire.properties.projects,
    priorYear: BudgetContentWire.properties.priorYear,
    /** In a year of four rounds: the round reached (一上, 一下, 二上, 二下). */
    round: Type.Optional(Type.String()),
    /** Set on a draft opened from last year's approved budget (`{"fromYear": year - 1}`): what was carried and what to check. */
    carriedFrom: Type.Optional(CarriedFromView),
  },
  { title: 'BudgetView', description: '所选版本的预算；流程字段（status、控制数、退回理由、提示）只给部门本身、财政与监督' },
);
export type BudgetView = Static<typeof BudgetView>;

/** `GET …/rounds`: each round's figures (一上, 一下 control numbers, 二上, 二下 with its document) as readable versions. */
export const BudgetRounds = Type.Object(
  {
    ...budgetAddressFields,
    current: Type.Optional(Type.String()),
    rounds: Type.Array(
      Type.Object({
        round: Type.String(),
        by: Type.String(),
        at: Type.String(),
        totals: Type.Optional(Type.Object({ income: YuanSchema(), basic: YuanSchema(), project: YuanSchema(), total: YuanSchema() })),
        content: Type.Optional(BudgetContentWire),
        units: Type.Optional(Type.Array(BudgetUnitWire)),
        income: Type.Optional(BudgetContentWire.properties.income),
        carryOver: Type.Optional(BudgetContentWire.properties.carryOver),
        basicExpenditureLines: Type.Optional(BudgetContentWire.properties.basicExpenditureLines),
        projects: Type.Optional(BudgetContentWire.properties.projects),
        priorYear: Type.Optional(PriorYearWire),
        controlNumbers: Type.Optional(ControlNumbersView),
        documentNumber: Type.Optional(Type.String()),
        documentDate: Type.Optional(Type.String()),
      }),
    ),
  },
  { title: 'BudgetRounds', description: '四轮（一上、一下、二上、二下）各轮的数字' },
);
export type BudgetRounds = Static<typeof BudgetRounds>;

/** One event of `GET …/history`: who (user, role, department), when, why, and the event's data as written. */
export const HistoryEntry = Type.Object({
  version: Type.Integer(),
  type: Type.String({ examples: ['DraftSubmitted'] }),
  at: Type.String(),
  userId: Type.String(),
  /** `system` for what the service did by itself (the reminder planner, an import of the demo). */
  role: Type.Union([RoleSchema, Type.Literal('system')]),
  department: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  correlationId: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type HistoryEntry = Static<typeof HistoryEntry>;

export const BudgetHistory = Type.Object(
  { ...budgetAddressFields, events: Type.Array(HistoryEntry) },
  { title: 'BudgetHistory', description: '预算历史：每个事件的操作人、角色、时间、理由与内容' },
);
export type BudgetHistory = Static<typeof BudgetHistory>;

/** One line of `GET …/diff?from=&to=`: amounts before and after in 元, `delta` = after − before. */
export const ContentChangeView = Type.Object({
  section: Type.Union([Type.Literal('income'), Type.Literal('carryOver'), Type.Literal('basicLine'), Type.Literal('project')]),
  key: Type.String(),
  label: Type.String(),
  kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  before: Type.Optional(YuanSchema()),
  after: Type.Optional(YuanSchema()),
  delta: YuanSchema(),
  changedFields: Type.Optional(Type.Array(Type.String())),
});
export type ContentChangeView = Static<typeof ContentChangeView>;

export const BudgetDiff = Type.Object(
  {
    ...budgetAddressFields,
    /** `returned`: the draft as finance last returned it (`?from=returned`). */
    from: Type.Union([VersionNumber, Type.Literal('returned')]),
    to: VersionNumber,
    changes: Type.Array(ContentChangeView),
  },
  { title: 'BudgetDiff', description: '两个版本之间的逐行差异（元）' },
);
export type BudgetDiff = Static<typeof BudgetDiff>;

/**
 * `GET …/rounds/diff?from=一上&to=二上`: `basis` `content` when both rounds keep their content (line by line, as
 * `…/diff`); `totals` when one keeps only totals (一下's control numbers) — then `note` says so and the changes are
 * of 支出合计, 基本支出, 项目支出 (`section: 'totals'`).
 */
export const BudgetRoundsDiff = Type.Object(
  {
    ...budgetAddressFields,
    from: Type.String({ description: '一上 | 一下 | 二上 | 二下' }),
    to: Type.String({ description: '一上 | 一下 | 二上 | 二下' }),
    basis: Type.Union([Type.Literal('content'), Type.Literal('totals')], { description: 'content 逐行比较；totals 一方只有控制数，只比较合计' }),
    note: Type.Optional(Type.String()),
    changes: Type.Array(
      Type.Composite([Type.Omit(ContentChangeView, ['section']), Type.Object({ section: Type.Union([...ContentChangeView.properties.section.anyOf, Type.Literal('totals')]) })]),
    ),
  },
  { title: 'BudgetRoundsDiff', description: '两个编制轮次之间的差异（元）' },
);
export type BudgetRoundsDiff = Static<typeof BudgetRoundsDiff>;

/** One 勾稽 finding of `GET …/consistency`: `ref` points at the table cell or the sentence. */
export const ConsistencyFindingView = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('info')]),
  message: Type.String(),
  ref: Type.String(),
});
export type ConsistencyFindingView = Static<typeof ConsistencyFindingView>;

export const ConsistencyAnswer = Type.Object(
  { ...budgetAddressFields, version: VersionNumber, findings: Type.Array(ConsistencyFindingView) },
  { title: 'ConsistencyAnswer', description: '勾稽检查结果：error 阻止报送，warning 只提示' },
);
export type ConsistencyAnswer = Static<typeof ConsistencyAnswer>;

/** One of the nine 公开表 (`T1` … `T9`), rows already formatted in 万元. */
export const DisclosureTableView = Type.Object({ id: Type.String({ examples: ['T1'] }), title: Type.String(), rows: Type.Array(Type.Array(Type.String())) });
export type DisclosureTableView = Static<typeof DisclosureTableView>;

/** `GET …/tables?version=…` */
export const DisclosureTablesAnswer = Type.Object(
  {
    ...budgetAddressFields,
    version: VersionNumber,
    unit: Type.String({ examples: ['万元'] }),
    budgetUnit: Type.Optional(BudgetUnitWire),
    tables: Type.Array(DisclosureTableView),
  },
  { title: 'DisclosureTablesAnswer', description: '九张公开表（单位：万元，单元格为印刷格式的字符串）；?unit= 时为该所属单位本身的表（budgetUnit）' },
);
export type DisclosureTablesAnswer = Omit<Static<typeof DisclosureTablesAnswer>, 'budgetUnit'>;

/** `GET …/tables/{tableId}` */
export const DisclosureTableAnswer = Type.Object(
  { ...budgetAddressFields, version: VersionNumber, unit: Type.String(), table: DisclosureTableView },
  { title: 'DisclosureTableAnswer', description: '单张公开表（万元）' },
);

export const NarrativeSectionView = Type.Object({ heading: Type.String(), paragraphs: Type.Array(Type.String()) });
export type NarrativeSectionView = Static<typeof NarrativeSectionView>;

/** A 项目绩效目标表: rows as printed. */
export const PerformanceGoalTableView = Type.Object({ projectCode: Type.String(), title: Type.String(), rows: Type.Array(Type.Array(Type.String())) });
export type PerformanceGoalTableView = Static<typeof PerformanceGoalTableView>;

/** 三、机关运行经费安排情况 (万元); `applies` is false for 事业 units, which do not report it. */
export const RunningCostsView = Type.Object({ heading: Type.String(), applies: Type.Boolean(), amount: Type.String(), use: Type.Optional(Type.String()) });
export type RunningCostsView = Static<typeof RunningCostsView>;

/** A section printed as a small table (政府采购, 国有资产占用): header rows, then body rows (cells as printed, blank = ""). */
export const SectionTableView = Type.Object({
  heading: Type.String(),
  title: Type.String(),
  /** The line above the header: department and 单位 or 截止时间. */
  caption: Type.Array(Type.String()),
  header: Type.Array(Type.Array(Type.String())),
  rows: Type.Array(Type.Array(Type.String())),
  notes: Type.Array(Type.String()),
});
export type SectionTableView = Static<typeof SectionTableView>;

export const DisclosureChapterView = Type.Object({ heading: Type.String(), paragraphs: Type.Array(Type.String()), tables: Type.Array(SectionTableView) });
export type DisclosureChapterView = Static<typeof DisclosureChapterView>;

/** `GET …/disclosure?version=…`: the 情况说明, the goal tables and the department sections of the published text. */
export const DisclosureAnswer = Type.Object(
  {
    ...budgetAddressFields,
    version: VersionNumber,
    narrative: Type.Object({ sections: Type.Array(NarrativeSectionView), text: Type.String() }),
    performanceGoals: Type.Array(PerformanceGoalTableView),
    runningCosts: RunningCostsView,
    procurement: SectionTableView,
    fixedAssets: Type.Union([SectionTableView, Type.Null()]),
    /** The whole document after the tables (情况说明: 一、部门职责及机构设置情况 … 十一、名词解释), as printed. */
    chapters: Type.Optional(Type.Array(DisclosureChapterView)),
  },
  { title: 'DisclosureAnswer', description: '公开文本：情况说明、项目绩效目标表、机关运行经费、政府采购、国有资产' },
);
export type DisclosureAnswer = Static<typeof DisclosureAnswer>;

/** One department of `GET /v1/budgets?year=` (全县汇总); amounts in 元. */
export const CountyRow = Type.Object({
  department: Type.String(),
  name: Type.String(),
  status: BudgetStatus,
  streamVersion: Type.Integer(),
  approvedVersions: Type.Integer(),
  publishedVersions: Type.Integer(),
  income: YuanSchema(),
  basic: YuanSchema(),
  project: YuanSchema(),
});
export type CountyRow = Static<typeof CountyRow>;

export const CountyOverview = Type.Object(
  { fiscalYear: Type.Integer(), unit: Type.Literal('元'), departments: Type.Array(CountyRow) },
  { title: 'CountyOverview', description: '全县各部门预算汇总（元）' },
);
export type CountyOverview = Static<typeof CountyOverview>;

export const CatalogEntry = Type.Object({ code: Type.String({ examples: ['2010301'] }), name: Type.String({ examples: ['行政运行'] }) });
export type CatalogEntry = Static<typeof CatalogEntry>;

/** `GET /v1/catalogs/{year}`: the year's functional (支出功能分类) and economic (经济分类) codes. */
export const CatalogView = Type.Object(
  { fiscalYear: Type.Integer(), functional: Type.Array(CatalogEntry), economic: Type.Array(CatalogEntry) },
  { title: 'CatalogView', description: '本年度支出功能分类与经济分类科目' },
);
export type CatalogView = Static<typeof CatalogView>;

import { type Static, type TProperties, Type } from '@sinclair/typebox';

const commandAnswerFields = {
  streamId: Type.String({ description: '事件流编号', examples: ['budget-501-2024'] }),
  version: Type.Integer({ description: '命令之后的事件流版本（即 ETag，下次写入时放在 If-Match）', examples: [42] }),
  position: Type.Optional(Type.String({ description: '最后写入事件的全局位置：读模型查询带上 ?after= 即可读到本次写入；未改变任何数据时省略', examples: ['1234'] })),
  events: Type.Array(Type.String(), { description: '本次写入的事件类型', examples: [['BasicLineProposed']] }),
  approvedVersion: Type.Optional(Type.Integer({ description: '最新批复版本号（…/versions/{n} 的 n），有批复后才有', examples: [1] })),
};

/** What every budget command answers: where the stream stands now, for `If-Match` and read-your-writes. */
export const BudgetCommandAnswer = Type.Object(commandAnswerFields, {
  title: 'BudgetCommandAnswer',
  description: '预算命令的答复：事件流的新版本（ETag，供 If-Match）、读模型位置（供 ?after=）、写入的事件',
  examples: [{ streamId: 'budget-501-2024', version: 42, position: '1234', events: ['IncomeDeclared'] }],
});
export type BudgetCommandAnswer = Static<typeof BudgetCommandAnswer>;

/** A command that creates something answers its id under `key` and the path where it now lives (201). */
export type CreatedAnswer<K extends string, T extends { version: number } = BudgetCommandAnswer> = T & Record<K, string> & { location: string };

/** The schema of a create's answer: the command answer, the new id under `key`, and `location`. */
export const createdAnswer = <K extends string>(title: string, key: K, description: string, example: string, base: TProperties = commandAnswerFields) =>
  Type.Object(
    { ...base, [key]: Type.String({ description, examples: [example] }), location: Type.String({ description: '新资源的地址（也在 Location 头中）' }) } as TProperties,
    { title, description: `创建成功（201）：答复含 ${key} 与 location` },
  );

/** `POST …/basic-lines` */
export const BasicLineCreated = createdAnswer('BasicLineCreated', 'lineId', '新基本支出明细的编号', 'basic-7');
export type BasicLineCreated = CreatedAnswer<'lineId'>;
/** `POST …/projects` */
export const ProjectCreated = createdAnswer('ProjectCreated', 'projectCode', '新项目的编码', '13043324P00007510001B');
export type ProjectCreated = CreatedAnswer<'projectCode'>;
/** `POST …/adjustments` */
export const AdjustmentRequested = createdAnswer('AdjustmentRequested', 'adjustmentId', '调整申请编号', '3f1c…');
export type AdjustmentRequested = CreatedAnswer<'adjustmentId'>;

/** `PATCH …/basic-lines/{lineId}` */
export const BasicLineRevised = Type.Object(
  { ...commandAnswerFields, lineId: Type.String({ description: '所修改明细的编号' }) },
  { title: 'BasicLineRevised', description: '修改成功：命令答复与明细编号' },
);
/** `PATCH …/projects/{code}` */
export const ProjectAdjusted = Type.Object(
  { ...commandAnswerFields, projectCode: Type.String({ description: '所调整项目的编码' }) },
  { title: 'ProjectAdjusted', description: '调整成功：命令答复与项目编码' },
);
/** `POST …/import` */
export const BudgetImported = Type.Object(
  {
    ...commandAnswerFields,
    events: Type.Array(Type.String(), { description: '本次写入的事件类型（去重，按首次出现的顺序；各类型的条数见 eventCounts）', examples: [['BasicLineProposed', 'ProjectProposed']] }),
    eventCounts: Type.Record(Type.String(), Type.Integer({ minimum: 1 }), { description: '每种事件类型写入的条数', examples: [{ BasicLineProposed: 120, ProjectProposed: 8 }] }),
    imported: Type.Boolean({ description: '是否写入了事件（同一文档再次导入为 false，不改变任何数据）' }),
  },
  { title: 'BudgetImported', description: '导入的答复：整份文档作为一次原子写入；写入的事件按类型计数（一万行的导入不逐条列出）' },
);
export type BudgetImported = Static<typeof BudgetImported>;

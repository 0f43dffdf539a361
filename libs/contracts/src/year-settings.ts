import { type Static, Type } from '@sinclair/typebox';
import { VersionNumber } from './budget';
import { Text } from './schema';
import { YuanSchema } from './schema';

/** Per-year settings and catalogs: their bodies and answers. */

const streamFields = {
  version: Type.Integer({ description: '设置事件流的版本（ETag，供 If-Match）' }),
  position: Type.Optional(Type.String({ description: '最后写入事件的全局位置（供 ?after=）' })),
};

/** `PUT /v1/catalogs/{year}`: entries merged into the year's catalog (checked by the catalog parser, CATALOG_ENTRY_INVALID). */
export const CatalogLoadRequest = Type.Unknown({
  title: 'CatalogLoadRequest',
  description: '分类科目：{ functional: [{code, name}], economic: [{code, name}] }，与本年度已有科目合并；由科目解析器逐项检查（CATALOG_ENTRY_INVALID）',
  examples: [{ functional: [{ code: '2010301', name: '行政运行' }], economic: [{ code: '30201', name: '办公费' }] }],
});

export const CatalogLoaded = Type.Object(
  {
    fiscalYear: Type.Integer(),
    changed: Type.Boolean({ description: '是否新增了科目' }),
    version: Type.Integer(),
    functional: Type.Integer({ description: '功能分类科目数' }),
    economic: Type.Integer({ description: '经济分类科目数' }),
  },
  { title: 'CatalogLoaded', description: '载入后的年度科目数' },
);
export type CatalogLoaded = Static<typeof CatalogLoaded>;

export const DisclosureRounding = Type.Union([Type.Literal('each-cell'), Type.Literal('tail-difference')], {
  description: 'each-cell 逐格四舍五入（默认）；tail-difference 尾差调整（各分项之和等于合计）',
});

/** `PUT /v1/disclosure-settings/{year}` */
export const DisclosureSettingsRequest = Type.Object(
  { rounding: Text(20, { description: 'each-cell 或 tail-difference（其他值由设置规则拒绝）', examples: ['tail-difference'] }) },
  { title: 'DisclosureSettingsRequest', description: '公开表打印参数', additionalProperties: false, examples: [{ rounding: 'tail-difference' }] },
);

export const DisclosureSettingsView = Type.Object(
  { fiscalYear: Type.Integer(), rounding: DisclosureRounding, ...streamFields, changed: Type.Optional(Type.Boolean({ description: '（设置的答复）是否有改变' })) },
  { title: 'DisclosureSettingsView', description: '本年度公开表打印参数', additionalProperties: true },
);
export type DisclosureSettingsView = Static<typeof DisclosureSettingsView>;

const subtotal = { basic: YuanSchema(), project: YuanSchema(), total: YuanSchema() };
/** `GET /v1/county/{year}/functional-classes` */
export const CountyFunctionalClasses = Type.Object(
  {
    fiscalYear: Type.Integer(),
    version: Type.Union([Type.Literal('current'), Type.Literal('approved'), Type.Literal('published')]),
    unit: Type.Literal('元'),
    total: Type.Object(subtotal),
    functionalClasses: Type.Array(Type.Object({ code: Type.String({ examples: ['201'] }), name: Type.String(), departments: Type.Integer(), ...subtotal })),
    departments: Type.Array(Type.Object({ department: Type.String(), name: Type.String(), version: VersionNumber, status: Type.String(), ...subtotal })),
  },
  { title: 'CountyFunctionalClasses', description: '全县各部门支出合计与按功能分类（类）汇总（元）' },
);
export type CountyFunctionalClasses = Static<typeof CountyFunctionalClasses>;

const CatalogChangeItem = Type.Object({
  scheme: Type.Union([Type.Literal('functional'), Type.Literal('economic')]),
  code: Type.String(),
  name: Type.String(),
  level: Type.String({ description: '级次（类、款、项）' }),
  /** The name in force before a rename. */
  before: Type.Optional(Type.String({ description: '改名前的名称' })),
  line: Type.Optional(Type.Integer({ description: '文件中的行号' })),
});

/** `POST /v1/catalogs/{year}/import[?preview=1]`: what the file adds, renames, retires (and, for a preview, leaves unchanged, its errors). */
export const CatalogImportAnswer = Type.Object(
  {
    fiscalYear: Type.Integer(),
    counts: Type.Object({ added: Type.Integer(), renamed: Type.Integer(), retired: Type.Integer(), unchanged: Type.Integer(), errors: Type.Integer() }),
    preview: Type.Boolean({ description: 'true：只预览，未载入' }),
    changed: Type.Optional(Type.Boolean({ description: '（载入）是否改变了科目' })),
    version: Type.Integer({ description: '目录版本（If-Match）' }),
    position: Type.Optional(Type.String()),
    added: Type.Array(CatalogChangeItem),
    renamed: Type.Array(CatalogChangeItem),
    retired: Type.Array(CatalogChangeItem),
    unchanged: Type.Optional(Type.Array(CatalogChangeItem)),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String(), line: Type.Optional(Type.Integer()) }))),
  },
  { title: 'CatalogImportAnswer', description: '科目清单导入（或预览）的结果：新增、改名、停用、未变、逐行错误' },
);

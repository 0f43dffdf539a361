import { economicPath, functionalPath } from './classification';
import type { BudgetContent, CatalogNames } from './domain';
import { expenditureItems } from './expenditure-items';
import { csvDocument } from './csv';

/** Budget phase as the Fiscal Data Package names it: 一上 draft, 批复, 调整. */
export type FiscalPhase = 'proposed' | 'approved' | 'adjusted';

export interface FiscalDataPackage {
  'datapackage.json': Record<string, unknown>;
  files: Array<{ name: string; csv: string }>;
}

const FIELDS: Array<{ name: string; type: 'string' | 'integer' | 'number'; title: string; columnType: string }> = [
  { name: 'fiscal_year', type: 'integer', title: '预算年度', columnType: 'date:fiscal-year' },
  { name: 'phase', type: 'string', title: '预算阶段', columnType: 'phase:id' },
  { name: 'department_code', type: 'string', title: '部门编码', columnType: 'administrative-classification:generic:level1:code' },
  { name: 'department_name', type: 'string', title: '部门名称', columnType: 'administrative-classification:generic:level1:label' },
  { name: 'expenditure_kind', type: 'string', title: '支出类型（basic 基本支出 / project 项目支出）', columnType: 'expenditure-type:generic:level1:code' },
  { name: 'project_code', type: 'string', title: '项目编码', columnType: 'project:generic:level1:code' },
  { name: 'project_name', type: 'string', title: '项目名称', columnType: 'project:generic:level1:label' },
  { name: 'functional_class_code', type: 'string', title: '功能分类类', columnType: 'functional-classification:generic:level1:code' },
  { name: 'functional_class_name', type: 'string', title: '功能分类类名称', columnType: 'functional-classification:generic:level1:label' },
  { name: 'functional_section_code', type: 'string', title: '功能分类款', columnType: 'functional-classification:generic:level2:code' },
  { name: 'functional_section_name', type: 'string', title: '功能分类款名称', columnType: 'functional-classification:generic:level2:label' },
  { name: 'functional_item_code', type: 'string', title: '功能分类项', columnType: 'functional-classification:generic:level3:code' },
  { name: 'functional_item_name', type: 'string', title: '功能分类项名称', columnType: 'functional-classification:generic:level3:label' },
  { name: 'economic_class_code', type: 'string', title: '经济分类类', columnType: 'economic-classification:generic:level1:code' },
  { name: 'economic_class_name', type: 'string', title: '经济分类类名称', columnType: 'economic-classification:generic:level1:label' },
  { name: 'economic_section_code', type: 'string', title: '经济分类款', columnType: 'economic-classification:generic:level2:code' },
  { name: 'economic_section_name', type: 'string', title: '经济分类款名称', columnType: 'economic-classification:generic:level2:label' },
  { name: 'fund_source', type: 'string', title: '资金来源', columnType: 'fin-source:generic:level1:label' },
  { name: 'amount', type: 'number', title: '金额（元）', columnType: 'value' },
];

/** The spending lines of one version as the package's CSV (header row first, CRLF), amounts in 元. */
export const fiscalDataCsv = (content: BudgetContent, catalog: CatalogNames, phase: FiscalPhase): string => {
  const rows = expenditureItems(content).map((item) => {
    const [functionalClass, functionalSection, functionalItem] = functionalPath(item.functionalCode);
    const [economicClass, economicSection] = item.economicCode ? economicPath(item.economicCode) : ['', ''];
    const project = item.projectIndex === undefined ? undefined : content.projects[item.projectIndex];
    const functionalName = (code: string) => catalog.functionalName(code) ?? '';
    const economicName = (code: string) => (code ? (catalog.economicName(code) ?? '') : '');
    return [
      String(content.fiscalYear),
      phase,
      content.department.code,
      content.department.name,
      item.kind,
      project?.code ?? '',
      project?.name ?? '',
      functionalClass,
      functionalName(functionalClass),
      functionalSection,
      functionalName(functionalSection),
      functionalItem,
      functionalName(functionalItem),
      economicClass,
      economicName(economicClass),
      economicSection,
      economicName(economicSection),
      item.fundSource,
      item.amount.toFixed(2),
    ];
  });
  return csvDocument([FIELDS.map((field) => field.name), ...rows]);
};

/**
 * The budget's spending lines as an (Open Spending) Fiscal Data Package: one CSV row per basic line or project
 * line, amounts in 元, with the budget `phase` so proposed, approved and adjusted versions can sit side by side.
 */
export const fiscalDataPackage = (content: BudgetContent, catalog: CatalogNames, phase: FiscalPhase): FiscalDataPackage => {
  const name = `budget-${content.department.code}-${content.fiscalYear}-${phase}`;
  const csv = fiscalDataCsv(content, catalog, phase);
  const descriptor = descriptorOf({
    name,
    title: `${content.department.name}${content.fiscalYear}年部门预算（${phase}）`,
    fiscalYear: content.fiscalYear,
    resources: [{ name: 'budget-lines', path: 'budget-lines.csv' }],
    phase,
  });
  return { 'datapackage.json': descriptor, files: [{ name: 'budget-lines.csv', csv }] };
};

interface DescriptorSpec {
  name: string;
  title: string;
  fiscalYear: number;
  resources: Array<{ name: string; path: string }>;
  /** Set when the package holds one phase only. */
  phase?: FiscalPhase;
}

/** A classification dimension: every `<type>_…` field an attribute, each `…_name` the label of its `…_code`. */
const classificationDimension = (classificationType: 'functional' | 'economic', primaryKey: string): Record<string, unknown> => ({
  dimensionType: 'classification',
  classificationType,
  primaryKey: [primaryKey],
  attributes: Object.fromEntries(
    FIELDS.filter((f) => f.name.startsWith(`${classificationType}_`)).map((f) => [
      f.name,
      f.name.endsWith('_name') ? { source: f.name, labelfor: f.name.replace('_name', '_code') } : { source: f.name },
    ]),
  ),
});

const descriptorOf = ({ name, title, fiscalYear, resources, phase }: DescriptorSpec): Record<string, unknown> => ({
  profile: 'fiscal-data-package',
  name,
  title,
  fiscalPeriod: { start: `${fiscalYear}-01-01`, end: `${fiscalYear}-12-31` },
  countryCode: 'CN',
  resources: resources.map((resource) => ({
    name: resource.name,
    path: resource.path,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    profile: 'tabular-data-resource',
    schema: { fields: FIELDS.map(({ name: fieldName, type, title: fieldTitle, columnType }) => ({ name: fieldName, type, title: fieldTitle, columnType })) },
  })),
  model: {
    measures: { amount: { source: 'amount', currency: 'CNY', factor: 1, direction: 'expenditure', ...(phase ? { phase } : {}) } },
    dimensions: {
      date: { dimensionType: 'datetime', primaryKey: ['fiscal_year'], attributes: { fiscal_year: { source: 'fiscal_year' } } },
      phase: { dimensionType: 'fact', primaryKey: ['phase'], attributes: { phase: { source: 'phase' } } },
      administrative: {
        dimensionType: 'entity',
        primaryKey: ['department_code'],
        attributes: { department_code: { source: 'department_code' }, department_name: { source: 'department_name', labelfor: 'department_code' } },
      },
      functional: classificationDimension('functional', 'functional_item_code'),
      economic: classificationDimension('economic', 'economic_section_code'),
      project: {
        dimensionType: 'activity',
        primaryKey: ['project_code'],
        attributes: { project_code: { source: 'project_code' }, project_name: { source: 'project_name', labelfor: 'project_code' } },
      },
      fundSource: { dimensionType: 'fact', primaryKey: ['fund_source'], attributes: { fund_source: { source: 'fund_source' } } },
      expenditureKind: { dimensionType: 'fact', primaryKey: ['expenditure_kind'], attributes: { expenditure_kind: { source: 'expenditure_kind' } } },
    },
  },
});

/** 预算阶段 names in Chinese, for titles. */
const PHASE_NAMES: Record<FiscalPhase, string> = { proposed: '一上（草案）', approved: '批复', adjusted: '调整' };

/**
 * One package holding several phases of the same budget side by side (proposed = the draft, approved = version 1,
 * adjusted = the latest adjusted version): one CSV per phase, all with the same schema and a `phase` column.
 */
export const fiscalDataPackageOfPhases = (
  budget: { departmentCode: string; departmentName: string; fiscalYear: number },
  phases: ReadonlyArray<{ phase: FiscalPhase; csv: string }>,
): FiscalDataPackage => {
  const files = phases.map(({ phase, csv }) => ({ name: `budget-lines-${phase}.csv`, csv }));
  const descriptor = descriptorOf({
    name: `budget-${budget.departmentCode}-${budget.fiscalYear}`,
    title: `${budget.departmentName}${budget.fiscalYear}年部门预算（${phases.map(({ phase }) => PHASE_NAMES[phase]).join('、')}）`,
    fiscalYear: budget.fiscalYear,
    resources: phases.map(({ phase }) => ({ name: `budget-lines-${phase}`, path: `budget-lines-${phase}.csv` })),
  });
  return { 'datapackage.json': descriptor, files };
};

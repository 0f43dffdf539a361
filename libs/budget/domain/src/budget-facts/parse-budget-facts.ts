import Decimal from 'decimal.js';
import { PROJECT_CODE_RULE, isProjectCode } from '../rules/project-code';
import {
  FUND_SOURCES,
  INCOME_SOURCES,
  UNIT_KINDS,
  type BasicExpenditureLine,
  type BudgetUnit,
  type BudgetContent,
  type DepartmentProfile,
  type DepartmentText,
  type FixedAssets,
  type FundSource,
  type IncomeLine,
  type IncomeSource,
  type PerformanceIndicator,
  type PriorYearFigures,
  type OverallPerformance,
  type ProcurementItem,
  type Project,
  type ProjectLine,
  type SpendingPlanCheckpoint,
  type UnitKind,
} from '../content/budget-content';
import { parseYuan, YUAN_PER_WAN, type Money } from '../money/money';
import { parseIndicatorTarget } from '../rules/indicator-target';
import { fieldsNotAllowed } from './allowed-fields';

/** The only format this parser reads. */
export const BUDGET_FACTS_FORMAT = 'budget-facts/1';

/** 金额单位 of every amount in a budget-facts document. */
export type BudgetFactsUnit = '万元' | '元';

export interface CatalogEntry {
  code: string;
  name: string;
}

export interface BudgetFactsDocument {
  /** The budget, all amounts converted to 元. */
  content: BudgetContent;
  /** Catalog entries the document names (empty lists when it names none). */
  catalogUsed: { functional: CatalogEntry[]; economic: CatalogEntry[] };
  /** The unit the document's amounts were written in. */
  unit: BudgetFactsUnit;
}

/** Stable error codes of the budget-facts/1 parser. */
export type BudgetFactsErrorCode =
  | 'NOT_AN_OBJECT'
  | 'FORMAT_UNSUPPORTED'
  | 'FIELD_REQUIRED'
  | 'FIELD_WRONG_TYPE'
  | 'UNIT_UNSUPPORTED'
  | 'AMOUNT_NOT_DECIMAL_STRING'
  | 'INCOME_SOURCE_UNKNOWN'
  | 'FUND_SOURCE_UNKNOWN'
  | 'UNIT_KIND_UNKNOWN'
  | 'FUNCTIONAL_CODE_INVALID'
  | 'ECONOMIC_CODE_INVALID'
  | 'PROJECT_CODE_INVALID'
  | 'CHECKPOINT_INVALID'
  | 'PERCENT_INVALID'
  | 'INDICATOR_TARGET_INVALID'
  | 'FISCAL_YEAR_INVALID'
  | 'FIELD_NOT_ALLOWED'
  | 'UNIT_NOT_IN_BUDGET'
  | 'DUPLICATE_UNIT_CODE';

export interface BudgetFactsError {
  code: BudgetFactsErrorCode;
  /** Chinese message for the person who prepared the document. */
  message: string;
  /** Path of the offending field, e.g. `projects[2].indicators[3].target`. */
  field: string;
}

export type ParseBudgetFactsResult =
  | { ok: true; document: BudgetFactsDocument }
  | { ok: false; errors: BudgetFactsError[] };

const FUNCTIONAL_ITEM_CODE = /^\d{7}$/; // 支出功能分类 项
const ECONOMIC_ITEM_CODE = /^(\d{5}|302\d{4})$/; // 经济分类 款, or a unit's own sub-number of a 302 款 (the catalog decides)
const CATALOG_CODE = /^\d{3}(\d{2}){0,2}$/;
const CHECKPOINT = /^(\d{1,2})月底$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Collects every problem of a document instead of stopping at the first one: a department fixing last
 * year's spreadsheet wants the whole list.
 */
class FactsReader {
  readonly errors: BudgetFactsError[] = [];
  private readonly scale: Decimal;

  constructor(unit: BudgetFactsUnit) {
    this.scale = unit === '万元' ? YUAN_PER_WAN : new Decimal(1);
  }

  fail(code: BudgetFactsErrorCode, field: string, message: string): void {
    this.errors.push({ code, field, message });
  }

  object(parent: Json, key: string, path: string, required = true): Json | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.fail('FIELD_REQUIRED', path, `缺少必填字段 ${path}`);
      return undefined;
    }
    if (!isObject(value)) {
      this.fail('FIELD_WRONG_TYPE', path, `${path} 应为对象`);
      return undefined;
    }
    return value;
  }

  array(parent: Json, key: string, path: string, required = true): unknown[] {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.fail('FIELD_REQUIRED', path, `缺少必填字段 ${path}`);
      return [];
    }
    if (!Array.isArray(value)) {
      this.fail('FIELD_WRONG_TYPE', path, `${path} 应为数组`);
      return [];
    }
    return value;
  }

  /** Elements of an array that are objects, with their paths; other elements are reported. */
  objects(parent: Json, key: string, path: string, required = true): Array<[Json, string, number]> {
    const result: Array<[Json, string, number]> = [];
    this.array(parent, key, path, required).forEach((element, index) => {
      const elementPath = `${path}[${index}]`;
      if (isObject(element)) result.push([element, elementPath, index]);
      else this.fail('FIELD_WRONG_TYPE', elementPath, `${elementPath} 应为对象`);
    });
    return result;
  }

  text(parent: Json, key: string, path: string, required = true): string {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.fail('FIELD_REQUIRED', path, `缺少必填字段 ${path}`);
      return '';
    }
    if (typeof value !== 'string') {
      this.fail('FIELD_WRONG_TYPE', path, `${path} 应为文本`);
      return '';
    }
    return value;
  }

  projectCode(parent: Json, key: string, path: string): string {
    const value = this.text(parent, key, path);
    if (value !== '' && !isProjectCode(value)) this.fail('PROJECT_CODE_INVALID', path, `${path} 的项目编码 ${JSON.stringify(value)} 不合规：${PROJECT_CODE_RULE}`);
    return value;
  }

  optionalText(parent: Json, key: string, path: string): string | undefined {
    const value = this.text(parent, key, path, false);
    return parent[key] === undefined || parent[key] === null ? undefined : value;
  }

  /** An amount in the document's unit, returned in 元. `null` is zero; a JSON number is refused. */
  amount(parent: Json, key: string, path: string, required = true): Money {
    const value = parent[key];
    if (value === null || (value === undefined && !required)) return new Decimal(0);
    if (value === undefined) {
      this.fail('FIELD_REQUIRED', path, `缺少必填金额 ${path}`);
      return new Decimal(0);
    }
    if (typeof value !== 'string') {
      this.fail(
        'AMOUNT_NOT_DECIMAL_STRING',
        path,
        `${path} 的金额必须写成十进制数字字符串（如 "654.24"），不接受 JSON 数字`,
      );
      return new Decimal(0);
    }
    const parsed = parseYuan(value.trim());
    if (!parsed) {
      this.fail('AMOUNT_NOT_DECIMAL_STRING', path, `${path} 的金额 "${value}" 不是有效的十进制数字`);
      return new Decimal(0);
    }
    return parsed.times(this.scale);
  }

  count(parent: Json, key: string, path: string): number {
    const value = parent[key];
    if (value === undefined || value === null) return 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.fail('FIELD_WRONG_TYPE', path, `${path} 应为非负整数`);
      return 0;
    }
    return value;
  }

  /** `true` / `false`; absent or null is false. */
  flag(parent: Json, key: string, path: string): boolean {
    const value = parent[key];
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') {
      this.fail('FIELD_WRONG_TYPE', path, `${path} 应为 true 或 false`);
      return false;
    }
    return value;
  }

  /** A line's or project's `unit`: one of the document's `units[]` codes (or the department's own code). */
  unitOf(parent: Json, path: string, units: ReadonlySet<string>): string | undefined {
    const unit = this.optionalText(parent, 'unit', path);
    if (unit !== undefined && !units.has(unit)) {
      this.fail('UNIT_NOT_IN_BUDGET', path, `${path} 的单位 "${unit}" 不在 units[] 之中`);
    }
    return unit;
  }

  fundSource(parent: Json, key: string, path: string): FundSource {
    const value = this.text(parent, key, path);
    if (value && !(FUND_SOURCES as readonly string[]).includes(value)) {
      this.fail('FUND_SOURCE_UNKNOWN', path, `${path} 的资金来源 "${value}" 不在 ${FUND_SOURCES.join('、')} 之中`);
    }
    return value as FundSource;
  }

  functionalItemCode(parent: Json, key: string, path: string): string {
    const value = this.text(parent, key, path);
    if (value && !FUNCTIONAL_ITEM_CODE.test(value)) {
      this.fail('FUNCTIONAL_CODE_INVALID', path, `${path} 的支出功能分类科目 "${value}" 应为 7 位项级编码`);
    }
    return value;
  }

  economicItemCode(parent: Json, key: string, path: string): string {
    const value = this.text(parent, key, path);
    if (value && !ECONOMIC_ITEM_CODE.test(value)) {
      this.fail('ECONOMIC_CODE_INVALID', path, `${path} 的经济分类科目 "${value}" 应为 5 位款级编码（或单位自编的 302 款下 7 位编码）`);
    }
    return value;
  }
}

const readDepartment = (reader: FactsReader, root: Json): DepartmentProfile => {
  const department = reader.object(root, 'department', 'department') ?? {};
  const unitKind = reader.text(department, 'unitKind', 'department.unitKind');
  if (unitKind && !(UNIT_KINDS as readonly string[]).includes(unitKind)) {
    reader.fail('UNIT_KIND_UNKNOWN', 'department.unitKind', `单位类型 "${unitKind}" 应为 行政、参公 或 事业`);
  }
  const profile: DepartmentProfile = {
    code: reader.text(department, 'code', 'department.code'),
    name: reader.text(department, 'name', 'department.name'),
    unitKind: unitKind as UnitKind,
  };
  const unitName = reader.optionalText(department, 'unitName', 'department.unitName');
  const unitRank = reader.optionalText(department, 'unitRank', 'department.unitRank');
  const fundingForm = reader.optionalText(department, 'fundingForm', 'department.fundingForm');
  if (unitName !== undefined) profile.unitName = unitName;
  if (unitRank !== undefined) profile.unitRank = unitRank;
  if (fundingForm !== undefined) profile.fundingForm = fundingForm;
  return profile;
};

const readIncome = (reader: FactsReader, root: Json): IncomeLine[] =>
  reader.objects(root, 'income', 'income').map(([line, path]) => {
    const source = reader.text(line, 'source', `${path}.source`);
    if (source && !(INCOME_SOURCES as readonly string[]).includes(source)) {
      reader.fail('INCOME_SOURCE_UNKNOWN', `${path}.source`, `${path}.source 的收入来源 "${source}" 不在 ${INCOME_SOURCES.join('、')} 之中`);
    }
    return { source: source as IncomeSource, amount: reader.amount(line, 'amount', `${path}.amount`) };
  });

/** `fromCarryOver` and `unit` of a line or project, set only when given (a document without them reads as before). */
const carryOverAndUnit = (
  reader: FactsReader,
  part: Json,
  path: string,
  units: ReadonlySet<string>,
): { fromCarryOver?: boolean; unit?: string } => {
  const fromCarryOver = reader.flag(part, 'fromCarryOver', `${path}.fromCarryOver`);
  const unit = reader.unitOf(part, `${path}.unit`, units);
  return { ...(fromCarryOver ? { fromCarryOver: true } : {}), ...(unit !== undefined ? { unit } : {}) };
};

const readBasicLines = (reader: FactsReader, root: Json, units: ReadonlySet<string>): BasicExpenditureLine[] =>
  reader.objects(root, 'basicExpenditureLines', 'basicExpenditureLines').map(([line, path, index]) => ({
    // Deterministic ids: importing the same document twice yields the same lines.
    lineId: `basic-${index + 1}`,
    functionalCode: reader.functionalItemCode(line, 'functionalCode', `${path}.functionalCode`),
    economicCode: reader.economicItemCode(line, 'economicCode', `${path}.economicCode`),
    fundSource: reader.fundSource(line, 'fundSource', `${path}.fundSource`),
    amount: reader.amount(line, 'amount', `${path}.amount`),
    ...carryOverAndUnit(reader, line, path, units),
  }));

const readSpendingPlan = (reader: FactsReader, project: Json, path: string): SpendingPlanCheckpoint[] =>
  reader.objects(project, 'spendingPlan', `${path}.spendingPlan`, false).map(([entry, entryPath]) => {
    const checkpoint = reader.text(entry, 'checkpoint', `${entryPath}.checkpoint`);
    const match = CHECKPOINT.exec(checkpoint.trim());
    const month = match ? Number(match[1]) : 0;
    if (checkpoint && (!match || month < 1 || month > 12)) {
      reader.fail('CHECKPOINT_INVALID', `${entryPath}.checkpoint`, `支出计划节点 "${checkpoint}" 应写成 "3月底" 这样的月份`);
    }
    const rawPercent = entry['cumulativePercent'];
    const percent = typeof rawPercent === 'string' ? Number(rawPercent.replace(/%$/, '')) : rawPercent;
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      reader.fail('PERCENT_INVALID', `${entryPath}.cumulativePercent`, `累计支出比例应为 0 到 100 之间的数字`);
    }
    return { checkpoint: checkpoint.trim(), month, cumulativePercent: typeof percent === 'number' ? percent : 0 };
  });

const readIndicators = (reader: FactsReader, owner: Json, path: string): PerformanceIndicator[] =>
  reader.objects(owner, 'indicators', `${path}.indicators`, false).map(([indicator, indicatorPath]) => {
    const targetText = reader.text(indicator, 'target', `${indicatorPath}.target`);
    const target = parseIndicatorTarget(targetText);
    if (targetText && !target) {
      reader.fail(
        'INDICATOR_TARGET_INVALID',
        `${indicatorPath}.target`,
        `指标值 "${targetText}" 无法识别，应为可选比较符加数值和单位，如 "≥95 %"、"＝9人"`,
      );
    }
    return {
      level1: reader.text(indicator, 'level1', `${indicatorPath}.level1`),
      level2: reader.text(indicator, 'level2', `${indicatorPath}.level2`),
      name: reader.text(indicator, 'name', `${indicatorPath}.name`),
      description: reader.text(indicator, 'description', `${indicatorPath}.description`, false),
      target: target ?? { printed: targetText, comparator: null, value: '', unit: '' },
      basis: reader.text(indicator, 'basis', `${indicatorPath}.basis`, false),
    };
  });

const readProjectLines = (reader: FactsReader, project: Json, path: string): ProjectLine[] =>
  reader.objects(project, 'lines', `${path}.lines`, false).map(([line, linePath]) => ({
    functionalCode: reader.functionalItemCode(line, 'functionalCode', `${linePath}.functionalCode`),
    economicCode: reader.economicItemCode(line, 'economicCode', `${linePath}.economicCode`),
    fundSource: reader.fundSource(line, 'fundSource', `${linePath}.fundSource`),
    amount: reader.amount(line, 'amount', `${linePath}.amount`),
    ...(reader.flag(line, 'fromCarryOver', `${linePath}.fromCarryOver`) ? { fromCarryOver: true } : {}),
  }));

const readProjects = (reader: FactsReader, root: Json, units: ReadonlySet<string>): Project[] =>
  reader.objects(root, 'projects', 'projects', false).map(([project, path]) => ({
    code: reader.projectCode(project, 'code', `${path}.code`),
    name: reader.text(project, 'name', `${path}.name`),
    functionalCode: reader.functionalItemCode(project, 'functionalCode', `${path}.functionalCode`),
    fundSource: reader.fundSource(project, 'fundSource', `${path}.fundSource`),
    amount: reader.amount(project, 'amount', `${path}.amount`),
    fiscalFunds: reader.amount(project, 'fiscalFunds', `${path}.fiscalFunds`, false),
    otherFunds: reader.amount(project, 'otherFunds', `${path}.otherFunds`, false),
    purpose: reader.text(project, 'purpose', `${path}.purpose`, false),
    spendingPlan: readSpendingPlan(reader, project, path),
    goal: reader.text(project, 'goal', `${path}.goal`, false),
    indicators: readIndicators(reader, project, path),
    lines: readProjectLines(reader, project, path),
    ...carryOverAndUnit(reader, project, path, units),
  }));

/** 所属单位: `units[]` with code, name, unitKind and an optional parent (a unit code or the department's). */
const readUnits = (reader: FactsReader, root: Json, departmentCode: string): BudgetUnit[] => {
  const units = reader.objects(root, 'units', 'units', false).map(([unit, path]): BudgetUnit => {
    const unitKind = reader.text(unit, 'unitKind', `${path}.unitKind`);
    if (unitKind && !(UNIT_KINDS as readonly string[]).includes(unitKind)) {
      reader.fail('UNIT_KIND_UNKNOWN', `${path}.unitKind`, `单位类型 "${unitKind}" 应为 行政、参公 或 事业`);
    }
    const parent = reader.optionalText(unit, 'parent', `${path}.parent`);
    return {
      code: reader.text(unit, 'code', `${path}.code`),
      name: reader.text(unit, 'name', `${path}.name`),
      unitKind: unitKind as UnitKind,
      ...(parent !== undefined ? { parent } : {}),
    };
  });
  const codes = new Set<string>();
  units.forEach((unit, i) => {
    if (codes.has(unit.code)) reader.fail('DUPLICATE_UNIT_CODE', `units[${i}].code`, `单位编码 "${unit.code}" 重复`);
    codes.add(unit.code);
  });
  units.forEach((unit, i) => {
    if (unit.parent !== undefined && unit.parent !== departmentCode && !codes.has(unit.parent)) {
      reader.fail('UNIT_NOT_IN_BUDGET', `units[${i}].parent`, `上级单位 "${unit.parent}" 不在 units[] 之中，也不是本部门`);
    }
  });
  return units;
};

const readPriorYear = (reader: FactsReader, root: Json, fiscalYear: number): PriorYearFigures | undefined => {
  const prior = reader.object(root, 'priorYear', 'priorYear', false);
  if (!prior) return undefined;
  const year = prior['fiscalYear'];
  if (year !== undefined && (typeof year !== 'number' || !Number.isInteger(year))) {
    reader.fail('FISCAL_YEAR_INVALID', 'priorYear.fiscalYear', '上年年度应为整数年份');
  }
  return {
    fiscalYear: typeof year === 'number' ? year : fiscalYear - 1,
    total: reader.amount(prior, 'total', 'priorYear.total', false),
    basic: reader.amount(prior, 'basic', 'priorYear.basic', false),
    project: reader.amount(prior, 'project', 'priorYear.project', false),
    threePublicExpenses: reader.amount(prior, 'threePublicExpenses', 'priorYear.threePublicExpenses', false),
  };
};

const readFixedAssets = (reader: FactsReader, root: Json): FixedAssets | undefined => {
  const assets = reader.object(root, 'fixedAssets', 'fixedAssets', false);
  if (!assets) return undefined;
  const holding = (key: string) => {
    const path = `fixedAssets.${key}`;
    const entry = reader.object(assets, key, path, false) ?? {};
    return { count: reader.count(entry, 'count', `${path}.count`), value: reader.amount(entry, 'value', `${path}.value`, false) };
  };
  return {
    asOf: reader.text(assets, 'asOf', 'fixedAssets.asOf', false),
    total: reader.amount(assets, 'total', 'fixedAssets.total', false),
    vehicles: holding('vehicles'),
    equipmentOver200k: holding('equipmentOver200k'),
    other: holding('other'),
  };
};

const readProcurement = (reader: FactsReader, root: Json): ProcurementItem[] =>
  reader.objects(root, 'procurement', 'procurement', false).map(([item, path]) => {
    const result: ProcurementItem = {
      item: reader.text(item, 'item', `${path}.item`),
      amount: reader.amount(item, 'amount', `${path}.amount`),
    };
    const category = reader.optionalText(item, 'category', `${path}.category`);
    if (category !== undefined) result.category = category;
    if (item['fundSource'] !== undefined) result.fundSource = reader.fundSource(item, 'fundSource', `${path}.fundSource`);
    if (reader.flag(item, 'fromCarryOver', `${path}.fromCarryOver`)) result.fromCarryOver = true;
    const project = reader.optionalText(item, 'project', `${path}.project`);
    if (project !== undefined) result.project = project;
    return result;
  });

const readText = (reader: FactsReader, root: Json): DepartmentText | undefined => {
  const text = reader.object(root, 'text', 'text', false);
  if (!text) return undefined;
  const duties = reader.array(text, 'duties', 'text.duties', false).map((duty, index) => {
    if (typeof duty !== 'string') reader.fail('FIELD_WRONG_TYPE', `text.duties[${index}]`, `text.duties[${index}] 应为文本`);
    return String(duty);
  });
  const result: DepartmentText = { duties, organisation: reader.array(text, 'organisation', 'text.organisation', false) };
  for (const key of ['overallPerformanceGoals', 'runningCostsUse', 'threePublicChangeReason', 'specialFunds'] as const) {
    const value = reader.optionalText(text, key, `text.${key}`);
    if (value !== undefined) result[key] = value;
  }
  const overall = readOverallPerformance(reader, text);
  if (overall) result.overallPerformance = overall;
  return result;
};

/** `text.overallPerformance`: 部门整体绩效目标 as goals with indicators, read like a project's indicators. */
const readOverallPerformance = (reader: FactsReader, text: Json): OverallPerformance | undefined => {
  const overall = reader.object(text, 'overallPerformance', 'text.overallPerformance', false);
  if (!overall) return undefined;
  const goals = reader.objects(overall, 'goals', 'text.overallPerformance.goals').map(([goal, path]) => ({
    name: reader.text(goal, 'name', `${path}.name`),
    goal: reader.text(goal, 'goal', `${path}.goal`),
    indicators: readIndicators(reader, goal, path),
  }));
  const result: OverallPerformance = { goals };
  const summary = reader.optionalText(overall, 'summary', 'text.overallPerformance.summary');
  if (summary !== undefined) result.summary = summary;
  const measures = reader.optionalText(overall, 'measures', 'text.overallPerformance.measures');
  if (measures !== undefined) result.measures = measures;
  return result;
};

const readCatalog = (reader: FactsReader, root: Json): BudgetFactsDocument['catalogUsed'] => {
  const catalog = reader.object(root, 'catalogUsed', 'catalogUsed', false) ?? {};
  const entries = (key: 'functional' | 'economic'): CatalogEntry[] =>
    reader.objects(catalog, key, `catalogUsed.${key}`, false).map(([entry, path]) => {
      const code = reader.text(entry, 'code', `${path}.code`);
      if (code && !CATALOG_CODE.test(code)) {
        reader.fail(
          key === 'functional' ? 'FUNCTIONAL_CODE_INVALID' : 'ECONOMIC_CODE_INVALID',
          `${path}.code`,
          `科目编码 "${code}" 应为 3、5 或 7 位数字`,
        );
      }
      return { code, name: reader.text(entry, 'name', `${path}.name`) };
    });
  return { functional: entries('functional'), economic: entries('economic') };
};

/**
 * Reads a `budget-facts/1` document (see docs/BUDGET-FACTS.md) into `BudgetContent` with every amount in 元.
 * Pure: checks the document's shape only. Whether codes exist in the year's catalog, and whether the budget
 * balances, is for the decider.
 */
export const parseBudgetFacts = (json: unknown): ParseBudgetFactsResult => {
  if (!isObject(json)) {
    return { ok: false, errors: [{ code: 'NOT_AN_OBJECT', field: '', message: '预算数据应为 JSON 对象' }] };
  }
  if (json['format'] !== BUDGET_FACTS_FORMAT) {
    return {
      ok: false,
      errors: [
        {
          code: 'FORMAT_UNSUPPORTED',
          field: 'format',
          message: `不支持的数据格式 "${String(json['format'])}"，应为 "${BUDGET_FACTS_FORMAT}"`,
        },
      ],
    };
  }
  const unitValue = json['unit'];
  const unitErrors: BudgetFactsError[] = [];
  if (unitValue !== '万元' && unitValue !== '元') {
    unitErrors.push({ code: 'UNIT_UNSUPPORTED', field: 'unit', message: `金额单位 "${String(unitValue)}" 应为 "万元" 或 "元"` });
  }
  const unit: BudgetFactsUnit = unitValue === '元' ? '元' : '万元';
  const reader = new FactsReader(unit);
  // Unknown fields first: a misspelt field explains the errors that follow from it (a required one "missing").
  for (const field of fieldsNotAllowed(json)) {
    reader.fail('FIELD_NOT_ALLOWED', field, `${field} 不是 budget-facts/1 定义的字段`);
  }
  reader.errors.push(...unitErrors);

  const fiscalYear = json['fiscalYear'];
  if (typeof fiscalYear !== 'number' || !Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
    reader.fail('FISCAL_YEAR_INVALID', 'fiscalYear', '预算年度应为整数年份，如 2024');
  }
  const year = typeof fiscalYear === 'number' ? fiscalYear : 0;
  const carryOver = reader.object(json, 'carryOver', 'carryOver', false) ?? {};
  const department = readDepartment(reader, json);
  const units = readUnits(reader, json, department.code);
  // Without units[] the department is its one unit, and the only code a line may name.
  const unitCodes = new Set([department.code, ...units.map((unit) => unit.code)]);

  const content: BudgetContent = {
    department,
    fiscalYear: year,
    ...(units.length > 0 ? { units } : {}),
    income: readIncome(reader, json),
    carryOver: {
      fromLastYear: reader.amount(carryOver, 'fromLastYear', 'carryOver.fromLastYear', false),
      toNextYear: reader.amount(carryOver, 'toNextYear', 'carryOver.toNextYear', false),
    },
    basicExpenditureLines: readBasicLines(reader, json, unitCodes),
    projects: readProjects(reader, json, unitCodes),
    procurement: readProcurement(reader, json),
  };
  const priorYear = readPriorYear(reader, json, year);
  const fixedAssets = readFixedAssets(reader, json);
  const text = readText(reader, json);
  if (priorYear) content.priorYear = priorYear;
  if (fixedAssets) content.fixedAssets = fixedAssets;
  if (text) content.text = text;
  const catalogUsed = readCatalog(reader, json);

  if (reader.errors.length > 0) return { ok: false, errors: reader.errors };
  return { ok: true, document: { content, catalogUsed, unit } };
};

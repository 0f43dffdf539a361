import type { SetDepartmentText, SetFixedAssets, SetPriorYear, SetProcurement, SetUnits } from '../commands/draft-commands';
import type { IndicatorTarget, OverallPerformance } from '../content/budget-content';
import { refuse } from '../errors';
import type { DepartmentTextSet, FixedAssetsSet, PriorYearSet, ProcurementSet, UnitsSet } from '../events/draft-events';
import { requireNonNegativeAmount, requirePositiveAmount } from '../rules/amounts';
import { parseIndicator } from '../rules/indicators';
import { requireFundSource } from '../rules/sources';
import { requireText } from '../rules/text';
import { requireValidUnits } from '../rules/units';
import { fixedAssetsToWire, priorYearToWire, procurementItemToWire, sameJson } from '../wire/content-wire';
import type { ContentDecider } from './decider';

/** 所属单位 as given (see `requireValidUnits`); the same list again changes nothing. */
export const setUnits: ContentDecider<SetUnits, UnitsSet> = (command, content, _ctx, stamp) => {
  const units = command.units.map((unit) => ({
    code: unit.code,
    name: unit.name,
    unitKind: unit.unitKind,
    ...(unit.parent !== undefined ? { parent: unit.parent } : {}),
  }));
  requireValidUnits(units, content);
  if (sameJson(content.units ?? [], units)) return [];
  return [{ type: 'UnitsSet', data: { units, ...stamp } }];
};

/**
 * 部门整体绩效目标 in its structured form: every goal named, every indicator checked like a project's (levels of the
 * framework, a target that parses). A target may come printed (`≥10个`) or already parsed (from an import).
 */
const checkedOverallPerformance = (overall: OverallPerformance): OverallPerformance => {
  const field = 'text.overallPerformance';
  if (!Array.isArray(overall.goals)) refuse('FIELD_REQUIRED', `${field}.goals`);
  const goals = overall.goals.map((goal, g) => {
    requireText(goal.name, `${field}.goals[${g}].name`);
    requireText(goal.goal, `${field}.goals[${g}].goal`);
    const indicators = (goal.indicators ?? []).map((indicator, i) => {
      const target = indicator.target as IndicatorTarget | string | undefined;
      const printed = typeof target === 'string' ? target : (target?.printed ?? '');
      return parseIndicator({ ...indicator, target: printed }, `${field}.goals[${g}].indicators[${i}]`);
    });
    return { name: goal.name, goal: goal.goal, indicators };
  });
  return {
    ...(overall.summary !== undefined ? { summary: overall.summary } : {}),
    goals,
    ...(overall.measures !== undefined ? { measures: overall.measures } : {}),
  };
};

/** 部门职责, 机构设置, 绩效目标 … as given; repeating the same text changes nothing. */
export const setDepartmentText: ContentDecider<SetDepartmentText, DepartmentTextSet> = (command, content, _ctx, stamp) => {
  if (!command.text || !Array.isArray(command.text.duties)) refuse('FIELD_REQUIRED', 'text.duties');
  const text = JSON.parse(JSON.stringify(command.text));
  if (command.text.overallPerformance !== undefined) text.overallPerformance = checkedOverallPerformance(command.text.overallPerformance);
  if (content.text && sameJson(content.text, text)) return [];
  return [{ type: 'DepartmentTextSet', data: { text, ...stamp } }];
};

/** Last year's figures: a year before this one, amounts ≥ 0. */
export const setPriorYear: ContentDecider<SetPriorYear, PriorYearSet> = (command, content, _ctx, stamp) => {
  const p = command.priorYear;
  if (!Number.isInteger(p.fiscalYear) || p.fiscalYear >= content.fiscalYear)
    refuse('FISCAL_YEAR_INVALID', 'priorYear.fiscalYear', `上年度应早于${content.fiscalYear}年`);
  (['total', 'basic', 'project', 'threePublicExpenses'] as const).forEach((k) => requireNonNegativeAmount(p[k], `priorYear.${k}`));
  const priorYear = priorYearToWire(p);
  if (content.priorYear && sameJson(priorYearToWire(content.priorYear), priorYear)) return [];
  return [{ type: 'PriorYearSet', data: { priorYear, ...stamp } }];
};

export const setFixedAssets: ContentDecider<SetFixedAssets, FixedAssetsSet> = (command, content, _ctx, stamp) => {
  const f = command.fixedAssets;
  requireText(f.asOf, 'fixedAssets.asOf');
  requireNonNegativeAmount(f.total, 'fixedAssets.total');
  (['vehicles', 'equipmentOver200k', 'other'] as const).forEach((k) => {
    requireNonNegativeAmount(f[k].value, `fixedAssets.${k}.value`);
    if (!Number.isInteger(f[k].count) || f[k].count < 0) refuse('FIELD_REQUIRED', `fixedAssets.${k}.count`, '数量应为非负整数');
  });
  const fixedAssets = fixedAssetsToWire(f);
  if (content.fixedAssets && sameJson(fixedAssetsToWire(content.fixedAssets), fixedAssets)) return [];
  return [{ type: 'FixedAssetsSet', data: { fixedAssets, ...stamp } }];
};

/** 政府采购预算: the whole list replaces the earlier one. */
export const setProcurement: ContentDecider<SetProcurement, ProcurementSet> = (command, content, _ctx, stamp) => {
  command.items.forEach((item, i) => {
    requireText(item.item, `items[${i}].item`);
    requirePositiveAmount(item.amount, `items[${i}].amount`);
    if (item.fundSource !== undefined) requireFundSource(item.fundSource, `items[${i}].fundSource`);
    if (item.project !== undefined && !content.projects.some((project) => project.code === item.project))
      refuse('PROCUREMENT_PROJECT_UNKNOWN', `items[${i}].project`, `政府采购项目来源“${item.project}”不是本预算的项目`);
  });
  const items = command.items.map(procurementItemToWire);
  if (sameJson(content.procurement.map(procurementItemToWire), items)) return [];
  return [{ type: 'ProcurementSet', data: { items, ...stamp } }];
};

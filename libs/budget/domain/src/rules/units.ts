import { UNIT_KINDS, type BudgetContent, type BudgetUnit, type UnitKind } from '../content/budget-content';
import { refuse } from '../errors';
import { requireText } from './text';

/**
 * The units a budget's lines may name: its declared units, or — when it declares none — the department itself
 * (a document without `units[]` is one unit).
 */
export const unitCodesOf = (content: BudgetContent): string[] =>
  content.units && content.units.length > 0 ? content.units.map((unit) => unit.code) : [content.department.code];

/** A line or project names a unit of the budget, or none (the department itself). */
export const requireKnownUnit = (unit: string | undefined, content: BudgetContent, field: string): void => {
  if (unit === undefined) return;
  const known = unitCodesOf(content);
  if (unit !== content.department.code && !known.includes(unit))
    refuse('UNIT_NOT_IN_BUDGET', field, `单位 ${unit} 不是本部门预算的所属单位（${known.join('、')}）`);
};

/** The department's own code and no unit name the same unit: both are kept as no unit, so that one line has one key. */
export const normalisedUnit = (unit: string | undefined, content: BudgetContent): string | undefined =>
  unit === undefined || unit === '' || unit === content.department.code ? undefined : unit;

/** The kind of unit a line belongs to: its unit's kind, or the department's own for a line that names none. */
export const unitKindOf = (unit: string | undefined, content: BudgetContent): UnitKind =>
  content.units?.find((candidate) => candidate.code === (unit ?? content.department.code))?.unitKind ?? content.department.unitKind;

/** 所属单位: codes unique and filled in, kinds known, each parent one of the units or the department. */
export const requireValidUnits = (units: readonly BudgetUnit[], content: BudgetContent, field = 'units'): void => {
  const codes = new Set<string>();
  units.forEach((unit, i) => {
    requireText(unit.code, `${field}[${i}].code`);
    requireText(unit.name, `${field}[${i}].name`);
    if (!(UNIT_KINDS as readonly string[]).includes(unit.unitKind)) refuse('UNIT_KIND_UNKNOWN', `${field}[${i}].unitKind`);
    if (codes.has(unit.code)) refuse('DUPLICATE_UNIT_CODE', `${field}[${i}].code`, `单位编码 ${unit.code} 重复`);
    codes.add(unit.code);
  });
  units.forEach((unit, i) => {
    if (unit.parent !== undefined && unit.parent !== content.department.code && !codes.has(unit.parent))
      refuse('UNIT_NOT_IN_BUDGET', `${field}[${i}].parent`, `上级单位 ${unit.parent} 不是本部门或其所属单位`);
    if (unit.parent === unit.code) refuse('UNIT_NOT_IN_BUDGET', `${field}[${i}].parent`, `单位 ${unit.code} 不能是自己的上级单位`);
  });
  // Lines and projects keep their unit: a unit still named by one cannot go.
  const inUse = [...content.basicExpenditureLines, ...content.projects]
    .map((part) => part.unit)
    .find((unit) => unit !== undefined && unit !== content.department.code && !codes.has(unit));
  if (inUse !== undefined && units.length > 0)
    refuse('UNIT_IN_USE', field, `单位 ${inUse} 仍有支出明细或项目，不能从所属单位中删除`);
  if (inUse !== undefined && units.length === 0)
    refuse('UNIT_IN_USE', field, `单位 ${inUse} 仍有支出明细或项目，不能取消所属单位`);
};

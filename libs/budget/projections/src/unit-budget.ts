import { FISCAL_SPECIAL_ACCOUNT, GENERAL_BUDGET, GOVERNMENT_FUND, STATE_CAPITAL, UNIT_INCOME_SOURCES } from './classification';
import { incomeFrom } from './budget-figures';
import { renderDisclosureTables, type DisclosureTable } from './disclosure-tables';
import { Decimal, type BudgetContent, type CatalogNames, type FundSource, type IncomeSource, type Money, type UnitKind } from './domain';
import { expenditureItems } from './expenditure-items';

/** One unit's own nine tables, beside the department's consolidated ones. */
export interface UnitTables {
  unit: { code: string; name: string; unitKind: UnitKind };
  tables: DisclosureTable[];
}

/**
 * The income source a fund source is this year's income of. 单位资金 is the department's one kind of unit income
 * when it has exactly one (事业收入, 上级补助收入 …), else 其他收入 — the same choice Table 2 makes.
 */
const incomeSourceOf = (fundSource: FundSource, content: BudgetContent): IncomeSource => {
  if (fundSource === GENERAL_BUDGET) return '一般公共预算拨款收入';
  if (fundSource === GOVERNMENT_FUND) return '政府性基金预算拨款收入';
  if (fundSource === STATE_CAPITAL) return '国有资本经营预算拨款收入';
  if (fundSource === FISCAL_SPECIAL_ACCOUNT) return '财政专户管理资金收入';
  const present = UNIT_INCOME_SOURCES.filter((source) => !incomeFrom(content, source).isZero());
  return present.length === 1 ? present[0] : '其他收入';
};

/**
 * One unit's budget out of a department's: its own basic lines and projects (a line naming no unit is the
 * department's own, i.e. of a unit coded as the department). budget-facts/1 records income and carry-over for the
 * department as a whole, so a unit's are read off its spending: this year's spending by fund source is its income
 * from the matching source, carry-over-funded spending its 上年结转结余, and it carries nothing on.
 */
export const unitBudget = (content: BudgetContent, unitCode: string): BudgetContent => {
  const own = (unit: string | undefined) => (unit ?? content.department.code) === unitCode;
  const unit = content.units?.find((candidate) => candidate.code === unitCode);
  const scoped: BudgetContent = {
    department: unit ? { code: unit.code, name: unit.name, unitKind: unit.unitKind } : content.department,
    fiscalYear: content.fiscalYear,
    ...(unit ? { units: [unit] } : {}),
    income: [],
    carryOver: { fromLastYear: new Decimal(0), toNextYear: new Decimal(0) },
    basicExpenditureLines: content.basicExpenditureLines.filter((line) => own(line.unit)),
    projects: content.projects.filter((project) => own(project.unit)),
    procurement: [],
  };
  const income = new Map<IncomeSource, Money>();
  let carriedOver = new Decimal(0);
  for (const item of expenditureItems(scoped)) {
    if (item.fromCarryOver) {
      carriedOver = carriedOver.plus(item.amount);
      continue;
    }
    const source = incomeSourceOf(item.fundSource, content);
    income.set(source, (income.get(source) ?? new Decimal(0)).plus(item.amount));
  }
  return {
    ...scoped,
    income: [...income.entries()].map(([source, amount]) => ({ source, amount })),
    carryOver: { fromLastYear: carriedOver, toNextYear: new Decimal(0) },
  };
};

/** Each unit's own nine tables, for a department that declares units (none otherwise). */
export const renderUnitTables = (content: BudgetContent, catalog: CatalogNames): UnitTables[] =>
  (content.units ?? []).map((unit) => ({
    unit: { code: unit.code, name: unit.name, unitKind: unit.unitKind },
    tables: renderDisclosureTables(unitBudget(content, unit.code), catalog),
  }));

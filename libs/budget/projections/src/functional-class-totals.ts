import { FUNCTIONAL_CATEGORY_ROWS } from './classification';
import { Decimal, type BudgetContent, type CatalogNames, type Money } from './domain';
import { expenditureItems } from './expenditure-items';

/** A department's spending under one functional 类 (支出功能分类, 3 digits), in 元. */
export interface FunctionalClassTotal {
  code: string;
  name: string;
  basic: Money;
  project: Money;
  total: Money;
}

/**
 * Spending by functional 类, basic and project, in code order; 类 without spending are left out. The name is
 * the year's catalog name, or the Table 1 row label when the catalog does not name the 类.
 */
export const functionalClassTotals = (content: BudgetContent, catalog: CatalogNames): FunctionalClassTotal[] => {
  const byClass = new Map<string, { basic: Money; project: Money }>();
  for (const item of expenditureItems(content)) {
    const code = item.functionalCode.slice(0, 3);
    const totals = byClass.get(code) ?? { basic: new Decimal(0), project: new Decimal(0) };
    totals[item.kind] = totals[item.kind].plus(item.amount);
    byClass.set(code, totals);
  }
  const label = (code: string) => FUNCTIONAL_CATEGORY_ROWS.find((row) => row.code === code)?.label.replace(/^[^、]*、/, '');
  return [...byClass.entries()]
    .filter(([, totals]) => !totals.basic.plus(totals.project).isZero())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, { basic, project }]) => ({ code, name: catalog.functionalName(code) ?? label(code) ?? '', basic, project, total: basic.plus(project) }));
};

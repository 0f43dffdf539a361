import {
  CARRY_OVER_SOURCE,
  FISCAL_FUND_SOURCES,
  GENERAL_BUDGET,
  isPersonnelEconomicCode,
  THREE_PUBLIC_CODES,
  UNIT_INCOME_SOURCES,
} from './classification';
import { sum, unitKindOf, type BudgetContent, type FundSource, type IncomeSource, type Money, type UnitKind } from './domain';
import { expenditureItems } from './expenditure-items';

/**
 * The department-level figures the tables and the narrative share, each computed once from the content.
 * All amounts in 元.
 */

export const incomeFrom = (content: BudgetContent, source: IncomeSource): Money =>
  sum(content.income.filter((line) => line.source === source).map((line) => line.amount));

/** 本年收入合计 — this year's income, every source except the carry-over. */
export const currentYearIncome = (content: BudgetContent): Money =>
  sum(content.income.filter((line) => line.source !== CARRY_OVER_SOURCE).map((line) => line.amount));

/**
 * 上年结转结余 — `carryOver.fromLastYear`; a document that records it as an income line of source 上年结转结余
 * instead (and leaves `carryOver.fromLastYear` at zero) is read the same way.
 */
export const carryOverFromLastYear = (content: BudgetContent): Money =>
  content.carryOver.fromLastYear.isZero() ? incomeFrom(content, CARRY_OVER_SOURCE) : content.carryOver.fromLastYear;

/** 单位资金 — 事业收入, 事业单位经营收入, 上级补助收入, 附属单位上缴收入 and 其他收入 together. */
export const unitFundsIncome = (content: BudgetContent): Money =>
  sum(UNIT_INCOME_SOURCES.map((source) => incomeFrom(content, source)));

export interface IncomeSummary {
  generalBudget: Money;
  governmentFund: Money;
  stateCapital: Money;
  fiscalSpecialAccount: Money;
  unitFunds: Money;
  carryOver: Money;
  currentYear: Money;
  total: Money;
}

export const incomeSummary = (content: BudgetContent): IncomeSummary => {
  const currentYear = currentYearIncome(content);
  const carryOver = carryOverFromLastYear(content);
  return {
    generalBudget: incomeFrom(content, '一般公共预算拨款收入'),
    governmentFund: incomeFrom(content, '政府性基金预算拨款收入'),
    stateCapital: incomeFrom(content, '国有资本经营预算拨款收入'),
    fiscalSpecialAccount: incomeFrom(content, '财政专户管理资金收入'),
    unitFunds: unitFundsIncome(content),
    carryOver,
    currentYear,
    total: currentYear.plus(carryOver),
  };
};

export interface ExpenditureSummary {
  total: Money;
  basic: Money;
  project: Money;
  /** 人员经费 of the basic budget (all fund sources). */
  personnel: Money;
  /** 公用经费 of the basic budget (all fund sources). */
  publicUse: Money;
}

export const expenditureSummary = (content: BudgetContent): ExpenditureSummary => {
  const basicLines = content.basicExpenditureLines;
  const basic = sum(basicLines.map((line) => line.amount));
  const project = sum(content.projects.map((project) => project.amount));
  const personnel = sum(basicLines.filter((line) => isPersonnelEconomicCode(line.economicCode)).map((line) => line.amount));
  return { total: basic.plus(project), basic, project, personnel, publicUse: basic.minus(personnel) };
};

/** 行政 and 参公 units report 机关运行经费; 事业 units do not. */
const reportsRunningCosts = (kind: UnitKind): boolean => kind === '行政' || kind === '参公';


/**
 * 机关运行经费 — running costs of 行政 and 参公 units: the 公用经费 of their general-public-budget basic expenditure.
 * A department with several units counts only its 行政 and 参公 units' lines. `null` when no unit reports it
 * (a 事业 unit alone, or a department whose units are all 事业).
 */
export const runningCosts = (content: BudgetContent): Money | null => {
  const kinds = content.units && content.units.length > 0 ? content.units.map((unit) => unit.unitKind) : [content.department.unitKind];
  const unitless = content.basicExpenditureLines.some((line) => line.unit === undefined || line.unit === content.department.code);
  if (!kinds.some(reportsRunningCosts) && !(unitless && reportsRunningCosts(content.department.unitKind))) return null;
  return sum(
    content.basicExpenditureLines
      .filter((line) => line.fundSource === GENERAL_BUDGET && !isPersonnelEconomicCode(line.economicCode))
      .filter((line) => reportsRunningCosts(unitKindOf(line.unit, content)))
      .map((line) => line.amount),
  );
};

/** Whether 机关运行经费 is the whole 公用经费 of Table 6: every general-budget basic line is of a 行政 or 参公 unit. */
export const runningCostsAreAllPublicUse = (content: BudgetContent): boolean =>
  content.basicExpenditureLines
    .filter((line) => line.fundSource === GENERAL_BUDGET)
    .every((line) => reportsRunningCosts(unitKindOf(line.unit, content)));

/** “三公”经费 funded by fiscal appropriations, by item and by fund column. */
export interface ThreePublicExpenses {
  travelAbroad: Money;
  vehiclePurchase: Money;
  vehicleOperation: Money;
  reception: Money;
  total: Money;
}

export const threePublicExpenses = (
  content: BudgetContent,
  fundSources: readonly FundSource[] = FISCAL_FUND_SOURCES,
): ThreePublicExpenses => {
  const items = expenditureItems(content).filter((item) => fundSources.includes(item.fundSource));
  const byCode = (codes: readonly string[]) =>
    sum(items.filter((item) => item.economicCode !== undefined && codes.includes(item.economicCode.slice(0, 5))).map((item) => item.amount));
  const travelAbroad = byCode(THREE_PUBLIC_CODES.travelAbroad);
  const reception = byCode(THREE_PUBLIC_CODES.reception);
  const vehicleOperation = byCode(THREE_PUBLIC_CODES.vehicleOperation);
  const vehiclePurchase = byCode(THREE_PUBLIC_CODES.vehiclePurchase);
  return {
    travelAbroad,
    vehiclePurchase,
    vehicleOperation,
    reception,
    total: sum([travelAbroad, reception, vehicleOperation, vehiclePurchase]),
  };
};

/** Non-fiscal income (财政专户管理资金 and 单位资金), which Table 4 leaves out. */
export const nonFiscalIncome = (content: BudgetContent): Money =>
  incomeFrom(content, '财政专户管理资金收入').plus(unitFundsIncome(content));

import {
  CARRY_OVER_SOURCE,
  FISCAL_FUND_SOURCES,
  GENERAL_BUDGET,
  isPersonnelEconomicCode,
  THREE_PUBLIC_CODES,
  UNIT_INCOME_SOURCES,
} from './classification';
import { sum, type BudgetContent, type FundSource, type IncomeSource, type Money } from './domain';
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

/**
 * 机关运行经费 — running costs of a 行政 or 参公 unit: the 公用经费 of its general-public-budget basic
 * expenditure. `null` for 事业 units, which do not report it.
 */
export const runningCosts = (content: BudgetContent): Money | null => {
  if (content.department.unitKind === '事业') return null;
  return sum(
    content.basicExpenditureLines
      .filter((line) => line.fundSource === GENERAL_BUDGET && !isPersonnelEconomicCode(line.economicCode))
      .map((line) => line.amount),
  );
};

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
  const byCode = (code: string) => sum(items.filter((item) => item.economicCode === code).map((item) => item.amount));
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

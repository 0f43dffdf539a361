import { FUND_SOURCES, INCOME_SOURCES, type FundSource, type IncomeSource } from '../content/budget-content';
import { refuse } from '../errors';

/** The income source that is not declared as income but set as carry-over (SetCarryOver). */
export const CARRY_OVER_SOURCE: IncomeSource = '上年结转结余';

export const requireIncomeSource = (source: string, field: string): void => {
  if (!(INCOME_SOURCES as readonly string[]).includes(source)) refuse('INCOME_SOURCE_UNKNOWN', field);
  if (source === CARRY_OVER_SOURCE) refuse('INCOME_SOURCE_IS_CARRY_OVER', field);
};

export const requireFundSource = (source: FundSource | string, field: string): void => {
  if (!(FUND_SOURCES as readonly string[]).includes(source)) refuse('FUND_SOURCE_UNKNOWN', field);
};

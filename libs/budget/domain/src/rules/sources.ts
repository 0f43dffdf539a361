import { FUND_SOURCES, INCOME_SOURCES, type FundSource, type IncomeSource } from '../content/budget-content';
import { refuse } from '../errors';

/** The income source that is not declared as income but set as carry-over (SetCarryOver). */
export const CARRY_OVER_SOURCE: IncomeSource = '上年结转结余';

export const requireIncomeSource = (source: string, field: string): void => {
  if (!(INCOME_SOURCES as readonly string[]).includes(source)) refuse('INCOME_SOURCE_UNKNOWN', field, `收入来源“${source}”不在规定范围内，应为：${INCOME_SOURCES.filter((s) => s !== CARRY_OVER_SOURCE).join('、')}（上年结转结余请通过结转结余录入）`);
  if (source === CARRY_OVER_SOURCE) refuse('INCOME_SOURCE_IS_CARRY_OVER', field);
};

export const requireFundSource = (source: FundSource | string, field: string): void => {
  if (!(FUND_SOURCES as readonly string[]).includes(source)) refuse('FUND_SOURCE_UNKNOWN', field, `资金来源“${source}”不在规定范围内，应为：${FUND_SOURCES.join('、')}`);
};

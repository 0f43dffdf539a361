import Decimal from 'decimal.js';

/**
 * Money is always a `Decimal` in 元 (yuan) inside the service; strings on the wire; NUMERIC in Postgres.
 * Published tables print 万元 (10,000 元) with two decimals and a blank cell for zero.
 */
export type Money = Decimal;

export const YUAN_PER_WAN = new Decimal(10000);

/** Parses a decimal string in 元; `null` when it is not a plain decimal string. */
export const parseYuan = (text: string): Money | null =>
  /^-?\d{1,18}(\.\d{1,6})?$/.test(text) ? new Decimal(text) : null;

export const wanToYuan = (wan: Money): Money => wan.times(YUAN_PER_WAN);
export const yuanToWan = (yuan: Money): Money => yuan.dividedBy(YUAN_PER_WAN);

export const sum = (amounts: Iterable<Money>): Money => {
  let total = new Decimal(0);
  for (const amount of amounts) total = total.plus(amount);
  return total;
};

/** 万元 with two decimals, as printed in the published tables: zero is an empty cell. */
export const formatWanCell = (yuan: Money): string =>
  yuan.isZero() ? '' : yuanToWan(yuan).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** 万元 with two decimals, zero printed as 0.00 (narrative sentences). */
export const formatWan = (yuan: Money): string => yuanToWan(yuan).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** 元 with two decimals, for the wire. */
export const formatYuan = (yuan: Money): string => yuan.toFixed(2);

export { Decimal };

import { refuse } from '../errors';
import { Decimal, type Money } from '../money/money';

/** Ceiling on any single amount: 1e12 元 (一万亿元), far above any county budget line. */
export const MAX_AMOUNT = new Decimal('1e12');

const requireWellFormed = (amount: Money, field: string): void => {
  if (!Decimal.isDecimal(amount) || !amount.isFinite()) refuse('AMOUNT_INVALID', field);
  if (amount.decimalPlaces() > 2) refuse('AMOUNT_TOO_PRECISE', field);
  if (amount.gte(MAX_AMOUNT)) refuse('AMOUNT_TOO_LARGE', field);
};

/** An expenditure amount in 元: > 0, at most two decimals, below the ceiling. */
export const requirePositiveAmount = (amount: Money, field: string): void => {
  requireWellFormed(amount, field);
  if (!amount.gt(0)) refuse('AMOUNT_NOT_POSITIVE', field);
};

/** An amount that may be zero (income to remove, carry-over, funds split). */
export const requireNonNegativeAmount = (amount: Money, field: string): void => {
  requireWellFormed(amount, field);
  if (amount.isNegative()) refuse('AMOUNT_NEGATIVE', field);
};

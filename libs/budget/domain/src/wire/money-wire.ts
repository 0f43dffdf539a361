import { Decimal, type Money } from '../money/money';

/**
 * Events are JSON: money travels as a decimal string in 元. The string is canonical (two decimals when the
 * amount has at most two, otherwise every digit) so equal amounts serialise equally.
 */
export type MoneyWire = string;

export const moneyToWire = (amount: Money): MoneyWire =>
  amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed();

export const moneyFromWire = (text: MoneyWire): Money => new Decimal(text);

/** The JSON shape of a type holding money: every `Decimal` becomes a string. */
export type Wire<T> = T extends Decimal
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

import { type StringOptions, Type } from '@sinclair/typebox';

/**
 * Building blocks of the contract's schemas. Money is 元 as a decimal string, never a JSON number: `YuanInput`
 * is what a request may send (validated with the AMOUNT_* codes, `x-money`), `Yuan` what an answer carries.
 */
export const MONEY_PATTERN = '^\\s*-?\\d{1,18}(\\.\\d{1,18})?\\s*$';

export const YuanInput = (options: StringOptions = {}) =>
  Type.String({ pattern: MONEY_PATTERN, 'x-money': true, description: '金额（元），十进制字符串，不接受 JSON 数字', examples: ['1000.00'], ...options });

export const YuanSchema = (options: StringOptions = {}) => Type.String({ description: '金额（元），十进制字符串', examples: ['6542400.00'], ...options });

/** Free text as `RequestReader.text` reads it (at most `max` characters). */
export const Text = (max: number, options: StringOptions = {}) => Type.String({ maxLength: max, ...options });

/** A whole-number percent or count as `RequestReader.integer` reads it. */
export const Int = (min: number, max: number, description: string, examples: number[] = []) => Type.Integer({ minimum: min, maximum: max, description, ...(examples.length ? { examples } : {}) });

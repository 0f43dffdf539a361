/**
 * Amounts stay decimal strings end to end (never JS numbers): 元 on the wire, 万元 in tables.
 * Conversions are exact integer arithmetic on BigInt.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** 元 string → scaled integer (value × 10^scale), or null when not a decimal. */
const scaled = (value: string, scale: number): bigint | null => {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) return null;
  const magnitude = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign ? -magnitude : magnitude;
};

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "6542400" → "6,542,400.00" (元). */
export function formatYuan(value: string | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  const cents = scaled(value, 2) ?? roundToCents(value);
  if (cents === null) return value;
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${group((abs / 100n).toString())}.${(abs % 100n).toString().padStart(2, '0')}`;
}

const roundToCents = (value: string): bigint | null => {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const fraction = match[3] ?? '';
  const precise = scaled(value, fraction.length);
  if (precise === null) return null;
  const divisor = 10n ** BigInt(Math.max(0, fraction.length - 2));
  const half = divisor / 2n;
  return precise >= 0n ? (precise + half) / divisor : -((-precise + half) / divisor);
};

/** 元 → 万元 with two decimals, half-up: "6542400.00" → "654.24". */
export function yuanToWan(value: string | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const fractionLength = (match[3] ?? '').length;
  const precise = scaled(value, fractionLength);
  if (precise === null) return value;
  // 万元 hundredths = 元 / 100, at scale 10^fractionLength.
  const divisor = 100n * 10n ** BigInt(fractionLength);
  const half = divisor / 2n;
  const hundredths = precise >= 0n ? (precise + half) / divisor : -((-precise + half) / divisor);
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  return `${negative ? '-' : ''}${group((abs / 100n).toString())}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Share of `part` in `whole` as a whole percent (for bar widths only; never used as money). */
export function percentOf(part: string, whole: string): number {
  const p = scaled(part, 2) ?? roundToCents(part) ?? 0n;
  const w = scaled(whole, 2) ?? roundToCents(whole) ?? 0n;
  if (w <= 0n) return 0;
  return Number((p * 1000n) / w) / 10;
}

/** Sum of 元 strings (exact), as a 元 string with two decimals. */
export function sumYuan(values: string[]): string {
  const cents = values.reduce((total, value) => total + (roundToCents(value) ?? 0n), 0n);
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** 支出合计 of a department: basic plus project spending, 元. */
export const spendingOf = (row: { basic: string; project: string }): string => sumYuan([row.basic, row.project]);

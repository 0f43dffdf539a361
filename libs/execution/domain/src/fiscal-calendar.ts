/**
 * Dates of the fiscal year (预算年度 = calendar year) as plain `YYYY-MM-DD` strings in Asia/Shanghai.
 * China keeps UTC+8 all year, so "today" is the instant shifted by eight hours; no time-zone database needed.
 */

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInYear = (year: number): number => (isLeap(year) ? 366 : 365);

export const daysInMonth = (year: number, month: number): number =>
  [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/** `YYYY-MM-DD` that names a real day → its parts; otherwise `null` (`2024-02-30`, `2024-2-3` are refused). */
export const parseIsoDate = (text: unknown): { year: number; month: number; day: number } | null => {
  if (typeof text !== 'string') return null;
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
};

export const isIsoDate = (text: unknown): text is IsoDate => parseIsoDate(text) !== null;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const isoDate = (year: number, month: number, day: number): IsoDate => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** The calendar day in Asia/Shanghai of an instant. */
export const shanghaiDate = (instant: Date): IsoDate => new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** Last day of `month` (a checkpoint `3月底` is the end of March). */
export const endOfMonth = (year: number, month: number): IsoDate => isoDate(year, month, daysInMonth(year, month));

/** 1 for 1 January … 365/366 for 31 December. */
export const dayOfYear = (date: IsoDate): number => {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`not a date: ${date}`);
  let days = parts.day;
  for (let month = 1; month < parts.month; month++) days += daysInMonth(parts.year, month);
  return days;
};

/**
 * Days of `fiscalYear` elapsed by the end of `date`: 0 before the year, the whole year after it.
 * The basis of 序时进度 and of the planned percent between checkpoints.
 */
export const elapsedDays = (fiscalYear: number, date: IsoDate): number => {
  const year = Number(date.slice(0, 4));
  if (year < fiscalYear) return 0;
  if (year > fiscalYear) return daysInYear(fiscalYear);
  return dayOfYear(date);
};

export const withinFiscalYear = (fiscalYear: number, date: IsoDate): boolean => date.startsWith(`${fiscalYear}-`);

/** The end of the day in Asia/Shanghai, as an instant (to compare with approval times). */
export const endOfShanghaiDay = (date: IsoDate): Date => new Date(Date.parse(`${date}T23:59:59.999+08:00`));

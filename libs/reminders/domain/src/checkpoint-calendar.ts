/**
 * 资金支出计划节点日历 — when a spending-plan checkpoint passes and when its reminders go out, in Asia/Shanghai
 * time. China keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Reminders and warnings go out at 09:00 (start of the office day); the supervisors' digest an hour later. */
export const REMINDER_HOUR = 9;
export const DIGEST_HOUR = 10;

/** Default lead times: 10 days and 3 days before a checkpoint. */
export const DEFAULT_LEAD_DAYS: readonly number[] = [10, 3];

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The instant of a wall-clock time in Asia/Shanghai; day/month overflow rolls over like `Date.UTC`. */
export const shanghaiTime = (year: number, month: number, day: number, hour = 0, minute = 0): Date =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - SHANGHAI_OFFSET_MS);

/** The Shanghai calendar date of an instant. */
export const shanghaiDate = (instant: Date): CalendarDate => {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
};

/** `2024-03-21`, the Shanghai date of an instant. */
export const shanghaiDateText = (instant: Date): string => {
  const { year, month, day } = shanghaiDate(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

export const lastDayOfMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The moment a checkpoint (`3月底`) has passed: 00:00 on the first day of the next month, Shanghai time. */
export const checkpointEnd = (fiscalYear: number, month: number): Date => shanghaiTime(fiscalYear, month + 1, 1);

/** 提前提醒: 09:00 on the day `leadDays` before the checkpoint's last day (3月底, lead 10 → 3月21日 09:00). */
export const leadReminderTime = (fiscalYear: number, month: number, leadDays: number): Date =>
  shanghaiTime(fiscalYear, month, lastDayOfMonth(fiscalYear, month) - leadDays, REMINDER_HOUR);

/** 节点后预警: 09:00 on the day after the checkpoint (3月底 → 4月1日 09:00). */
export const warningTime = (fiscalYear: number, month: number): Date => shanghaiTime(fiscalYear, month + 1, 1, REMINDER_HOUR);

/** 节点汇总 for finance and supervisors: 10:00 on the day after the checkpoint. */
export const digestTime = (fiscalYear: number, month: number): Date => shanghaiTime(fiscalYear, month + 1, 1, DIGEST_HOUR);

/** Whole calendar days (Shanghai) from `now` to the checkpoint's last day; 0 on that day, negative after it. */
export const daysLeft = (now: Date, fiscalYear: number, month: number): number => {
  const today = shanghaiDate(now);
  const fromDay = Date.UTC(today.year, today.month - 1, today.day);
  const toDay = Date.UTC(fiscalYear, month - 1, lastDayOfMonth(fiscalYear, month));
  return Math.round((toDay - fromDay) / DAY_MS);
};

/** `2024年3月底`, as a checkpoint is named in messages. */
export const checkpointLabel = (fiscalYear: number, month: number): string => `${fiscalYear}年${month}月底`;

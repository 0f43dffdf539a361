import { checkpointEnd, daysLeft, digestTime, leadReminderTime, shanghaiDateText, shanghaiTime, warningTime } from './checkpoint-calendar';

describe('checkpoint calendar (Asia/Shanghai)', () => {
  it('3月底 passes at 00:00 on 1 April Shanghai time, which is 16:00 UTC on 31 March', () => {
    expect(checkpointEnd(2024, 3).toISOString()).toBe('2024-03-31T16:00:00.000Z');
    expect(checkpointEnd(2024, 12).toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });

  it('lead reminders go out at 09:00 Shanghai the given days before the last day of the month', () => {
    expect(leadReminderTime(2024, 3, 10).toISOString()).toBe('2024-03-21T01:00:00.000Z');
    expect(leadReminderTime(2024, 3, 3).toISOString()).toBe('2024-03-28T01:00:00.000Z');
    // February of a leap year ends on the 29th; June on the 30th.
    expect(shanghaiDateText(leadReminderTime(2024, 2, 10))).toBe('2024-02-19');
    expect(shanghaiDateText(leadReminderTime(2024, 6, 10))).toBe('2024-06-20');
    // A lead longer than the month reaches back into the previous one.
    expect(shanghaiDateText(leadReminderTime(2024, 3, 40))).toBe('2024-02-20');
  });

  it('the warning is the day after the checkpoint at 09:00 and the digest at 10:00; 12月底 rolls into January', () => {
    expect(warningTime(2024, 10).toISOString()).toBe('2024-11-01T01:00:00.000Z');
    expect(digestTime(2024, 10).toISOString()).toBe('2024-11-01T02:00:00.000Z');
    expect(shanghaiDateText(warningTime(2024, 12))).toBe('2025-01-01');
  });

  it('days left count Shanghai calendar days, so 23:30 UTC is already the next day', () => {
    expect(daysLeft(leadReminderTime(2024, 3, 10), 2024, 3)).toBe(10);
    expect(daysLeft(new Date('2024-03-30T15:59:00Z'), 2024, 3)).toBe(1);
    expect(daysLeft(new Date('2024-03-30T16:00:00Z'), 2024, 3)).toBe(0);
    expect(daysLeft(warningTime(2024, 3), 2024, 3)).toBe(-1);
    expect(shanghaiTime(2024, 1, 1).toISOString()).toBe('2023-12-31T16:00:00.000Z');
  });
});

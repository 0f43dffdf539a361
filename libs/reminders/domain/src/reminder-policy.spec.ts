import { Decimal } from '@budgetflow/budget-domain';
import { leadReminderTime, warningTime } from './checkpoint-calendar';
import { composeCheckpointDigest, decideSpendingReminder, type SpendingReminderInput } from './reminder-policy';
import type { SpendingReminderJob } from './reminder-jobs';
import { afterFailedAttempt } from './delivery-retry';

const leadJob: SpendingReminderJob = { type: 'reminder', fiscalYear: 2024, department: '501', projectCode: 'P1', checkpointMonth: 3, kind: 'lead', leadDays: 10 };
const given = (executed: string, overrides: Partial<SpendingReminderInput> = {}): SpendingReminderInput => ({
  job: leadJob,
  projectName: '律师陪访经费',
  plannedPercent: 25,
  progress: { approvedAmount: new Decimal('78000'), executedAmount: new Decimal(executed), warningLevel: 'none' },
  now: leadReminderTime(2024, 3, 10),
  preferences: { confirmOnPlan: false },
  ...overrides,
});

describe('reminder policy', () => {
  it('given a project on plan, when its reminder fires, then the department gets nothing', () => {
    expect(decideSpendingReminder(given('19500.00'))).toBeNull();
  });

  it('given a project on plan and confirmations configured, then it gets a short confirmation', () => {
    const notice = decideSpendingReminder(given('20000', { preferences: { confirmOnPlan: true } }));
    expect(notice).toMatchObject({ outcome: 'on-plan', audience: 'department:501', figures: { amountToPlan: '0.00', executedPercent: '25.64' } });
  });

  it('given a project behind plan, then the reminder carries planned vs executed %, the amount to spend and the days left', () => {
    const notice = decideSpendingReminder(given('5000'))!;
    expect(notice.outcome).toBe('behind-plan');
    expect(notice.figures).toEqual({
      checkpoint: '2024年3月底',
      plannedPercent: '25.00',
      executedPercent: '6.41',
      approvedAmount: '78000.00',
      executedAmount: '5000.00',
      amountToPlan: '14500.00',
      daysLeft: 10,
      warningLevel: 'none',
    });
    expect(notice.body).toContain('尚需支出14500.00元，距节点还有10天');
  });

  it('given a missed checkpoint, then the warning names the warning level and the shortfall', () => {
    const notice = decideSpendingReminder(
      given('0', { job: { ...leadJob, kind: 'warning', leadDays: undefined }, now: warningTime(2024, 3), progress: { approvedAmount: new Decimal('78000'), executedAmount: new Decimal('0'), warningLevel: 'red' } }),
    )!;
    expect(notice.title).toBe('资金支出进度红色预警：律师陪访经费');
    expect(notice.figures.daysLeft).toBe(0);
    expect(notice.figures.amountToPlan).toBe('19500.00');
  });

  it('the digest lists only projects behind plan, red before yellow before merely behind, largest gap first', () => {
    const row = (projectCode: string, executed: string, warningLevel: 'none' | 'yellow' | 'red', department = '501') => ({
      department,
      projectCode,
      projectName: projectCode,
      approvedAmount: new Decimal('100000'),
      executedAmount: new Decimal(executed),
      plannedPercent: 50,
      warningLevel,
    });
    const digest = composeCheckpointDigest({ type: 'digest', fiscalYear: 2024, checkpointMonth: 6 }, [
      row('ON', '50000', 'none'),
      row('Y1', '35000', 'yellow'),
      row('R1', '20000', 'red', '502'),
      row('R2', '10000', 'red'),
      row('B1', '45000', 'none'),
    ])!;
    expect(digest.levels.map((g) => [g.level, g.projects.map((p) => `${p.projectCode}:${p.gapPoints}:${p.amountToPlan}`)])).toEqual([
      ['red', ['R2:40.00:40000.00', 'R1:30.00:30000.00']],
      ['yellow', ['Y1:15.00:15000.00']],
      ['none', ['B1:5.00:5000.00']],
    ]);
    expect(digest.title).toBe('2024年6月底资金支出进度汇总：4个项目未达计划');
    expect(digest.audiences).toEqual(['finance', 'supervisor']);
  });

  it('no digest when every project is on plan', () => {
    expect(composeCheckpointDigest({ type: 'digest', fiscalYear: 2024, checkpointMonth: 6 }, [])).toBeNull();
  });

  it('webhook retries back off exponentially and stop after the last allowed try', () => {
    expect([1, 2, 3, 4].map((n) => afterFailedAttempt(n, 5, 1000))).toEqual([
      { retry: true, delayMs: 1000 },
      { retry: true, delayMs: 2000 },
      { retry: true, delayMs: 4000 },
      { retry: true, delayMs: 8000 },
    ]);
    expect(afterFailedAttempt(5, 5, 1000)).toEqual({ retry: false });
  });
});

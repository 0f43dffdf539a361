import { pendingReminders, plannedReminders, reminderJobId, type PlannedProject } from './reminder-jobs';

const quarterly = [
  { checkpoint: '3月底', month: 3, cumulativePercent: 25 },
  { checkpoint: '6月底', month: 6, cumulativePercent: 50 },
  { checkpoint: '10月底', month: 10, cumulativePercent: 75 },
  { checkpoint: '12月底', month: 12, cumulativePercent: 100 },
];
const project = (projectCode: string, spendingPlan = quarterly, department = '501'): PlannedProject => ({
  department,
  fiscalYear: 2024,
  projectCode,
  projectName: projectCode,
  spendingPlan,
});

describe('planned reminders', () => {
  it('gives each checkpoint one reminder per lead time and a warning, and one digest per checkpoint for all projects', () => {
    const planned = plannedReminders([project('P1'), project('P2')], [10, 3]);
    // 2 projects × 4 checkpoints × (2 leads + 1 warning) + 4 digests
    expect(planned).toHaveLength(2 * 4 * 3 + 4);
    expect(planned.filter((r) => r.job.type === 'digest').map((r) => r.jobId)).toEqual(['digest/2024/03', 'digest/2024/06', 'digest/2024/10', 'digest/2024/12']);
    expect(planned.slice(0, 4).map((r) => r.jobId)).toEqual([
      'reminder/2024/501/P1/03/lead-10',
      'reminder/2024/501/P2/03/lead-10',
      'reminder/2024/501/P1/03/lead-3',
      'reminder/2024/501/P2/03/lead-3',
    ]);
  });

  it('is deterministic: planning twice gives the same ids and times', () => {
    const once = plannedReminders([project('P1')], [10, 3]);
    const again = plannedReminders([project('P1')], [10, 3]);
    expect(again).toEqual(once);
    expect(new Set(once.map((r) => r.jobId)).size).toBe(once.length);
  });

  it('skips a checkpoint that asks for no spending', () => {
    const planned = plannedReminders([project('P1', [{ checkpoint: '6月底', month: 6, cumulativePercent: 0 }, { checkpoint: '12月底', month: 12, cumulativePercent: 100 }])], [10]);
    expect(planned.map((r) => r.jobId)).toEqual(['reminder/2024/501/P1/12/lead-10', 'reminder/2024/501/P1/12/warning', 'digest/2024/12']);
  });

  it('encodes the parts of an id so that no code can forge another reminder or put a colon into it', () => {
    const id = reminderJobId({ type: 'reminder', fiscalYear: 2024, department: '5/01', projectCode: 'a:b', checkpointMonth: 3, kind: 'warning' });
    expect(id).toBe('reminder/2024/5%2F01/a%3Ab/03/warning');
  });

  it('keeps only unfired reminders that are due later or missed within the grace period', () => {
    const planned = plannedReminders([project('P1')], [10]);
    const now = new Date('2024-04-01T05:00:00Z'); // 13:00 on 1 April, Shanghai
    const fired = new Set(['reminder/2024/501/P1/03/warning']);
    const pending = pendingReminders(planned, fired, now, 24 * 3600 * 1000);
    expect(pending.map((r) => r.jobId).slice(0, 2)).toEqual(['digest/2024/03', 'reminder/2024/501/P1/06/lead-10']);
  });
});

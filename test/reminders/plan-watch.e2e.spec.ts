import { shanghaiTime } from '@budgetflow/reminders-domain';
import { approveFixture, createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';

const until = async (check: () => boolean, timeoutMs: number): Promise<boolean> => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
};

/**
 * The planner's watch (each second, as in production): it reconciles when the plan or the lead times change, not
 * every time the plan projection's checkpoint moves past events that leave the plan as it was.
 */
describe('reminder planner watch', () => {
  let t: ReminderTestApp;
  beforeAll(async () => {
    t = await createReminderTestApp({ figures: new PatternExecutionFigures(() => [], {}), start: shanghaiTime(2024, 1, 10), watchPlan: true });
  });
  afterAll(() => t?.close());

  it('reconciles after an approval changes the plan, and not while only other budgets are edited', async () => {
    const reconcile = jest.spyOn(t.planner, 'reconcile');
    await approveFixture(t);
    expect(await until(() => reconcile.mock.calls.length > 0, 5_000)).toBe(true);
    // Let the watch settle on the approved plan, then edit another department's draft: the plan projection's
    // checkpoint moves past those events, the plan stays as it was.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    reconcile.mockClear();
    const other = await t.token('department', '502', 'clerk-502');
    expect((await t.request('POST', '/v1/budgets/502/2024', { token: other, body: { name: '馆陶县另一部门', unitKind: '行政' } })).status).toBe(201);
    let position = '0';
    for (let n = 0; n < 3; n++) {
      const income = await t.request('POST', '/v1/budgets/502/2024/income', { token: other, body: { source: '一般公共预算拨款收入', amount: `${100 + n}.00` } });
      expect(income.status).toBe(200);
      position = income.body.position;
    }
    await t.planCaughtUp(position);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(reconcile).not.toHaveBeenCalled();

    // New lead times change what should be waiting: the watch reconciles.
    const finance = await t.token('finance');
    expect((await t.request('PUT', '/v1/reminder-settings', { token: finance, body: { leadDays: [7] } })).status).toBe(200);
    expect(await until(() => reconcile.mock.calls.length > 0, 5_000)).toBe(true);
  });
});

import { ModuleRef } from '@nestjs/core';
import type { ProjectionRunner } from '@budgetflow/event-store';
import { EXECUTION_MONITORING } from '@budgetflow/execution-application';
import { MonitoringExecutionFigures } from '@budgetflow/context-map';
import type { ExecutionFigures } from '@budgetflow/reminders-application';
import { checkpointEnd, leadReminderTime, shanghaiTime } from '@budgetflow/reminders-domain';
import { BUDGET_URL as B, loadBudgetFacts } from '../support/guantao-fixture';
import { createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';
import { HARDSHIP_FUND, LAWYER } from './support/fixture-plan';
import { PROJECTION_RUNNER } from '@budgetflow/platform';

/** The adapter over the execution monitoring (issue 5): real payments through its HTTP API, figures as of a date. */
describe('execution figures from the execution monitoring', () => {
  let t: ReminderTestApp;
  let figures: ExecutionFigures;

  beforeAll(async () => {
    t = await createReminderTestApp({ figures: new PatternExecutionFigures(() => [], {}), start: shanghaiTime(2024, 3, 15) });
    // The app's own adapter (the harness binds EXECUTION_FIGURES to a pattern; this is the production one).
    figures = new MonitoringExecutionFigures(t.app.get(ModuleRef));
  });
  afterAll(() => t?.close());

  it('reads executed amounts, planned percent and warning level per project and lists the projects behind plan', async () => {
    const dept = await t.token('department', '501', 'clerk-501');
    const finance = await t.token('finance', undefined, 'finance-zhang');
    expect((await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() })).status).toBe(200);
    expect((await t.request('POST', `${B}/submit`, { token: dept })).status).toBe(200);
    expect((await t.request('POST', `${B}/approve`, { token: finance })).status).toBe(200);
    const paid = await t.request('POST', '/v1/execution/501/2024/payments', {
      token: dept,
      body: { voucher: 'V-1', date: '2024-03-10', amount: '7800.00', projectCode: LAWYER, payee: '馆陶县某律师事务所' },
    });
    expect(paid.status).toBeLessThan(300);
    const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    expect(await runner.waitFor(EXECUTION_MONITORING, BigInt(paid.body.position), 30_000)).toBe(true);

    const lawyer = await figures.projectProgress('501', 2024, LAWYER, leadReminderTime(2024, 3, 10));
    expect(lawyer).toMatchObject({ executedPercent: '10.00', warningLevel: expect.any(String) });
    expect(lawyer!.approvedAmount.toFixed(2)).toBe('78000.00');
    expect(lawyer!.executedAmount.toFixed(2)).toBe('7800.00');
    // Before the payment's date nothing was executed.
    expect((await figures.projectProgress('501', 2024, LAWYER, shanghaiTime(2024, 3, 9)))!.executedAmount.toFixed(2)).toBe('0.00');
    expect(await figures.projectProgress('501', 2024, 'NO-SUCH-PROJECT', checkpointEnd(2024, 3))).toBeNull();

    // At 3月底 every project is behind its 25 %: 律师陪访经费 by 15 points, the others by 25.
    const behind = await figures.behindPlan(2024, checkpointEnd(2024, 3));
    expect(behind).toHaveLength(7);
    expect(behind.find((p) => p.projectCode === LAWYER)).toMatchObject({ plannedPercent: 25, warningLevel: 'yellow' });
    expect(behind.find((p) => p.projectCode === HARDSHIP_FUND)).toMatchObject({ plannedPercent: 25, warningLevel: 'red' });
  });
});

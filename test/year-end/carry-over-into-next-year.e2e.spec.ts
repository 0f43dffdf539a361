import { createTestApp, type TestApp } from '../support/test-app';
import { PROJECTS as P, budgetUrl, establishBudget, executionUrl } from '../execution/execution-world';
import { expectStatus } from './year-end-world';

/**
 * The carry-over decided at the close of 2024 (结转) appears in 2025: 2025 opened with `{"fromYear": 2024}` holds the
 * carried project as `fromCarryOver` spending of the carried amount, and 2025's Table 2 prints it in the 上年结转
 * column. Opening a year from the previous one is the `rounds` branch's route (it reads `BudgetYearClosed`'s
 * `data.carryOver[].projectCode/amount`); this branch only closes the year.
 */
describe('结转 into the next year: 2025 opened from the closed 2024', () => {
  let t: TestApp;
  let finance: string;
  let clerk: string;

  beforeAll(async () => {
    t = await createTestApp();
    finance = await t.token('finance', undefined, 'finance-zhang');
    clerk = await t.token('department', '501', 'clerk-501');
    await establishBudget(t, '501');
    // 群众工作中心运维经费 (F, 40,000 元): 5,000 paid, 20,000 carried over, the rest returned.
    expectStatus(await t.request('POST', `${executionUrl('501')}/payments`, { token: clerk, body: { voucher: 'F-1', date: '2024-09-10', amount: '5000.00', projectCode: P.F, payee: '馆陶县某服务商' } }), 201);
    expectStatus(await t.request('POST', `${budgetUrl('501')}/close`, { token: finance, body: { carryOver: [{ projectCode: P.F, amount: '20000.00', reason: '合同跨年履行' }] } }), 200);
  });
  afterAll(() => t.close());

  it('2025 opened with {"fromYear": 2024} holds the carried project as fromCarryOver money, and Table 2 上年结转 shows it', async () => {
    const opened = await t.request('POST', '/v1/budgets/501/2025', { token: clerk, body: { fromYear: 2024 } });
    expect(opened.status).toBeLessThan(300);

    const budget = expectStatus(await t.request('GET', '/v1/budgets/501/2025?version=draft', { token: clerk }), 200);
    const carried = budget.body.content.projects.find((p: { code: string }) => p.code === P.F);
    expect(carried).toMatchObject({ fromCarryOver: true, amount: '20000.00' });

    const tables = expectStatus(await t.request('GET', `/v1/budgets/501/2025/tables?version=draft&after=${opened.body.position}`, { token: clerk }), 200);
    const t2 = tables.body.tables.find((table: { id: string }) => table.id === 'T2');
    // Column 12 of Table 2 is 上年结转 (万元): the 合计 row carries the 2.00 万元.
    const totalRow = t2.rows.find((row: string[]) => row.some((cell) => cell.includes('合计')));
    expect(totalRow[12]).toBe('2.00');
  });
});

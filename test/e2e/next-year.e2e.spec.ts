import { randomUUID } from 'node:crypto';
import type { EventStore } from '@budgetflow/event-store';
import { EVENT_STORE } from '@budgetflow/platform';
import { createTestApp, type TestApp } from '../support/test-app';
import { loadBudgetFacts, yuan } from '../support/guantao-fixture';

/**
 * Next year from this year over HTTP (the pinned contract): the 2024 fixture approved, then
 * `POST /v1/budgets/{d}/2025 {"fromYear":2024}` opens 2025 from it, and `GET /v1/budgets/{d}/2025` answers with the
 * budget-facts/1 fields. The refusals answer problem+json and change nothing. A year closed with carried-over money
 * (a `BudgetYearClosed` event on year N's stream, as year-end close writes it) puts that money on its projects.
 */

/** An 元 amount of the fixture (万元) as the wire writes it. */
const fromWan = (wan: string) => (Number(wan) * 10000).toFixed(2);
const sum = (amounts: string[]) => (amounts.reduce((total, a) => total + Math.round(Number(a) * 100), 0) / 100).toFixed(2);

describe('next year from this year: 2025 opened from the approved 2024 fixture', () => {
  let t: TestApp;
  let finance: string;
  let admin: string;
  const fixture = loadBudgetFacts();

  beforeAll(async () => {
    t = await createTestApp();
    finance = await t.token('finance', undefined, 'finance-zhang');
    admin = await t.token('admin', undefined, 'admin-1');
    // 2025's catalog retires 30239 其他交通费用, which the fixture uses.
    const retired = await t.request('PUT', '/v1/catalogs/2025', { token: admin, body: { functional: [], economic: [{ code: '30239', name: '其他交通费用', retired: true }] } });
    expect(retired.status).toBe(200);
  });
  afterAll(() => t.close());

  /** The fixture as department `code`'s 2024 budget, imported, submitted and (unless told) approved. */
  const given2024 = async (code: string, options: { approve?: boolean } = {}) => {
    const clerk = await t.token('department', code, `clerk-${code}`);
    const document = { ...fixture, department: { ...fixture.department, code } };
    expect((await t.request('POST', `/v1/budgets/${code}/2024/import`, { token: clerk, body: document })).status).toBe(200);
    expect((await t.request('POST', `/v1/budgets/${code}/2024/submit`, { token: clerk })).status).toBe(200);
    if (options.approve !== false) expect((await t.request('POST', `/v1/budgets/${code}/2024/approve`, { token: finance })).status).toBe(200);
    return clerk;
  };

  const expectProblem = (response: Awaited<ReturnType<TestApp['request']>>, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.body.errors?.map((e: { code: string }) => e.code) ?? [response.body.code]).toContain(code);
    expect(response.body.title).toMatch(/[\u4e00-\u9fa5]/);
  };

  it('refuses before year N is approved, for another year than the one before, and for another department; nothing appended', async () => {
    const clerk = await given2024('511', { approve: false });
    const before = await t.eventCount();
    expectProblem(await t.request('POST', '/v1/budgets/511/2025', { token: clerk, body: { fromYear: 2024 } }), 409, 'PRIOR_YEAR_NOT_APPROVED');
    expect((await t.request('POST', '/v1/budgets/511/2024/approve', { token: finance })).status).toBe(200);
    const approved = await t.eventCount();
    expect(approved).toBe(before + 1);
    expectProblem(await t.request('POST', '/v1/budgets/511/2025', { token: clerk, body: { fromYear: 2023 } }), 400, 'FROM_YEAR_INVALID');
    expectProblem(await t.request('POST', '/v1/budgets/511/2025', { token: clerk, body: { fromYear: 2025 } }), 400, 'FROM_YEAR_INVALID');
    expectProblem(await t.request('POST', '/v1/budgets/511/2025', { token: clerk, body: { fromYear: '2024' } }), 400, 'FIELD_TYPE_INVALID');
    expectProblem(await t.request('POST', '/v1/budgets/511/2025', { token: clerk, body: { fromYear: 2024, extra: 1 } }), 400, 'FIELD_NOT_ALLOWED');
    const other = await t.token('department', '512', 'clerk-512');
    expectProblem(await t.request('POST', '/v1/budgets/511/2025', { token: other, body: { fromYear: 2024 } }), 403, 'OTHER_DEPARTMENT');
    expectProblem(await t.request('POST', '/v1/budgets/511/2025', { token: finance, body: { fromYear: 2024 } }), 403, 'FORBIDDEN_ROLE');
    expect(await t.eventCount()).toBe(approved);
  });

  it('opens 2025 from 2024 (201, location, version, position) and GET answers with the budget-facts/1 fields', async () => {
    const clerk = await given2024('501');
    const opened = await t.request('POST', '/v1/budgets/501/2025', { token: clerk, body: { fromYear: 2024 } });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ streamId: 'budget-501-2025', location: '/v1/budgets/501/2025' });
    expect(opened.headers.location).toBe('/v1/budgets/501/2025');
    expect(opened.body.version).toBeGreaterThan(1);
    expect(opened.body.position).toEqual(expect.any(String));
    expect(opened.body.events[0]).toBe('DraftOpened');

    const draft = await t.request('GET', `/v1/budgets/501/2025?after=${opened.body.position}`, { token: clerk });
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('drafting');
    expect(draft.body.units).toEqual([{ code: '501', name: fixture.department.name, unitKind: fixture.department.unitKind }]);
    // Every basic line carried as a proposal, with its unit.
    const carried = draft.body.basicExpenditureLines.map((l: Record<string, unknown>) => [l.functionalCode, l.economicCode, l.fundSource, yuan(l.amount), l.unit]);
    expect(carried).toEqual(fixture.basicExpenditureLines.map((l: Record<string, string>) => [l.functionalCode, l.economicCode, l.fundSource, fromWan(l.amount), '501']));
    // The fixture's projects are of 2024 alone: finished, left out.
    expect(draft.body.projects).toEqual([]);
    // 上年 figures computed from 2024's approved budget.
    const basic = sum(fixture.basicExpenditureLines.map((l: { amount: string }) => fromWan(l.amount)));
    const project = sum(fixture.projects.map((p: { amount: string }) => fromWan(p.amount)));
    expect(draft.body.priorYear).toMatchObject({ fiscalYear: 2024, total: '6542400.00', basic, project });
    expect(draft.body.priorYear.threePublicExpenses).toMatch(/^\d+\.\d{2}$/);
    const approved2024 = await t.request('GET', '/v1/budgets/501/2024?version=approved', { token: clerk });
    expect(yuan(draft.body.priorYear.total)).toBe(sum([...approved2024.body.basicExpenditureLines, ...approved2024.body.projects].map((x: { amount: string }) => x.amount)));
    // The clerk is told which carried lines use a code retired in 2025.
    expect(draft.body.carriedFrom).toMatchObject({ fiscalYear: 2024, version: 1, carriedOver: [] });
    const retiredLines = draft.body.basicExpenditureLines.filter((l: { economicCode: string }) => l.economicCode === '30239');
    expect(retiredLines.length).toBeGreaterThan(0);
    expect(draft.body.carriedFrom.warnings.map((w: { code: string; lineId: string }) => [w.code, w.lineId])).toEqual(retiredLines.map((l: { lineId: string }) => ['CODE_RETIRED', l.lineId]));

    // Opened once: again is refused, nothing appended.
    const before = await t.eventCount();
    expectProblem(await t.request('POST', '/v1/budgets/501/2025', { token: clerk, body: { fromYear: 2024 } }), 409, 'BUDGET_ALREADY_OPENED');
    expect(await t.eventCount()).toBe(before);
  });

  it('a closed year: the carried-over money comes on its project as 上年结转, and the tables show it', async () => {
    const clerk = await given2024('521');
    const lawyer = fixture.projects.find((p: { code: string }) => p.code === '13043324P000076100011');
    // What year-end close writes on year N's stream (another context's event, read by its type and data).
    await t.app.get<EventStore>(EVENT_STORE).append(
      'budget-521-2024',
      [{ type: 'BudgetYearClosed', data: { carryOver: [{ projectCode: lawyer.code, amount: '12000.00', reason: '案件跨年' }], returned: [], closedBy: 'finance-zhang', closedAt: '2024-12-31T08:00:00.000Z' } }],
      'any',
      { userId: 'finance-zhang', role: 'finance', correlationId: randomUUID(), recordedAt: '2024-12-31T08:00:00.000Z' },
    );
    const opened = await t.request('POST', '/v1/budgets/521/2025', { token: clerk, body: { fromYear: 2024 } });
    expect(opened.status).toBe(201);
    const draft = await t.request('GET', `/v1/budgets/521/2025?after=${opened.body.position}`, { token: clerk });
    expect(draft.body.projects.map((p: Record<string, unknown>) => [p.code, yuan(p.amount), p.fromCarryOver])).toEqual([[lawyer.code, '12000.00', true]]);
    expect(yuan(draft.body.carryOver.fromLastYear)).toBe('12000.00');
    expect(draft.body.carriedFrom.carriedOver).toEqual([{ projectCode: lawyer.code, amount: '12000.00' }]);
    const tables = await t.request('GET', `/v1/budgets/521/2025/tables?after=${opened.body.position}`, { token: clerk });
    expect(tables.status).toBe(200);
    const rows = (id: string): string[][] => tables.body.tables.find((table: { id: string }) => table.id === id).rows;
    // T1 上年结转结余 1.20 万元; T2's 合计 row puts it in its 上年结转 column (the last).
    expect(rows('T1').find((row) => row[1] === '上年结转结余')?.[2]).toBe('1.20');
    const t2Total = rows('T2')[0];
    expect([t2Total[2], t2Total[t2Total.length - 1]]).toEqual(['合计', '1.20']);
  });
});

import { Decimal } from '@budgetflow/budget-domain';
import { countyDepartmentOf } from '@budgetflow/execution-domain';
import { createTestApp, type TestApp, type TestResponse } from '../support/test-app';
import { PROJECTS as P, basicLines, budgetUrl, establishBudget, executionUrl } from './execution-world';

/**
 * The county dashboard sums in Postgres (per department: its version's basic lines, what was paid against them and in
 * all, each project) what a department's monitoring sums in the process from every line's payments. At every date
 * each department on the dashboard must be, byte for byte, that department's own monitoring without its projects:
 * before and after an adjustment that drops a paid basic line and a paid project, with a reversal, a department that
 * pays nothing and one whose budget is not approved (not on the dashboard). The county's warnings, computed from the
 * same sums, are every department's own warnings.
 */
describe('the county dashboard equals each department’s own monitoring', () => {
  let t: TestApp;
  let supervisor: string;
  let lastPosition = '0';
  const track = (response: TestResponse): TestResponse => {
    const position = response.body?.position;
    if (position && BigInt(position) > BigInt(lastPosition)) lastPosition = String(position);
    if (response.status >= 300) throw new Error(`${response.status} ${response.text}`);
    return response;
  };

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.token('supervisor', undefined, 'renda-li');
    const finance = await t.token('finance', undefined, 'finance-zhang');
    const clerk = await t.token('department', '501', 'clerk-501');
    const clerk502 = await t.token('department', '502', 'clerk-502');
    await establishBudget(t, '501');
    await establishBudget(t, '502', { name: '馆陶县先进局' });
    await establishBudget(t, '504', { name: '馆陶县后进局' });
    lastPosition = await establishBudget(t, '503', { approve: false });

    const [dropped, kept] = await basicLines(t, '501');
    const pay = (department: string, token: string, rows: Array<Record<string, string>>) =>
      t.request('POST', `${executionUrl(department)}/payments/bulk`, { token, body: rows.map((row) => ({ payee: '馆陶县某服务商', ...row })) });
    track(
      await pay('501', clerk, [
        { voucher: 'A-1', date: '2024-03-10', amount: '750000.00', projectCode: P.A },
        { voucher: 'F-1', date: '2024-03-12', amount: '10000.00', projectCode: P.F },
        { voucher: 'C-X', date: '2024-03-15', amount: '80000.00', projectCode: P.C },
        { voucher: 'L-1', date: '2024-03-20', amount: dropped!.amount.times('0.5').toFixed(2), basicLineId: dropped!.lineId },
        { voucher: 'L-2', date: '2024-03-20', amount: kept!.amount.times('0.25').toFixed(2), basicLineId: kept!.lineId },
      ]),
    );
    track(await t.request('POST', `${executionUrl('501')}/payments/C-X/reverse`, { token: clerk, body: { reason: '重复支付，已退回', date: '2024-03-18' } }));
    const lines502 = await basicLines(t, '502');
    track(await pay('502', clerk502, lines502.map((line, i) => ({ voucher: `B502-${i}`, date: '2024-03-20', amount: line.amount.times('0.3').toFixed(2), basicLineId: line.lineId }))));

    // 调整 effective 1 May: the half-paid basic line and the paid project F (4 万元) leave the budget, the income with them.
    const income = new Decimal('6542400.00').minus(dropped!.amount).minus('40000.00').toFixed(2);
    const request = track(
      await t.request('POST', `${budgetUrl('501')}/adjustments`, {
        token: clerk,
        body: {
          kind: '调整',
          effectiveDate: '2024-05-01',
          reason: '压减一般性支出',
          changeSet: { income: [{ source: '一般公共预算拨款收入', amount: income }], basicLines: { removed: [dropped!.lineId] }, projects: { removed: [P.F] } },
        },
      }),
    );
    track(await t.request('POST', `${budgetUrl('501')}/adjustments/${request.body.adjustmentId}/approve`, { token: finance }));
    track(await pay('501', clerk, [{ voucher: 'L-3', date: '2024-06-20', amount: kept!.amount.times('0.25').toFixed(2), basicLineId: kept!.lineId }]));
    // Indicator reports for the warnings: one at risk, one missed, one superseded by a later report.
    const report = (body: Record<string, string>) => t.request('POST', `${executionUrl('501')}/indicator-progress`, { token: clerk, body });
    track(await report({ projectCode: P.D, indicator: '维稳值班人数', date: '2024-03-31', actualToDate: '7', forecast: '9', likelihood: '有可能', deviationCause: '人员', deviationNote: '说明' }));
    track(await report({ projectCode: P.D, indicator: '维稳值班资金', date: '2024-04-30', actualToDate: '80', forecast: '80', likelihood: '完全不可能', deviationCause: '经费', deviationNote: '说明' }));
    track(await report({ projectCode: P.D, indicator: '维稳值班人数', date: '2024-06-30', actualToDate: '9', forecast: '9', likelihood: '确定能' }));
  });
  afterAll(() => t?.close());

  it.each(['2024-01-01', '2024-03-16', '2024-03-31', '2024-05-01', '2024-06-30', '2024-12-31'])('as of %s', async (asOf) => {
    const county = track(await t.request('GET', `/v1/monitoring/2024?asOf=${asOf}&after=${lastPosition}`, { token: supervisor }));
    expect(county.body.departments.map((d: { department: string }) => d.department).sort()).toEqual(['501', '502', '504']);
    for (const department of county.body.departments) {
      const own = track(await t.request('GET', `${executionUrl(department.department)}/monitoring?asOf=${asOf}`, { token: supervisor }));
      expect(JSON.stringify(department)).toBe(JSON.stringify(countyDepartmentOf(own.body)));
    }
    // The county's warnings (from the sums in Postgres) are, in order, every department's own (from its entries).
    const warnings = track(await t.request('GET', `/v1/monitoring/2024/warnings?asOf=${asOf}`, { token: supervisor }));
    const own = await Promise.all(
      ['501', '502', '504'].map(async (department) => track(await t.request('GET', `/v1/monitoring/2024/warnings?asOf=${asOf}&department=${department}`, { token: supervisor })).body.warnings),
    );
    if (asOf >= '2024-05-01') expect(warnings.body.warnings.filter((w: { kind: string }) => w.kind === 'indicator').map((w: { indicator: string }) => w.indicator)).toContain('维稳值班资金');
    expect(JSON.stringify(warnings.body.warnings.map((w: { department: string; projectCode?: string; indicator?: string; kind: string }) => [w.department, w.projectCode, w.indicator, w.kind]).sort()))
      .toBe(JSON.stringify(own.flat().map((w: { department: string; projectCode?: string; indicator?: string; kind: string }) => [w.department, w.projectCode, w.indicator, w.kind]).sort()));
    expect(new Set(warnings.body.warnings.map((w: unknown) => JSON.stringify(w)))).toEqual(new Set(own.flat().map((w: unknown) => JSON.stringify(w))));
    if (asOf >= '2024-05-01') {
      const own501 = county.body.departments.find((d: { department: string }) => d.department === '501');
      expect(own501.versionInForce).toMatchObject({ version: 2, effectiveFrom: '2024-05-01' });
    }
  });
});

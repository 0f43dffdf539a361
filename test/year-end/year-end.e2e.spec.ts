import ExcelJS from 'exceljs';
import { Decimal } from '@budgetflow/budget-domain';
import type { EventStore } from '@budgetflow/event-store';
import { EVENT_STORE } from '@budgetflow/platform';
import { createTestApp, type TestApp, type TestResponse } from '../support/test-app';
import { PROJECTS as P, budgetUrl, establishBudget, executionUrl } from '../execution/execution-world';
import { type FixtureLine, approvedLines, expectStatus } from './year-end-world';

/**
 * 馆陶县信访局 2024 through a year with in-year changes and a year-end close, over HTTP:
 * payments; a 追加 of 律师陪访经费 (E, 7.80 → 9.80 万元) effective 15 May; a 调剂 of 1 万元 from 群众工作中心运维经费 (F) to
 * 信访维稳工作经费 (D) effective 1 August; payments checked against the version in force on their date; monitoring at
 * 3月底 / 6月底 / 10月底 naming the version in force and the change that made it; a late correction before the close;
 * the close with F carried over (结转) and the rest returned (结余), among them a basic line; the final accounts equal to
 * the payments to the fen. The real clock is past 2024, so every change here is approved after its effective date
 * (back-dated) — which the monitoring says.
 */

const E501 = executionUrl('501');
const B501 = budgetUrl('501');
const ADDITION_DOC = '馆财预〔2024〕15号';
const TRANSFER_DOC = '馆财预〔2024〕31号';

describe('年度: 追加, 调剂, version in force, 年终结账, 决算', () => {
  let t: TestApp;
  let clerk: string;
  let finance: string;
  let supervisor: string;
  let lastPosition = '0';
  let lines: FixtureLine[];
  /** The line left half paid: its unspent half is returned at the close. */
  let halfPaidLine: FixtureLine;
  /** Every amount recorded (payments positive, reversals negative): the final accounts must equal its sum. */
  const ledger: Decimal[] = [];

  const track = (response: TestResponse): TestResponse => {
    const position = response.body?.position;
    if (position && BigInt(position) > BigInt(lastPosition)) lastPosition = String(position);
    return response;
  };
  const pay = async (voucher: string, date: string, amount: string, target: { projectCode: string } | { basicLineId: string }) => {
    const response = await t.request('POST', `${E501}/payments`, { token: clerk, body: { voucher, date, amount, ...target, payee: '馆陶县某服务商' } });
    if (response.status === 201) ledger.push(new Decimal(amount));
    return track(response);
  };
  const payLines = async (quarter: string, date: string, share: string, only: (line: FixtureLine) => boolean = () => true) => {
    const rows = lines.filter(only).map((line, i) => ({ voucher: `BASIC-${quarter}-${i}`, date, amount: new Decimal(line.amount).times(share).toFixed(2), basicLineId: line.lineId, payee: '馆陶县财政国库支付中心' }));
    const response = await t.request('POST', `${E501}/payments/bulk`, { token: clerk, body: rows });
    expectStatus(response, 201);
    rows.forEach((row) => ledger.push(new Decimal(row.amount)));
    return track(response);
  };
  /** A change set giving projects new amounts (and as much fiscal funds) in 元 and, when given, the income's new total. */
  const newAmounts = (projects: Array<[string, string]>, income?: string) => ({
    ...(income ? { income: [{ source: '一般公共预算拨款收入', amount: income }] } : {}),
    projects: { changed: projects.map(([code, amount]) => ({ code, changes: { amount, fiscalFunds: amount } })) },
  });
  /** The department asks for a 追加 or 调剂. */
  const askAdjustment = (body: Record<string, unknown>) => t.request('POST', `${B501}/adjustments`, { token: clerk, body });
  const refused = async (send: () => Promise<TestResponse>, status: number, code: string): Promise<TestResponse> => {
    const before = await t.eventCount();
    const response = await send();
    expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(String(response.body.title)).toMatch(/[\u4e00-\u9fa5]/);
    expect(await t.eventCount()).toBe(before);
    return response;
  };
  const monitoring = (checkpoint: string) => t.request('GET', `${E501}/monitoring?checkpoint=${encodeURIComponent(checkpoint)}&after=${lastPosition}`, { token: supervisor });
  const projectOf = (response: TestResponse, code: string) => response.body.projects.find((p: { code: string }) => p.code === code);

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.token('department', '501', 'clerk-501');
    finance = await t.token('finance', undefined, 'finance-zhang');
    supervisor = await t.token('supervisor', undefined, 'renda-li');
    lastPosition = await establishBudget(t, '501');
    lines = await approvedLines(t, '501');
    halfPaidLine = lines.find((line) => line.economicCode === '30239')!; // 其他交通费用 6.60 万元
  });
  afterAll(() => t.close());

  it('pays the first months against the original budget (version 1)', async () => {
    expect(halfPaidLine).toBeDefined();
    for (const [voucher, date, letter, amount] of [
      ['G-1', '2024-01-20', 'G', '13000.00'],
      ['D-1', '2024-03-01', 'D', '100000.00'],
      ['A-1', '2024-03-15', 'A', '750000.00'],
      ['B-1', '2024-03-28', 'B', '500000.00'],
      ['E-1', '2024-03-31', 'E', '39000.00'],
    ] as const) {
      const response = expectStatus(await pay(voucher, date, amount, { projectCode: P[letter] }), 201);
      expect(response.body.payment.budgetVersion).toBe(1);
    }
    await payLines('Q1', '2024-03-31', '0.25');
  });

  it('追加 in May: the department asks for 2 万元 more for E with its income; finance approves it as version 2 effective 15 May', async () => {
    const request = track(
      expectStatus(
        await askAdjustment({
          kind: '追加',
          documentNumber: ADDITION_DOC,
          effectiveDate: '2024-05-15',
          reason: '新增涉法涉诉案件律师陪访需求',
          changeSet: newAmounts([[P.E, '98000.00']], '6562400.00'),
        }),
        201,
      ),
    );
    const approved = track(expectStatus(await t.request('POST', `${B501}/adjustments/${request.body.adjustmentId}/approve`, { token: finance }), 200));
    expect(approved.body.approvedVersion).toBe(2);

    // The version carries its effective date and the change that made it; approved in 2026, it is back-dated.
    const budget = expectStatus(await t.request('GET', `${B501}?version=approved`, { token: finance }), 200);
    expect(budget.body.versions[1]).toMatchObject({
      version: 2,
      effectiveFrom: '2024-05-15',
      change: { adjustmentId: request.body.adjustmentId, kind: 'addition', documentNumber: ADDITION_DOC, backDated: true },
    });
  });

  it('a payment is checked against the version in force on its date: E over 7.80 万元 is refused on 10 May, accepted on 15 June', async () => {
    await refused(() => pay('E-X', '2024-05-10', '59000.00', { projectCode: P.E }), 422, 'PAYMENT_EXCEEDS_REMAINING');
    const june = expectStatus(await pay('E-2', '2024-06-15', '59000.00', { projectCode: P.E }), 201);
    expect(june.body.payment.budgetVersion).toBe(2);
    for (const [voucher, date, letter, amount] of [
      ['D-2', '2024-06-01', 'D', '300000.00'],
      ['A-2', '2024-06-20', 'A', '750000.00'],
      ['C-1', '2024-06-30', 'C', '100000.00'],
    ] as const) {
      expectStatus(await pay(voucher, date, amount, { projectCode: P[letter] }), 201);
    }
    await payLines('Q2', '2024-06-30', '0.25');
  });

  it('调剂 from money already spent is refused: A has paid 150 万元, it cannot give away 200 万元 of its 300', async () => {
    await refused(
      () => askAdjustment({ kind: 'transfer', effectiveDate: '2024-08-01', reason: '调剂资金用于值班经费', changeSet: newAmounts([[P.A, '1000000.00'], [P.C, '2500000.00']]) }),
      422,
      'TRANSFER_SOURCE_SPENT',
    );
    // A 调剂 that changes the total is no 调剂.
    await refused(
      () => askAdjustment({ kind: 'transfer', reason: '调剂', changeSet: newAmounts([[P.D, '410000.00']], '6572400.00') }),
      422,
      'TRANSFER_CHANGES_INCOME',
    );
  });

  it('调剂 in August effective 1 August: 1 万元 from F to D, version 3', async () => {
    const request = track(
      expectStatus(
        await askAdjustment({
          kind: 'transfer',
          effectiveDate: '2024-08-01',
          reason: '信访维稳任务增加，调剂运维经费结余',
          changeSet: newAmounts([[P.F, '30000.00'], [P.D, '410000.00']]),
        }),
        201,
      ),
    );
    const approved = track(expectStatus(await t.request('POST', `${B501}/adjustments/${request.body.adjustmentId}/approve`, { token: finance, body: { documentNumber: TRANSFER_DOC } }), 200));
    expect(approved.body.approvedVersion).toBe(3);

    // D is fully paid under version 2 in July; from 1 August version 3 gives it 1 万元 more.
    await refused(() => pay('D-X', '2024-07-20', '5000.00', { projectCode: P.D }), 422, 'PAYMENT_EXCEEDS_REMAINING');
    const august = expectStatus(await pay('D-3', '2024-08-20', '10000.00', { projectCode: P.D }), 201);
    expect(august.body.payment.budgetVersion).toBe(3);
    expectStatus(await pay('F-1', '2024-09-10', '5000.00', { projectCode: P.F }), 201);
    expectStatus(await pay('A-3', '2024-10-10', '750000.00', { projectCode: P.A }), 201);
    expectStatus(await pay('C-2', '2024-10-31', '400000.00', { projectCode: P.C }), 201);
    // The half-paid line gets nothing after June.
    await payLines('Q3', '2024-09-30', '0.25', (line) => line.lineId !== halfPaidLine.lineId);
  });

  it('monitoring at 3月底, 6月底 and 10月底 names the version in force and the change that made it', async () => {
    const march = expectStatus(await monitoring('3月底'), 200);
    expect(march.body.budgetVersion).toBe(1);
    expect(march.body.versionInForce).toMatchObject({ version: 1, effectiveFrom: '2024-01-01' });
    expect(march.body.versionInForce.change).toBeUndefined();
    expect(projectOf(march, P.E).approved).toBe('78000.00');

    const june = expectStatus(await monitoring('6月底'), 200);
    expect(june.body.budgetVersion).toBe(2);
    expect(june.body.versionInForce).toMatchObject({
      version: 2,
      effectiveFrom: '2024-05-15',
      change: { kind: 'addition', kindName: '追加', documentNumber: ADDITION_DOC, reason: '新增涉法涉诉案件律师陪访需求', backDated: true },
    });
    expect(projectOf(june, P.E).approved).toBe('98000.00');
    expect(projectOf(june, P.D).approved).toBe('400000.00');

    const october = expectStatus(await monitoring('10月底'), 200);
    expect(october.body.versionInForce).toMatchObject({ version: 3, effectiveFrom: '2024-08-01', change: { kind: 'transfer', kindName: '调剂', documentNumber: TRANSFER_DOC, backDated: true } });
    expect(projectOf(october, P.D).approved).toBe('410000.00');
    expect(projectOf(october, P.F).approved).toBe('30000.00');
    expect(projectOf(october, P.D).executed).toBe('410000.00');
  });

  it('final accounts before the close: 409 with a Chinese reason, or a provisional view flagged as such', async () => {
    const notYet = await t.request('GET', `${B501}/final-accounts`, { token: finance });
    expect({ status: notYet.status, code: notYet.body.code }).toEqual({ status: 409, code: 'YEAR_NOT_CLOSED' });
    expect(notYet.body.detail).toMatch(/尚未年终结账/);
    const provisional = expectStatus(await t.request('GET', `${B501}/final-accounts?provisional=true`, { token: finance }), 200);
    expect(provisional.body.status).toBe('provisional');
  });

  it('late corrections before the close are allowed: a December payment reversed and paid again', async () => {
    expectStatus(await pay('A-4', '2024-12-20', '750000.00', { projectCode: P.A }), 201);
    const reversal = track(expectStatus(await t.request('POST', `${E501}/payments/A-4/reverse`, { token: clerk, body: { reason: '收款账户有误，退回重付', date: '2024-12-28' } }), 201));
    expect(reversal.body.reversed).toBe(true);
    ledger.push(new Decimal('-750000.00'));
    expectStatus(await pay('A-4b', '2024-12-29', '750000.00', { projectCode: P.A }), 201);
    await payLines('Q4', '2024-12-31', '0.25', (line) => line.lineId !== halfPaidLine.lineId);
  });

  it.each([
    ['a department', () => ({ token: 'clerk', body: { carryOver: [] } }), 403, 'FORBIDDEN_ROLE'],
    ['a carry-over above the project\'s unspent (F: 3 万 budget, 0.5 万 paid)', () => ({ token: 'finance', body: { carryOver: [{ projectCode: P.F, amount: '30000.00' }] } }), 422, 'CARRY_OVER_EXCEEDS_UNSPENT'],
    ['an unknown project', () => ({ token: 'finance', body: { carryOver: [{ projectCode: 'P-NOPE', amount: '1.00' }] } }), 404, 'PROJECT_NOT_FOUND'],
    ['a carry-over amount as a number', () => ({ token: 'finance', body: { carryOver: [{ projectCode: P.F, amount: 100 }] } }), 400, 'AMOUNT_NOT_STRING'],
  ])('the close refuses %s and changes nothing', async (_label, make, status, code) => {
    const { token, body } = make();
    await refused(() => t.request('POST', `${B501}/close`, { token: token === 'clerk' ? clerk : finance, body }), status, code);
  });

  it('finance closes the year: F carries 2 万元 over, everything else unspent is returned — one BudgetYearClosed event', async () => {
    const before = await t.eventCount();
    const closed = track(
      expectStatus(await t.request('POST', `${B501}/close`, { token: finance, body: { carryOver: [{ projectCode: P.F, amount: '20000.00', reason: '系统运维合同跨年履行' }] } }), 200),
    );
    expect(closed.body.events).toEqual(['BudgetYearClosed']);
    expect(await t.eventCount()).toBe(before + 1);

    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream('budget-501-2024');
    const event = stream[stream.length - 1];
    expect(event.type).toBe('BudgetYearClosed');
    const data = event.data as { carryOver: unknown[]; returned: Array<{ kind: string; id: string; amount: string }>; closedBy: string; figures: { totals: Record<string, string> } };
    expect(data.carryOver).toEqual([{ projectCode: P.F, amount: '20000.00', reason: '系统运维合同跨年履行' }]);
    const halfUnspent = new Decimal(halfPaidLine.amount).times('0.5').toFixed(2);
    expect(data.returned).toEqual(
      expect.arrayContaining([
        { kind: 'basicLine', id: halfPaidLine.lineId, amount: halfUnspent },
        { kind: 'project', id: P.G, projectCode: P.G, amount: '13000.00' },
        { kind: 'project', id: P.F, projectCode: P.F, amount: '5000.00' },
      ]),
    );
    expect(data.returned).toHaveLength(3);
    expect(data.closedBy).toBe('finance-zhang');
    expect(data.figures.totals).toMatchObject({ carriedOver: '20000.00', budget: '6562400.00' });
  });

  it('after the close: closing again, payments and corrections dated in the year, and changes are refused', async () => {
    await refused(() => t.request('POST', `${B501}/close`, { token: finance, body: { carryOver: [] } }), 409, 'YEAR_CLOSED');
    await refused(() => pay('LATE-1', '2024-12-31', '100.00', { projectCode: P.A }), 409, 'YEAR_CLOSED');
    await refused(() => t.request('POST', `${E501}/payments/A-3/reverse`, { token: clerk, body: { reason: '更正', date: '2024-12-31' } }), 409, 'YEAR_CLOSED');
    await refused(
      () => askAdjustment({ reason: '结账后追加', kind: 'addition', changeSet: newAmounts([[P.E, '108000.00']], '6572400.00') }),
      409,
      'YEAR_CLOSED',
    );
  });

  it('the final accounts equal the payments to the fen, by class, by project, with 三公, 机关运行经费 and the self-evaluation', async () => {
    const response = expectStatus(await t.request('GET', `${B501}/final-accounts`, { token: clerk }), 200);
    const fa = response.body;
    const paid = ledger.reduce((a, b) => a.plus(b), new Decimal(0)).toFixed(2);
    expect(fa.status).toBe('closed');
    expect(fa.totals).toMatchObject({ initialBudget: '6542400.00', finalBudget: '6562400.00', budget: '6562400.00', actual: paid, paymentsTotal: paid, carriedOver: '20000.00' });
    expect(fa.totals.variance).toBe(new Decimal('6562400.00').minus(paid).toFixed(2));
    expect(fa.totals.executionRate).toBe(new Decimal(paid).dividedBy('6562400').times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    const sumOf = (rows: Array<{ actual: string }>) => rows.reduce((a, r) => a.plus(r.actual), new Decimal(0)).toFixed(2);
    expect(sumOf(fa.byFunctionalClass)).toBe(paid);
    expect(sumOf(fa.byEconomicClass)).toBe(paid);
    expect(new Decimal(sumOf(fa.byProject)).plus(fa.basic.actual).toFixed(2)).toBe(paid);
    expect(fa.byProject.find((p: { projectCode: string }) => p.projectCode === P.E)).toMatchObject({ initialBudget: '78000.00', finalBudget: '98000.00', actual: '98000.00', executionRate: '100.00' });
    expect(fa.byProject.find((p: { projectCode: string }) => p.projectCode === P.F)).toMatchObject({ initialBudget: '40000.00', finalBudget: '30000.00', actual: '5000.00', carriedOver: '20000.00' });
    expect(fa.versions.map((v: { version: number; change?: { kind: string } }) => [v.version, v.change?.kind])).toEqual([[1, undefined], [2, 'addition'], [3, 'transfer']]);
    // 机关运行经费: the 公用经费 (302xx) basic lines of this 行政 unit; 30231 公务用车运行维护费 is its only 三公 line.
    expect(fa.operatingExpenses.applies).toBe(true);
    const vehicle = lines.find((l) => l.economicCode === '30231')!;
    expect(fa.sanGong.total.finalBudget).toBe(new Decimal(vehicle.amount).toFixed(2));
    expect(fa.sanGong.total.actual).toBe(new Decimal(vehicle.amount).toFixed(2));
    // Every project is evaluated; weights are documented in the answer.
    expect(fa.selfEvaluation).toHaveLength(7);
    expect(fa.selfEvaluationSummary.weights).toEqual({ budgetExecution: 10, 产出指标: 50, 效益指标: 30, 满意度指标: 10 });
    const e = fa.selfEvaluation.find((p: { projectCode: string }) => p.projectCode === P.E);
    expect(e.budgetExecutionScore).toBe('10.00');

    // Another department may not read them.
    expect((await t.request('GET', `${B501}/final-accounts`, { token: await t.token('department', '502') })).status).toBe(403);
  });

  it('exports the final accounts as XLSX, CSV with BOM and printable HTML', async () => {
    const xlsx = await t.app.inject({ method: 'GET', url: `${B501}/final-accounts.xlsx`, headers: { authorization: `Bearer ${finance}` } });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)[0]).toContain('收支决算总表');
    const summary = workbook.worksheets[0];
    const total = summary.getRow(4);
    expect(total.getCell(1).value).toBe('支出合计');
    expect(total.getCell(4).value).toBe(Number(ledger.reduce((a, b) => a.plus(b), new Decimal(0)).toFixed(2)));

    const csv = await t.request('GET', `${B501}/final-accounts.csv`, { token: finance });
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('支出决算表（按支出功能分类科目）');

    const html = await t.request('GET', `${B501}/final-accounts.html`, { token: supervisor });
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('项目支出绩效自评表');
  });

  it('the county view sums the closed departments and lists the largest unspent share first', async () => {
    const approved502 = await establishBudget(t, '502', { name: '馆陶县示范局' });
    const county = expectStatus(await t.request('GET', `/v1/final-accounts/2024?after=${approved502}`, { token: supervisor }), 200);
    expect(county.body.totals).toMatchObject({ closedDepartments: 1, notClosedDepartments: 1, carriedOver: '20000.00' });
    // 502 paid nothing: 100 % unspent, first.
    expect(county.body.largestUnspentShare.map((d: { department: string }) => d.department)).toEqual(['502', '501']);
    expect(county.body.largestUnspentShare[0]).toMatchObject({ closed: false, unspentSharePercent: '100.00' });
    expect((await t.request('GET', `/v1/final-accounts/2024`, { token: clerk })).status).toBe(403);
  });
});

describe('年终结账 before the year ends', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The service's clock stands at 20 December 2024, Beijing time.
    t = await createTestApp({}, { clockStart: new Date('2024-12-20T10:00:00+08:00') });
    await establishBudget(t, '501');
  });
  afterAll(() => t.close());

  it('is refused (409 YEAR_NOT_ENDED) and appends nothing', async () => {
    const before = await t.eventCount();
    const response = await t.request('POST', `${B501}/close`, { token: await t.token('finance'), body: { carryOver: [] } });
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 409, code: 'YEAR_NOT_ENDED' });
    expect(response.body.detail).toMatch(/尚未结束/);
    expect(await t.eventCount()).toBe(before);
  });
});

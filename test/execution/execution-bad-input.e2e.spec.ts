import { type TestResponse, useTestApp } from '../support/test-app';
import { PROJECTS as P, establishBudget, executionUrl } from './execution-world';

/**
 * Every refused execution write is a 4xx problem+json with a stable code, a Chinese title, field-level errors,
 * and nothing appended; over-spend follows finance's setting (block by default, warn on request).
 */

const E501 = executionUrl('501');
const payment = (overrides: Record<string, unknown> = {}) => ({ voucher: 'V-1', date: '2024-04-01', amount: '1000.00', projectCode: P.A, payee: '馆陶县某服务商', ...overrides });

describe('execution: bad input is refused clearly and appends nothing', () => {
  const t = useTestApp();
  let clerk: string;
  let finance: string;

  beforeAll(async () => {
    clerk = await t.token('department', '501', 'clerk-501');
    finance = await t.token('finance', undefined, 'finance-zhang');
    await establishBudget(t, '501');
    await establishBudget(t, '504', { approve: false, name: '馆陶县未批复局' });
    const first = await t.request('POST', `${E501}/payments`, { token: clerk, body: payment() });
    expect(first.status).toBe(201);
  });

  /** Sends a write, expects the refusal and that the store did not grow. */
  const refused = async (send: () => Promise<TestResponse>, status: number, code: string, field?: string): Promise<TestResponse> => {
    const before = await t.eventCount();
    const response = await send();
    expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.title).toMatch(/[\u4e00-\u9fa5]/);
    expect(response.body.errors.length).toBeGreaterThan(0);
    if (field !== undefined) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.eventCount()).toBe(before);
    return response;
  };
  const post = (body: unknown, url = `${E501}/payments`, token = clerk) => () => t.request('POST', url, { token, body });

  it.each([
    ['an unknown project', payment({ voucher: 'V-2', projectCode: 'P-NOPE' }), 404, 'PAYMENT_TARGET_NOT_FOUND', 'projectCode'],
    ['an unknown basic line', payment({ voucher: 'V-2', projectCode: undefined, basicLineId: 'basic-999' }), 404, 'PAYMENT_TARGET_NOT_FOUND', 'basicLineId'],
    ['both a line and a project', payment({ voucher: 'V-2', basicLineId: 'basic-1' }), 400, 'PAYMENT_TARGET_AMBIGUOUS', 'projectCode'],
    ['a negative amount', payment({ voucher: 'V-2', amount: '-5.00' }), 422, 'AMOUNT_NOT_POSITIVE', 'amount'],
    ['a zero amount', payment({ voucher: 'V-2', amount: '0.00' }), 422, 'AMOUNT_NOT_POSITIVE', 'amount'],
    ['an over-precise amount', payment({ voucher: 'V-2', amount: '10.005' }), 400, 'AMOUNT_TOO_PRECISE', 'amount'],
    ['an amount as a JSON number', payment({ voucher: 'V-2', amount: 10.5 }), 400, 'AMOUNT_INVALID', 'amount'],
    ['a date outside the fiscal year', payment({ voucher: 'V-2', date: '2025-01-02' }), 422, 'PAYMENT_DATE_OUTSIDE_FISCAL_YEAR', 'date'],
    ['a date that is no date', payment({ voucher: 'V-2', date: '2024-02-30' }), 400, 'DATE_INVALID', 'date'],
    ['a duplicate voucher with different content', payment({ amount: '1000.01' }), 409, 'VOUCHER_CONFLICT', 'voucher'],
    ['an unknown field', payment({ voucher: 'V-2', status: 'approved' }), 400, 'FIELD_NOT_ALLOWED', 'status'],
    ['no payee', payment({ voucher: 'V-2', payee: ' ' }), 400, 'FIELD_REQUIRED', 'payee'],
  ])('refuses %s', async (_label, body, status, code, field) => {
    await refused(post(body), status, code, field);
  });

  it('refuses a payment into a budget that is not approved', async () => {
    const clerk504 = await t.token('department', '504');
    await refused(post(payment(), `${executionUrl('504')}/payments`, clerk504), 409, 'BUDGET_NOT_APPROVED_FOR_EXECUTION');
  });

  it('refuses writes by another department or by finance', async () => {
    await refused(post(payment({ voucher: 'V-3' }), `${E501}/payments`, await t.token('department', '502')), 403, 'EXECUTION_OTHER_DEPARTMENT');
    await refused(post(payment({ voucher: 'V-3' }), `${E501}/payments`, finance), 403, 'EXECUTION_FORBIDDEN_ROLE');
  });

  it('a bulk upload with bad rows records none of them and names each bad row', async () => {
    const rows = [payment({ voucher: 'B-1' }), payment({ voucher: 'B-2', amount: '1.001' }), payment({ voucher: 'B-3' }), payment({ voucher: 'B-4', projectCode: 'NOPE' })];
    const response = await refused(post(rows, `${E501}/payments/bulk`), 400, 'AMOUNT_TOO_PRECISE', 'rows[1].amount');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'rows[1].amount', code: 'AMOUNT_TOO_PRECISE' })]);
    // Form problems first; once the rows read well, every rule-breaking row is reported together.
    const ruled = await refused(
      post([payment({ voucher: 'B-1' }), payment({ voucher: 'B-3', date: '2023-12-31' }), payment({ voucher: 'B-4', projectCode: 'NOPE' })], `${E501}/payments/bulk`),
      422,
      'PAYMENT_DATE_OUTSIDE_FISCAL_YEAR',
    );
    expect(ruled.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['rows[1].date', 'PAYMENT_DATE_OUTSIDE_FISCAL_YEAR'],
      ['rows[2].projectCode', 'PAYMENT_TARGET_NOT_FOUND'],
    ]);
    // The same voucher twice in one upload with different content.
    await refused(post([payment({ voucher: 'B-5' }), payment({ voucher: 'B-5', amount: '2.00' })], `${E501}/payments/bulk`), 409, 'VOUCHER_CONFLICT', 'rows[1].voucher');
    await refused(post([], `${E501}/payments/bulk`), 400, 'BULK_EMPTY');
    await refused(post({ voucher: 'x' }, `${E501}/payments/bulk`), 400, 'FIELD_TYPE_INVALID');
  });

  it('a CSV upload with a bad header, a ragged row or a bad cell records nothing', async () => {
    const csv = (text: string) => () => t.request('POST', `${E501}/payments/bulk`, { token: clerk, payload: text, headers: { 'content-type': 'text/csv' } });
    await refused(csv('voucher,date,amount,projectCode,payee,colour\nC-1,2024-04-01,1.00,P,x,red'), 400, 'CSV_INVALID', 'header');
    await refused(csv(`voucher,date,amount,projectCode,payee\nC-1,2024-04-01,1.00,${P.A}`), 400, 'CSV_INVALID', 'line[2]');
    await refused(csv(`voucher,date,amount,projectCode,payee\nC-1,2024-04-01,1.00,${P.A},x\nC-2,2024-04-01,-1,${P.A},x`), 422, 'AMOUNT_NOT_POSITIVE', 'line[3].amount');
  });

  it('a CSV upload names every wrong field of every row by the line the file shows it on (header line 1, quoted line breaks counted)', async () => {
    const csv = (text: string) => () => t.request('POST', `${E501}/payments/bulk`, { token: clerk, payload: text, headers: { 'content-type': 'text/csv' } });
    const file = [
      'voucher,date,amount,projectCode,payee,note',
      `M-1,2024-04-01,1.00,${P.A},x,"两行的`,
      `摘要"`,
      'M-2,2024-13-01,1.001,,x,',
      `M-3,2024-04-01,abc,${P.A},,`,
    ].join('\r\n');
    const response = await refused(csv(file), 400, 'DATE_INVALID');
    expect(response.body.errors.map((e: { field: string; line: number; column: string }) => [e.field, e.line, e.column])).toEqual([
      ['line[4].date', 4, 'date'],
      ['line[4].amount', 4, 'amount'],
      ['line[4].basicLineId', 4, 'basicLineId'],
      ['line[5].amount', 5, 'amount'],
      ['line[5].payee', 5, 'payee'],
    ]);
    expect(response.body.errors[0].message).toMatch(/^第 4 行 date：/);

    const targets = `voucher,date,amount,projectCode,payee\nT-1,2024-04-01,1.00,NOPE-1,x\nT-2,2024-04-01,1.00,NOPE-2,x\n`;
    const missing = await refused(csv(targets), 404, 'PAYMENT_TARGET_NOT_FOUND');
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['line[2].projectCode', 'line[3].projectCode']);
  });

  it('reversal: reason required, unknown voucher 404, not before the payment, once only', async () => {
    await refused(post({ reason: '', date: '2024-04-02' }, `${E501}/payments/V-1/reverse`), 400, 'FIELD_REQUIRED', 'reason');
    await refused(post({ reason: '错付', date: '2024-04-02' }, `${E501}/payments/NOPE/reverse`), 404, 'PAYMENT_NOT_FOUND');
    await refused(post({ reason: '错付', date: '2024-03-31' }, `${E501}/payments/V-1/reverse`), 422, 'REVERSAL_BEFORE_PAYMENT', 'date');
    const reversed = await t.request('POST', `${E501}/payments/V-1/reverse`, { token: clerk, body: { reason: '错付', date: '2024-04-02' } });
    expect(reversed.status).toBe(201);
    const before = await t.eventCount();
    const again = await t.request('POST', `${E501}/payments/V-1/reverse`, { token: clerk, body: { reason: '错付', date: '2024-04-02' } });
    expect(again.status).toBe(200);
    expect(await t.eventCount()).toBe(before);
    await refused(post({ reason: '再次冲销', date: '2024-04-03' }, `${E501}/payments/V-1/reverse`), 409, 'PAYMENT_ALREADY_REVERSED');
  });

  it('over-spend is blocked by default and only warned once finance says so', async () => {
    // G has 2.60 万元 = 26,000 元.
    expect((await t.request('POST', `${E501}/payments`, { token: clerk, body: payment({ voucher: 'G-1', projectCode: P.G, amount: '20000.00' }) })).status).toBe(201);
    const blocked = await refused(post(payment({ voucher: 'G-2', projectCode: P.G, amount: '6000.01' })), 422, 'PAYMENT_EXCEEDS_REMAINING', 'amount');
    expect(blocked.body.detail).toContain('6000.00');
    // Within the remainder exactly is fine.
    expect((await t.request('POST', `${E501}/payments`, { token: clerk, body: payment({ voucher: 'G-2', projectCode: P.G, amount: '6000.00' }) })).status).toBe(201);

    await refused(() => t.request('PUT', '/v1/execution-settings/2024', { token: clerk, body: { overspendMode: 'warn', yellowGapPoints: 10, redGapPoints: 20 } }), 403, 'SETTINGS_FORBIDDEN_ROLE');
    await refused(() => t.request('PUT', '/v1/execution-settings/2024', { token: finance, body: { overspendMode: 'stop', yellowGapPoints: 10, redGapPoints: 20 } }), 400, 'OVERSPEND_MODE_UNKNOWN', 'overspendMode');
    await refused(() => t.request('PUT', '/v1/execution-settings/2024', { token: finance, body: { overspendMode: 'warn', yellowGapPoints: 30, redGapPoints: 20 } }), 422, 'THRESHOLDS_INVALID');
    const set = await t.request('PUT', '/v1/execution-settings/2024', { token: finance, body: { overspendMode: 'warn', yellowGapPoints: 5, redGapPoints: 15 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ overspendMode: 'warn', yellowGapPoints: 5, redGapPoints: 15, changed: true });

    const warned = await t.request('POST', `${E501}/payments`, { token: clerk, body: payment({ voucher: 'G-3', projectCode: P.G, amount: '100.00' }) });
    expect(warned.status).toBe(201);
    expect(warned.body.payment.overspend).toEqual({ remainingBefore: '0.00' });
    expect(warned.body.warnings).toEqual([expect.objectContaining({ code: 'PAYMENT_EXCEEDS_REMAINING', voucher: 'G-3' })]);

    // The new thresholds colour the figures: G at 26,100 of 26,000 is ahead; A at 1,000 of 3,000,000 by 4月底 is far behind.
    const monitoring = await t.request('GET', `${E501}/monitoring?asOf=2024-04-30&after=${warned.body.position}`, { token: finance });
    const g = monitoring.body.projects.find((p: { code: string }) => p.code === P.G);
    expect(g.executedPercent).toBe('100.38');
    expect(monitoring.body.projects.find((p: { code: string }) => p.code === P.A).warning).toBe('red');
  });

  it('refuses bad indicator reports', async () => {
    const report = (overrides: Record<string, unknown>) => ({ projectCode: P.F, indicator: '入驻部门数量', date: '2024-06-30', actualToDate: '8', forecast: '8', likelihood: '确定能', ...overrides });
    const url = `${E501}/indicator-progress`;
    await refused(post(report({ indicator: '不存在的指标' }), url), 404, 'INDICATOR_NOT_FOUND', 'indicator');
    await refused(post(report({ projectCode: 'NOPE' }), url), 404, 'PAYMENT_TARGET_NOT_FOUND', 'projectCode');
    await refused(post(report({ likelihood: '也许' }), url), 400, 'LIKELIHOOD_UNKNOWN', 'likelihood');
    await refused(post(report({ likelihood: '有可能' }), url), 422, 'DEVIATION_CAUSE_REQUIRED', 'deviationCause');
    await refused(post(report({ likelihood: '有可能', deviationCause: '天气' }), url), 400, 'DEVIATION_CAUSE_UNKNOWN', 'deviationCause');
    await refused(post(report({ actualToDate: '-1' }), url), 400, 'FIGURE_INVALID', 'actualToDate');
    await refused(post(report({ forecast: 8 }), url), 400, 'AMOUNT_NOT_STRING', 'forecast');
    await refused(post(report({ date: '2025-01-01' }), url), 422, 'PAYMENT_DATE_OUTSIDE_FISCAL_YEAR', 'date');
  });

  it('refuses bad query parameters on reads', async () => {
    const get = (url: string) => t.request('GET', url, { token: finance });
    expect((await get(`${E501}/monitoring?asOf=2024-13-01`)).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'asOf', code: 'DATE_INVALID' }] });
    expect((await get(`${E501}/monitoring?checkpoint=Q5`)).body).toMatchObject({ status: 400, errors: [{ field: 'checkpoint', code: 'CHECKPOINT_INVALID' }] });
    expect((await get(`${E501}/monitoring?asOf=2024-03-31&checkpoint=3%E6%9C%88%E5%BA%95`)).status).toBe(400);
    expect((await get(`/v1/monitoring/24`)).body).toMatchObject({ status: 400, errors: [{ field: 'year', code: 'FISCAL_YEAR_INVALID' }] });
    expect((await get(`${executionUrl('504')}/monitoring?asOf=2024-03-31`)).status).toBe(404);
  });
});

import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app';
import { PROJECTS as P, basicLineCsvRows, basicLines, establishBudget, executionUrl } from './execution-world';

/**
 * 馆陶县信访局 2024 through a year of execution: 501 pays some projects on plan and leaves others behind, 502 runs
 * ahead, 503 pays nothing. At each checkpoint every project's figures and warning, the county order and the warning
 * list are those of the spending plan (25 / 50 / 75 / 100 %) and finance's default thresholds (yellow > 10, red > 20).
 */

const E501 = executionUrl('501');

/** [voucher, date, project, amount] — the year of project payments of 501. */
const PROJECT_PAYMENTS: Array<[string, string, keyof typeof P, string]> = [
  // A 300万: exactly on plan.
  ['A-1', '2024-03-15', 'A', '750000.00'],
  ['A-2', '2024-06-20', 'A', '750000.00'],
  ['A-3', '2024-10-10', 'A', '750000.00'],
  ['A-4', '2024-12-20', 'A', '750000.00'],
  // B 50万: 12 % by March (13 points behind: yellow), then on plan.
  ['B-1', '2024-03-28', 'B', '60000.00'],
  ['B-2', '2024-06-28', 'B', '190000.00'],
  ['B-3', '2024-10-30', 'B', '100000.00'],
  ['B-4', '2024-12-30', 'B', '150000.00'],
  // C 50万: nothing by March, 20 % by June (both red), a wrong payment in May reversed two days later.
  ['C-1', '2024-06-30', 'C', '100000.00'],
  ['C-2', '2024-10-31', 'C', '250000.00'],
  ['C-3', '2024-12-31', 'C', '150000.00'],
  // D 40万: on plan to June, then stalls at 50 % (October) and 75 % (December): red.
  ['D-1', '2024-03-01', 'D', '100000.00'],
  ['D-2', '2024-06-01', 'D', '100000.00'],
  ['D-3', '2024-12-01', 'D', '100000.00'],
  // E 7.8万: 20 %, 40 % (exactly 10 points behind: not yet yellow), 70 %, 100 %.
  ['E-1', '2024-03-31', 'E', '15600.00'],
  ['E-2', '2024-06-15', 'E', '15600.00'],
  ['E-3', '2024-09-15', 'E', '23400.00'],
  ['E-4', '2024-12-15', 'E', '23400.00'],
  // F 4万: nothing all year.
  // G 2.6万: half in January (ahead of plan), then nothing.
  ['G-1', '2024-01-20', 'G', '13000.00'],
];

/** The planned % of every project at each checkpoint: the spending plan's 25 / 50 / 75 / 100 %. */
const PLANNED = { '3月底': '25.00', '6月底': '50.00', '10月底': '75.00', '12月底': '100.00' };

/** Where each project stands at 3月底, 6月底, 10月底 and 12月底: [executed %, gap (planned − executed), warning]. */
const STANDING: Record<keyof typeof P, Array<[string, string, string]>> = {
  A: [['25.00', '0.00', 'none'], ['50.00', '0.00', 'none'], ['75.00', '0.00', 'none'], ['100.00', '0.00', 'none']],
  B: [['12.00', '13.00', 'yellow'], ['50.00', '0.00', 'none'], ['70.00', '5.00', 'none'], ['100.00', '0.00', 'none']],
  C: [['0.00', '25.00', 'red'], ['20.00', '30.00', 'red'], ['70.00', '5.00', 'none'], ['100.00', '0.00', 'none']],
  D: [['25.00', '0.00', 'none'], ['50.00', '0.00', 'none'], ['50.00', '25.00', 'red'], ['75.00', '25.00', 'red']],
  E: [['20.00', '5.00', 'none'], ['40.00', '10.00', 'none'], ['70.00', '5.00', 'none'], ['100.00', '0.00', 'none']],
  F: [['0.00', '25.00', 'red'], ['0.00', '50.00', 'red'], ['0.00', '75.00', 'red'], ['0.00', '100.00', 'red']],
  G: [['50.00', '-25.00', 'none'], ['50.00', '0.00', 'none'], ['50.00', '25.00', 'red'], ['50.00', '50.00', 'red']],
};

/** Expected per checkpoint: project → [executed %, planned %, gap, warning]. */
const EXPECTED: Record<string, Record<string, [string, string, string, string]>> = Object.fromEntries(
  Object.entries(PLANNED).map(([checkpoint, planned], index) => [
    checkpoint,
    Object.fromEntries(Object.entries(STANDING).map(([letter, standing]) => [letter, [standing[index][0], planned, standing[index][1], standing[index][2]]])),
  ]),
);

/** 序时进度 of 2024 (366 days) at each checkpoint: 91, 182, 305 and 366 days. */
const TIME_ELAPSED = { '3月底': '24.86', '6月底': '49.73', '10月底': '83.33', '12月底': '100.00' };

describe('双监控: a year of payments of 馆陶县信访局 2024 and the county around it', () => {
  let t: TestApp;
  let clerk: string;
  let supervisor: string;
  let lastPosition = '0';

  const track = (response: { body: { position?: string } }) => {
    if (response.body.position && BigInt(response.body.position) > BigInt(lastPosition)) lastPosition = response.body.position;
  };
  const monitoring = (query: string, token = supervisor) => t.request('GET', `${E501}/monitoring?${query}&after=${lastPosition}`, { token });

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.token('department', '501', 'clerk-501');
    supervisor = await t.token('supervisor', undefined, 'renda-li');
    await establishBudget(t, '501');
    await establishBudget(t, '502', { name: '馆陶县示范局' });
    await establishBudget(t, '503', { name: '馆陶县后进局' });
  });
  afterAll(() => t.close());

  it('records the first quarter as one JSON bulk upload: one append, one event per payment', async () => {
    const firstQuarter = PROJECT_PAYMENTS.filter(([, date]) => date <= '2024-03-31');
    const before = await t.eventCount();
    const response = await t.request('POST', `${E501}/payments/bulk`, {
      token: clerk,
      body: firstQuarter.map(([voucher, date, project, amount]) => ({ voucher, date, amount, projectCode: P[project], payee: '馆陶县某服务商', note: `${project} 项目支出` })),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ received: firstQuarter.length, recorded: firstQuarter.length, unchanged: 0, warnings: [], streamId: 'execution-501-2024' });
    expect(await t.eventCount()).toBe(before + firstQuarter.length);
    track(response);

    // The same upload again (a client retry): nothing new.
    const again = await t.request('POST', `${E501}/payments/bulk`, {
      token: clerk,
      body: firstQuarter.map(([voucher, date, project, amount]) => ({ voucher, date, amount, projectCode: P[project], payee: '馆陶县某服务商', note: `${project} 项目支出` })),
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ recorded: 0, unchanged: firstQuarter.length });
    expect(await t.eventCount()).toBe(before + firstQuarter.length);
  });

  it('reverses a wrong May payment of C with a reason: the entry stays, a reversing entry follows', async () => {
    const wrong = await t.request('POST', `${E501}/payments`, { token: clerk, body: { voucher: 'C-X', date: '2024-05-10', amount: '80000.00', projectCode: P.C, payee: '馆陶县某服务商' } });
    expect(wrong.status).toBe(201);
    const response = await t.request('POST', `${E501}/payments/C-X/reverse`, { token: clerk, body: { reason: '重复支付，已退回', date: '2024-05-12' } });
    expect(response.status).toBe(201);
    expect(response.body.reversed).toBe(true);
    track(response);

    const ledger = await t.request('GET', `${E501}/payments?asOf=2024-12-31&after=${lastPosition}`, { token: clerk });
    expect(ledger.status).toBe(200);
    const cx = ledger.body.entries.filter((e: { voucher: string }) => e.voucher === 'C-X');
    expect(cx).toEqual([
      expect.objectContaining({ entry: 'payment', date: '2024-05-10', amount: '80000.00', projectCode: P.C }),
      expect.objectContaining({ entry: 'reversal', date: '2024-05-12', amount: '-80000.00', reason: '重复支付，已退回' }),
    ]);
  });

  it('records the rest of the year one by one and the basic lines quarterly as CSV', async () => {
    for (const [voucher, date, project, amount] of PROJECT_PAYMENTS.filter(([, date]) => date > '2024-03-31')) {
      const response = await t.request('POST', `${E501}/payments`, { token: clerk, body: { voucher, date, amount, projectCode: P[project], payee: '馆陶县某服务商' } });
      expect(response.status).toBe(201);
      expect(response.body.payment).toEqual({ voucher, date, amount, projectCode: P[project], payee: '馆陶县某服务商', note: '', budgetVersion: 1 });
      track(response);
    }
    const lines = await basicLines(t, '501');
    for (const [quarter, date] of [['Q1', '2024-03-31'], ['Q2', '2024-06-30'], ['Q3', '2024-09-30'], ['Q4', '2024-12-31']]) {
      const csv = ['voucher,date,amount,basicLineId,projectCode,payee,note', ...basicLineCsvRows(lines, '0.25', date, `BASIC-${quarter}`)].join('\n');
      const response = await t.request('POST', `${E501}/payments/bulk`, { token: clerk, payload: csv, headers: { 'content-type': 'text/csv' } });
      expect(response.status).toBe(201);
      expect(response.body.recorded).toBe(lines.length);
      track(response);
    }
  });

  it('a single payment sent again with the same content answers the recorded one and appends nothing', async () => {
    const before = await t.eventCount();
    const response = await t.request('POST', `${E501}/payments`, { token: clerk, body: { voucher: 'A-2', date: '2024-06-20', amount: '750000', projectCode: P.A, payee: '馆陶县某服务商' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ recorded: false, payment: { voucher: 'A-2', amount: '750000.00' } });
    expect(await t.eventCount()).toBe(before);
  });

  it('the wrong payment counts between 10 and 12 May only: as-of dates replay the ledger', async () => {
    const c = async (asOf: string) => (await monitoring(`asOf=${asOf}`)).body.projects.find((p: { code: string }) => p.code === P.C).executed;
    expect(await c('2024-05-09')).toBe('0.00');
    expect(await c('2024-05-11')).toBe('80000.00');
    expect(await c('2024-05-12')).toBe('0.00');
  });

  it.each(Object.keys(EXPECTED))('at %s every project stands where its plan says', async (checkpoint) => {
    const response = await monitoring(`checkpoint=${encodeURIComponent(checkpoint)}`);
    expect(response.status).toBe(200);
    expect(response.body.budgetVersion).toBe(1);
    const actual = Object.fromEntries(
      (Object.keys(P) as Array<keyof typeof P>).map((letter) => {
        const project = response.body.projects.find((p: { code: string }) => p.code === P[letter]);
        return [letter, [project.executedPercent, project.plannedPercent, project.gapPoints, project.warning]];
      }),
    );
    expect(actual).toEqual(EXPECTED[checkpoint]);
    for (const project of response.body.projects) expect(project.timeElapsedPercent).toBe(TIME_ELAPSED[checkpoint as keyof typeof TIME_ELAPSED]);
    // The basic budget is paid 25 % a quarter: against 序时进度 it is never more than 10 points behind.
    expect(response.body.basic.warning).toBe('none');
  });

  it('between checkpoints the plan runs straight from one to the next (15 May 2024: 25 + 25 × 45/91)', async () => {
    const response = await monitoring('asOf=2024-05-15');
    const a = response.body.projects.find((p: { code: string }) => p.code === P.A);
    // 31 March is day 91, 15 May day 136, 30 June day 182: 25 + 25 × 45 / 91 = 37.36.
    expect(a.plannedPercent).toBe('37.36');
    expect(a.executedPercent).toBe('25.00');
    expect(a.gapPoints).toBe('12.36');
    expect(a.warning).toBe('yellow');
  });

  it('the county dashboard puts the department furthest behind first', async () => {
    // 502 runs ahead (30 % of every line and project by March), 503 pays nothing.
    const clerk502 = await t.token('department', '502');
    const lines = await basicLines(t, '502');
    const projectAmounts: Record<string, string> = { A: '900000.00', B: '150000.00', C: '150000.00', D: '120000.00', E: '23400.00', F: '12000.00', G: '7800.00' };
    const csv = [
      'voucher,date,amount,basicLineId,projectCode,payee,note',
      ...basicLineCsvRows(lines, '0.30', '2024-03-20', 'B502'),
      ...Object.entries(projectAmounts).map(([letter, amount]) => `P502-${letter},2024-03-20,${amount},,${P[letter as keyof typeof P]},服务商,`),
    ].join('\r\n');
    const upload = await t.request('POST', `${executionUrl('502')}/payments/bulk`, { token: clerk502, payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(201);
    track(upload);

    const county = await t.request('GET', `/v1/monitoring/2024?checkpoint=3${encodeURIComponent('月底')}&after=${lastPosition}`, { token: supervisor });
    expect(county.status).toBe(200);
    expect(county.body.departments.map((d: { department: string }) => d.department)).toEqual(['503', '501', '502']);
    const gaps = county.body.departments.map((d: { gapPoints: string }) => Number(d.gapPoints));
    expect(gaps[0]).toBeGreaterThan(gaps[1]);
    expect(gaps[1]).toBeGreaterThan(gaps[2]);
    expect(county.body.departments[2].executedPercent).toBe('30.00');
    expect(county.body.departments[0]).toMatchObject({ departmentName: '馆陶县后进局', executed: '0.00', executedPercent: '0.00', warning: 'red', projectsBehind: { red: 7, yellow: 0 } });
    expect(county.body.departments[1]).toMatchObject({ department: '501', projectsBehind: { red: 2, yellow: 1 } });
    // County totals are the sum of the departments.
    const executed = county.body.departments.reduce((sum: number, d: { executed: string }) => sum + Math.round(Number(d.executed) * 100), 0);
    expect(Math.round(Number(county.body.executed) * 100)).toBe(executed);

    // Departments read their own figures only.
    expect((await t.request('GET', `/v1/monitoring/2024`, { token: clerk })).status).toBe(403);
    expect((await t.request('GET', `${executionUrl('502')}/monitoring`, { token: clerk })).status).toBe(403);
    expect((await monitoring('checkpoint=6%E6%9C%88%E5%BA%95', clerk)).status).toBe(200);
  });

  it('the warnings at 3月底 and 10月底 name every project behind, red first', async () => {
    const warnings = async (checkpoint: string) =>
      (await t.request('GET', `/v1/monitoring/2024/warnings?checkpoint=${encodeURIComponent(checkpoint)}&department=501&after=${lastPosition}`, { token: supervisor })).body.warnings
        .filter((w: { kind: string }) => w.kind === 'execution')
        .map((w: { level: string; projectCode?: string; gapPoints: string }) => [w.level, w.projectCode, w.gapPoints]);
    // Equal gaps fall back to the project code.
    expect(await warnings('3月底')).toEqual([
      ['red', P.C, '25.00'],
      ['red', P.F, '25.00'],
      ['yellow', P.B, '13.00'],
    ]);
    expect(await warnings('10月底')).toEqual([
      ['red', P.F, '75.00'],
      ['red', P.D, '25.00'],
      ['red', P.G, '25.00'],
    ]);

    // County-wide, 503's projects come in too; a department may ask for its own warnings only.
    const county = await t.request('GET', `/v1/monitoring/2024/warnings?checkpoint=3${encodeURIComponent('月底')}&after=${lastPosition}`, { token: supervisor });
    expect(new Set(county.body.warnings.map((w: { department: string }) => w.department))).toEqual(new Set(['501', '503']));
    expect((await t.request('GET', `/v1/monitoring/2024/warnings?department=501`, { token: clerk })).status).toBe(200);
    expect((await t.request('GET', `/v1/monitoring/2024/warnings?department=502`, { token: clerk })).status).toBe(403);
  });

  it('indicator progress: each printed form of target gets its status, as of the report dates', async () => {
    const report = async (project: keyof typeof P, indicator: string, date: string, actualToDate: string, forecast: string, likelihood: string, deviationCause?: string) => {
      const response = await t.request('POST', `${E501}/indicator-progress`, {
        token: clerk,
        body: { projectCode: P[project], indicator, date, actualToDate, forecast, likelihood, ...(deviationCause ? { deviationCause, deviationNote: '说明' } : {}) },
      });
      expect(response.status).toBe(201);
      track(response);
    };
    await report('F', '入驻部门数量', '2024-06-30', '8', '8', '确定能'); // 8 个 → met
    await report('F', '办公人员到位率', '2024-06-30', '90', '100', '确定能'); // 100 % → on track
    await report('F', '案件办结时限', '2024-06-30', '45', '50', '确定能'); // ≤60天 → on track (a ceiling is met at year end)
    await report('F', '机构运行成本', '2024-06-30', '0', '4', '确定能'); // 5 万元 (成本指标, a ceiling) → on track
    await report('F', '信访群众的满意度', '2024-06-30', '93', '94', '有可能', '人员'); // ≥95 % → at risk
    await report('D', '维稳值班人数', '2024-06-30', '7', '9', '有可能', '人员'); // 9人 → at risk
    await report('D', '维稳值班资金', '2024-06-30', '80', '80', '完全不可能', '经费'); // 72.4万元 exceeded → missed
    await report('F', '办公人员到位率', '2024-09-30', '100', '100', '确定能'); // later report → met

    const statuses = async (asOf: string) => {
      const body = (await monitoring(`asOf=${asOf}`)).body;
      const of = (project: keyof typeof P, name: string) =>
        body.projects.find((p: { code: string }) => p.code === P[project]).indicators.find((i: { name: string }) => i.name === name).status;
      return {
        '8 个': of('F', '入驻部门数量'),
        '100 %': of('F', '办公人员到位率'),
        '≤60天': of('F', '案件办结时限'),
        '5 万元': of('F', '机构运行成本'),
        '≥95 %': of('F', '信访群众的满意度'),
        '9人': of('D', '维稳值班人数'),
        '72.4万元': of('D', '维稳值班资金'),
        other: of('F', '降低信访量'),
      };
    };
    expect(await statuses('2024-06-29')).toEqual({ '8 个': 'not-reported', '100 %': 'not-reported', '≤60天': 'not-reported', '5 万元': 'not-reported', '≥95 %': 'not-reported', '9人': 'not-reported', '72.4万元': 'not-reported', other: 'not-reported' });
    expect(await statuses('2024-07-01')).toEqual({ '8 个': 'met', '100 %': 'on-track', '≤60天': 'on-track', '5 万元': 'on-track', '≥95 %': 'at-risk', '9人': 'at-risk', '72.4万元': 'missed', other: 'not-reported' });
    expect(await statuses('2024-12-31')).toEqual({ '8 个': 'met', '100 %': 'met', '≤60天': 'met', '5 万元': 'met', '≥95 %': 'missed', '9人': 'missed', '72.4万元': 'missed', other: 'not-reported' });

    const project = await t.request('GET', `${E501}/monitoring/projects/${P.D}?asOf=2024-07-01&after=${lastPosition}`, { token: supervisor });
    expect(project.status).toBe(200);
    expect(project.body.indicators.find((i: { name: string }) => i.name === '维稳值班资金')).toMatchObject({
      target: '72.4万元',
      comparator: '≤',
      actualToDate: '80',
      forecast: '80',
      deviationCause: '经费',
      likelihood: '完全不可能',
      status: 'missed',
    });
    expect(project.body.entries.map((e: { voucher: string }) => e.voucher)).toEqual(['D-1', 'D-2']);

    const warnings = (await t.request('GET', `/v1/monitoring/2024/warnings?asOf=2024-07-01&department=501&after=${lastPosition}`, { token: supervisor })).body.warnings;
    expect(warnings.filter((w: { kind: string }) => w.kind === 'indicator').map((w: { level: string; indicator: string }) => [w.level, w.indicator])).toEqual([
      ['red', '维稳值班资金'],
      ['yellow', '信访群众的满意度'],
      ['yellow', '维稳值班人数'],
    ]);
  });

  it('exports the 绩效运行监控表 as XLSX with one row per indicator', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${E501}/monitoring-table.xlsx?checkpoint=${encodeURIComponent('10月底')}&after=${lastPosition}`,
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('馆陶县信访局 2024年项目绩效运行监控表（截至 2024-10-31');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['部门', '项目编码', '项目名称', '批复预算数（万元）']);
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => (sheet.getRow(i + 3).values as unknown[]).slice(1));
    expect(rows).toHaveLength(7 * 7);
    const d = rows.find((row) => row[1] === P.D && row[12] === '维稳值班资金')!;
    expect(d.slice(3, 10)).toEqual(['40.00', '20.00', '50.00', '75.00', '83.33', '25.00', '红色预警']);
    expect(d.slice(13)).toEqual(['72.4万元', '80', '80', '经费', '完全不可能', '未完成']);
  });
});

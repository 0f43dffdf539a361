import { createTestApp, type TestApp } from '../support/test-app';


/**
 * 项目库 → 一上 → 一下 → 二上 → 二下 for 2025 → 2026 opened from it, over HTTP. Finance configures 2025 for four rounds
 * with projects from the library;
 * department 501 proposes a two-year project, finance returns it, 501 proposes it again, finance approves it into the
 * library (入库); 501 schedules it into its 2025 draft, which goes through the rounds (一上 proposal, 一下 control numbers,
 * 二上 within them, 二下 approval with 文号 and date); 2026 is opened from 2025:
 * the basic lines are carried, the library project continues with its 2026 amount under the same code, and the 2026
 * 上年 figures are 2025's approved ones. Bad input: another department's entry, a project not in the library, a
 * project proposed outright in a library year, rounds out of order, 二上 above the control numbers.
 */

const LIB = 'LIB-2025-001';
const libraryProject = (overrides: Record<string, unknown> = {}) => ({
  code: LIB,
  name: '信访信息系统升级',
  functionalCode: '2014004',
  fundSource: '一般公共预算拨款',
  purpose: '升级信访信息系统，实现网上信访全流程办理。',
  totalAmount: '500000.00',
  startYear: 2025,
  endYear: 2026,
  yearlyAmounts: [
    { fiscalYear: 2025, amount: '300000.00' },
    { fiscalYear: 2026, amount: '200000.00' },
  ],
  goal: '系统稳定运行，网上信访占比提高。',
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '升级模块数', description: '本期升级的功能模块', target: '≥3个', basis: '实施方案' }],
  attachments: [{ name: '可行性研究报告', number: '馆信〔2024〕12号' }],
  ...overrides,
});

describe('project library → 一上 → 一下 → 二上 → 二下 for 2025 → 2026 opened from it', () => {
  let t: TestApp;
  let clerk: string;
  let clerk502: string;
  let finance: string;

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.token('department', '501', 'clerk-501');
    clerk502 = await t.token('department', '502', 'clerk-502');
    finance = await t.token('finance', undefined, 'finance-zhang');
  });
  afterAll(() => t.close());

  const problemCode = (body: { errors?: { code: string }[]; code?: string }) => body.errors?.[0]?.code ?? body.code;

  it('finance runs 2025 in four rounds with projects from the library (the defaults stay as before)', async () => {
    expect((await t.request('GET', '/v1/budget-settings/2025', { token: clerk })).body).toMatchObject({ fiscalYear: 2025, projectsFromLibrary: false });
    expect((await t.request('PUT', '/v1/budget-settings/2025', { token: clerk, body: { projectsFromLibrary: true } })).status).toBe(403);
    const set = await t.request('PUT', '/v1/budget-settings/2025', { token: finance, body: { projectsFromLibrary: true } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ projectsFromLibrary: true, rounds: 'single', changed: true });
    const rounds = await t.request('PUT', '/v1/budget-settings/2025', { token: finance, body: { rounds: 'four' } });
    expect(rounds.body).toMatchObject({ projectsFromLibrary: true, rounds: 'four', changed: true });
    const steps = await t.request('PUT', '/v1/budget-settings/2025', { token: finance, body: { reviewSteps: ['业务股室', '预算股'] } });
    expect(steps.body).toMatchObject({ rounds: 'four', reviewSteps: ['业务股室', '预算股'] });
    const unknown = await t.request('PUT', '/v1/budget-settings/2025', { token: finance, body: { rounds: 'three' } });
    expect(unknown.status).toBe(400);
    expect(problemCode(unknown.body)).toBe('ROUNDS_MODE_UNKNOWN');
  });

  it('the department proposes, finance returns with a reason, the department proposes again, finance approves it into the library', async () => {
    const proposed = await t.request('POST', '/v1/project-library/501', { token: clerk, body: libraryProject() });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ code: LIB, location: `/v1/project-library/501/${LIB}`, status: 'proposed' });

    const queue = await t.request('GET', `/v1/project-library?status=proposed&after=${proposed.body.position}`, { token: finance });
    expect(queue.body.projects.map((p: { department: string; code: string }) => [p.department, p.code])).toEqual([['501', LIB]]);

    const returned = await t.request('POST', `/v1/project-library/501/${LIB}/return`, { token: finance, body: { reason: '请补充绩效指标' } });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const noReason = await t.request('POST', `/v1/project-library/501/${LIB}/approve`, { token: finance });
    expect(noReason.status).toBe(409);
    expect(problemCode(noReason.body)).toBe('LIBRARY_PROJECT_STATE');

    const again = await t.request('POST', '/v1/project-library/501', {
      token: clerk,
      body: libraryProject({ indicators: [...libraryProject().indicators, { level1: '效益指标', level2: '社会效益指标', name: '网上信访占比', description: '', target: '≥60%', basis: '上级要求' }] }),
    });
    expect(again.status).toBe(201);
    const pooled = await t.request('POST', `/v1/project-library/501/${LIB}/approve`, { token: finance });
    expect(pooled.status).toBe(200);
    expect(pooled.body).toMatchObject({ status: 'pooled', events: ['ProjectPooled'] });

    const one = await t.request('GET', `/v1/project-library/501/${LIB}`, { token: clerk });
    expect(one.body).toMatchObject({ status: 'pooled', totalAmount: '500000.00', attachments: [{ name: '可行性研究报告', number: '馆信〔2024〕12号' }] });
    expect(one.body.history.map((h: { type: string }) => h.type)).toEqual(['LibraryProjectProposed', 'LibraryProjectReturned', 'LibraryProjectProposed', 'ProjectPooled']);
    expect(one.body.history[1].reason).toBe('请补充绩效指标');

    const listed = await t.request('GET', `/v1/project-library?department=501&functionalClass=201&year=2026&after=${pooled.body.position}`, { token: finance });
    expect(listed.body.projects).toEqual([expect.objectContaining({ code: LIB, status: 'pooled', statusName: '已入库', totalAmount: '500000.00', startYear: 2025, endYear: 2026 })]);
    expect(listed.body.projects[0].history).toHaveLength(4);
    expect((await t.request('GET', `/v1/project-library?year=2027&after=${pooled.body.position}`, { token: finance })).body.projects).toEqual([]);
  });

  it('another department neither sees, proposes for, nor schedules 501’s library entry', async () => {
    expect((await t.request('GET', `/v1/project-library/501/${LIB}`, { token: clerk502 })).status).toBe(404);
    expect((await t.request('GET', '/v1/project-library?department=501', { token: clerk502 })).status).toBe(403);
    expect((await t.request('GET', '/v1/project-library', { token: clerk502 })).body.projects).toEqual([]);
    const proposeFor501 = await t.request('POST', '/v1/project-library/501', { token: clerk502, body: libraryProject({ code: 'LIB-X' }) });
    expect(proposeFor501.status).toBe(403);
    expect(problemCode(proposeFor501.body)).toBe('OTHER_DEPARTMENT');
    expect((await t.request('POST', '/v1/budgets/502/2025', { token: clerk502, body: { name: '馆陶县某局', unitKind: '行政' } })).status).toBe(201);
    const before = await t.eventCount();
    const scheduled = await t.request('POST', '/v1/budgets/502/2025/projects/from-library', { token: clerk502, body: { code: LIB } });
    expect(scheduled.status).toBe(422);
    expect(problemCode(scheduled.body)).toBe('PROJECT_NOT_IN_LIBRARY');
    expect(await t.eventCount()).toBe(before);
  });

  it('501’s 2025 budget takes the project from the library only, goes through the four rounds; 2026 opened from it continues the project', async () => {
    expect((await t.request('POST', '/v1/budgets/501/2025', { token: clerk, body: { name: '馆陶县信访局', unitKind: '行政' } })).status).toBe(201);
    const outright = await t.request('POST', '/v1/budgets/501/2025/projects', {
      token: clerk,
      body: { code: 'P-OUTRIGHT', name: '直接申报', functionalCode: '2014004', fundSource: '一般公共预算拨款', amount: '1000.00', spendingPlan: [{ checkpoint: '12月底', cumulativePercent: 100 }], indicators: [] },
    });
    expect(outright.status).toBe(422);
    expect(problemCode(outright.body)).toBe('PROJECT_NOT_IN_LIBRARY');
    const unknown = await t.request('POST', '/v1/budgets/501/2025/projects/from-library', { token: clerk, body: { code: 'LIB-NONE' } });
    expect(unknown.status).toBe(422);
    expect(problemCode(unknown.body)).toBe('PROJECT_NOT_IN_LIBRARY');

    const scheduled = await t.request('POST', '/v1/budgets/501/2025/projects/from-library', { token: clerk, body: { code: LIB } });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ projectCode: LIB, events: ['ProjectScheduled'] });
    for (const line of [
      { lineId: 'L-1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '800000.00' },
      { lineId: 'L-2', functionalCode: '2014001', economicCode: '30201', fundSource: '一般公共预算拨款', amount: '50000.00' },
    ])
      expect((await t.request('POST', '/v1/budgets/501/2025/basic-lines', { token: clerk, body: line })).status).toBe(201);
    expect((await t.request('POST', '/v1/budgets/501/2025/income', { token: clerk, body: { source: '一般公共预算拨款收入', amount: '1150000.00' } })).status).toBe(200);
    // 一上: the proposal.
    const oneUp = await t.request('POST', '/v1/budgets/501/2025/submit', { token: clerk });
    expect(oneUp.status).toBe(200);
    expect((await t.request('GET', '/v1/budgets/501/2025', { token: clerk })).body).toMatchObject({ status: 'submitted', round: '一上' });
    // Out of order: no approval (二下) before the control numbers (一下) and the budget within them (二上).
    const early = await t.request('POST', '/v1/budgets/501/2025/approve', { token: finance, body: { documentNumber: '馆财预〔2025〕1号', documentDate: '2025-02-20' } });
    expect(early.status).toBe(409);
    expect(problemCode(early.body)).toBe('ROUND_OUT_OF_ORDER');
    // 一下: control numbers below the proposal go back to the department …
    const oneDown = await t.request('PUT', '/v1/budgets/501/2025/control-numbers', { token: finance, body: { total: '1100000.00' } });
    expect(oneDown.status).toBe(200);
    expect((await t.request('GET', '/v1/budgets/501/2025', { token: clerk })).body).toMatchObject({ status: 'drafting', round: '一下' });
    // … 二上 above them is refused …
    const above = await t.request('POST', '/v1/budgets/501/2025/submit', { token: clerk });
    expect(above.status).toBe(422);
    expect(problemCode(above.body)).toBe('CONTROL_NUMBER_EXCEEDED');
    // … finance issues them again at the proposal's level, and 二上 goes through within them.
    expect((await t.request('PUT', '/v1/budgets/501/2025/control-numbers', { token: finance, body: { total: '1150000.00', basic: '850000.00', project: '300000.00' } })).status).toBe(200);
    const twoUp = await t.request('POST', '/v1/budgets/501/2025/submit', { token: clerk });
    expect(twoUp.status).toBe(200);
    // The review chain: 业务股室 then 预算股, each with who and why, before the approval; the queue shows where it stands.
    const unreviewed = await t.request('POST', '/v1/budgets/501/2025/approve', { token: finance, body: { documentNumber: '馆财预〔2025〕1号', documentDate: '2025-02-20' } });
    expect(unreviewed.status).toBe(409);
    expect(problemCode(unreviewed.body)).toBe('REVIEW_STEPS_PENDING');
    const queued = (await t.request('GET', `/v1/review-queue?year=2025&after=${twoUp.body.position}`, { token: finance })).body;
    expect(queued.budgets.find((b: { department: string }) => b.department === '501')).toMatchObject({ status: 'submitted', round: '二上', waitingFor: 'review', nextStep: '业务股室' });
    expect((await t.request('GET', '/v1/review-queue?year=2025', { token: clerk })).status).toBe(403);
    const outOfOrder = await t.request('POST', '/v1/budgets/501/2025/review-steps', { token: finance, body: { step: '预算股' } });
    expect(outOfOrder.status).toBe(409);
    expect(problemCode(outOfOrder.body)).toBe('REVIEW_STEP_OUT_OF_ORDER');
    expect((await t.request('POST', '/v1/budgets/501/2025/review-steps', { token: finance, body: { step: '业务股室', note: '支出结构合理' } })).status).toBe(200);
    const lastStep = await t.request('POST', '/v1/budgets/501/2025/review-steps', { token: finance, body: { step: '预算股', note: '符合控制数' } });
    expect(lastStep.status).toBe(200);
    const reviewed = (await t.request('GET', `/v1/review-queue?year=2025&after=${lastStep.body.position}`, { token: finance })).body;
    expect(reviewed.budgets.find((b: { department: string }) => b.department === '501')).toMatchObject({
      waitingFor: 'approval',
      reviewSteps: [
        { step: '业务股室', passed: true, by: 'finance-zhang', note: '支出结构合理' },
        { step: '预算股', passed: true, by: 'finance-zhang', note: '符合控制数' },
      ],
    });
    // 二下: the approval needs its document number and date.
    const withoutDocument = await t.request('POST', '/v1/budgets/501/2025/approve', { token: finance });
    expect(withoutDocument.status).toBe(400);
    expect(problemCode(withoutDocument.body)).toBe('FIELD_REQUIRED');
    const twoDown = await t.request('POST', '/v1/budgets/501/2025/approve', { token: finance, body: { documentNumber: '馆财预〔2025〕1号', documentDate: '2025-02-20' } });
    expect(twoDown.status).toBe(200);
    expect(twoDown.body.approvedVersion).toBe(1);
    const rounds = (await t.request('GET', '/v1/budgets/501/2025/rounds', { token: clerk })).body;
    expect(rounds.current).toBe('二下');
    expect(rounds.rounds.map((r: { round: string }) => r.round)).toEqual(['一上', '一下', '一下', '二上', '二下']);
    expect(rounds.rounds[0].totals).toEqual({ income: '1150000.00', basic: '850000.00', project: '300000.00', total: '1150000.00' });
    expect(rounds.rounds[1].controlNumbers).toEqual({ total: '1100000.00' });
    expect(rounds.rounds[4]).toMatchObject({ documentNumber: '馆财预〔2025〕1号', documentDate: '2025-02-20' });
    expect(rounds.rounds[4].projects.map((p: { code: string }) => p.code)).toEqual([LIB]);
    expect((await t.request('GET', '/v1/budgets/501/2025/rounds', { token: clerk502 })).status).toBe(404);
    const approved2025 = (await t.request('GET', '/v1/budgets/501/2025?version=approved', { token: clerk })).body;
    const project2025 = approved2025.projects.find((p: { code: string }) => p.code === LIB);
    expect(project2025).toMatchObject({ amount: '300000.00', goal: '系统稳定运行，网上信访占比提高。', startYear: 2025, endYear: 2026 });
    expect(project2025.indicators.map((i: { name: string }) => i.name)).toEqual(['升级模块数', '网上信访占比']);

    const opened = await t.request('POST', '/v1/budgets/501/2026', { token: clerk, body: { fromYear: 2025 } });
    expect(opened.status).toBe(201);
    const draft = (await t.request('GET', `/v1/budgets/501/2026?after=${opened.body.position}`, { token: clerk })).body;
    expect(draft.basicExpenditureLines.map((l: Record<string, unknown>) => [l.lineId, l.functionalCode, l.economicCode, l.amount, l.unit])).toEqual([
      ['L-1', '2014001', '30101', '800000.00', '501'],
      ['L-2', '2014001', '30201', '50000.00', '501'],
    ]);
    expect(draft.projects.map((p: Record<string, unknown>) => [p.code, p.amount, p.fromCarryOver])).toEqual([[LIB, '200000.00', false]]);
    expect(draft.priorYear).toEqual({ fiscalYear: 2025, total: '1150000.00', basic: '850000.00', project: '300000.00', threePublicExpenses: '0.00' });
  });
});

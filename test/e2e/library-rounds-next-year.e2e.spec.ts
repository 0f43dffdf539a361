import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app';
import { twoYearLibraryProject } from '../support/library-project';


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
const libraryProject = (overrides: Record<string, unknown> = {}) =>
  twoYearLibraryProject(LIB, 2025, {
    fundSource: '一般公共预算拨款',
    purpose: '升级信访信息系统，实现网上信访全流程办理。',
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
    // Each round's figures can be diffed and exported: 一上 → 二上 line by line; with 一下 (control numbers only) by totals, said so.
    const R = (round: string) => encodeURIComponent(round);
    const upDiff = await t.request('GET', `/v1/budgets/501/2025/rounds/diff?from=${R('一上')}&to=${R('二下')}`, { token: clerk });
    expect(upDiff.status).toBe(200);
    expect(upDiff.body).toMatchObject({ department: '501', fiscalYear: 2025, from: '一上', to: '二下', basis: 'content' });
    expect(upDiff.body.changes).toEqual([]);
    const capDiff = await t.request('GET', `/v1/budgets/501/2025/rounds/diff?from=${R('一下')}&to=${R('二上')}`, { token: finance });
    expect(capDiff.status).toBe(200);
    expect(capDiff.body).toMatchObject({ from: '一下', to: '二上', basis: 'totals', note: expect.stringContaining('控制数') });
    // The last 一下 stands (1150000 / 850000 / 300000), which 二上 met exactly: no change.
    expect(capDiff.body.changes).toEqual([]);
    const firstCapDiff = await t.request('GET', `/v1/budgets/501/2025/rounds/diff?from=${R('一上')}&to=${R('一下')}`, { token: finance });
    expect(firstCapDiff.body.changes).toEqual([]);
    const csv = await t.request('GET', `/v1/budgets/501/2025/rounds/${R('二下')}.csv`, { token: clerk });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('馆财预〔2025〕1号');
    expect(csv.text).toContain(`${LIB},信访信息系统升级,2014004,一般公共预算拨款,2025,2026,300000.00`);
    expect(csv.text).toContain('L-1,2014001,30101,一般公共预算拨款,,,800000.00');
    const capsCsv = await t.request('GET', `/v1/budgets/501/2025/rounds/${R('一下')}.csv`, { token: finance });
    expect(capsCsv.text).toContain('支出合计,1150000.00');
    expect(capsCsv.text).toContain('只保存财政下达的控制数');
    const xlsx = await t.app.inject({ method: 'GET', url: `/v1/budgets/501/2025/rounds/${R('二上')}.xlsx`, headers: { authorization: `Bearer ${clerk}` } });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('2025年二上');
    const cells = sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
    expect(cells).toEqual(expect.arrayContaining([LIB, 300000, 800000, '支出合计', 1150000]));
    // Refusals: an unknown round, another department, a round a budget has not reached (502's draft is in none).
    const unknownRound = await t.request('GET', `/v1/budgets/501/2025/rounds/diff?from=${R('三上')}&to=${R('二上')}`, { token: clerk });
    expect(unknownRound.status).toBe(400);
    expect(problemCode(unknownRound.body)).toBe('ROUND_UNKNOWN');
    expect((await t.request('GET', `/v1/budgets/501/2025/rounds/${R('二上')}.csv`, { token: clerk502 })).status).toBe(404);
    expect((await t.request('GET', `/v1/budgets/501/2025/rounds/diff?from=${R('一上')}&to=${R('二上')}`, { token: clerk502 })).status).toBe(404);
    const notReached = await t.request('GET', `/v1/budgets/502/2025/rounds/${R('一上')}.csv`, { token: clerk502 });
    expect(notReached.status).toBe(404);
    expect(notReached.headers['content-type']).toContain('application/problem+json');
    expect(problemCode(notReached.body)).toBe('ROUND_NOT_REACHED');
    expect(notReached.body.detail ?? notReached.body.title).toMatch(/轮次|一上/);
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
  it('where a review office is configured for library projects (2027: 评审中心), 入库 waits for its step, recorded by finance with who and why', async () => {
    const LIB27 = 'LIB-2027-001';
    expect((await t.request('GET', '/v1/budget-settings/2027', { token: finance })).body).toMatchObject({ libraryReviewSteps: [] });
    const badSteps = await t.request('PUT', '/v1/budget-settings/2027', { token: finance, body: { libraryReviewSteps: ['评审中心', '评审中心'] } });
    expect(badSteps.status).toBe(400);
    expect(problemCode(badSteps.body)).toBe('REVIEW_STEP_UNKNOWN');
    const set = await t.request('PUT', '/v1/budget-settings/2027', { token: finance, body: { libraryReviewSteps: ['评审中心'] } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ libraryReviewSteps: ['评审中心'], reviewSteps: [], rounds: 'single', changed: true });
    const project = libraryProject({ code: LIB27, startYear: 2027, endYear: 2027, totalAmount: '100000.00', yearlyAmounts: [] });
    expect((await t.request('POST', '/v1/project-library/501', { token: clerk, body: project })).status).toBe(201);

    const early = await t.request('POST', `/v1/project-library/501/${LIB27}/approve`, { token: finance });
    expect(early.status).toBe(409);
    expect(problemCode(early.body)).toBe('LIBRARY_REVIEW_STEPS_PENDING');
    expect(early.body.detail).toContain('评审中心');
    expect((await t.request('POST', `/v1/project-library/501/${LIB27}/review-steps`, { token: clerk, body: { step: '评审中心' } })).status).toBe(403);
    const unknown = await t.request('POST', `/v1/project-library/501/${LIB27}/review-steps`, { token: finance, body: { step: '预算股' } });
    expect(unknown.status).toBe(400);
    expect(problemCode(unknown.body)).toBe('REVIEW_STEP_UNKNOWN');
    const passed = await t.request('POST', `/v1/project-library/501/${LIB27}/review-steps`, { token: finance, body: { step: '评审中心', note: '专家评审通过' } });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ status: 'proposed', events: ['LibraryReviewStepPassed'] });
    const seen = (await t.request('GET', `/v1/project-library/501/${LIB27}`, { token: clerk })).body;
    expect(seen.reviewSteps).toEqual([{ step: '评审中心', passed: true, by: 'finance-zhang', at: expect.any(String), note: '专家评审通过' }]);
    expect(seen.history.at(-1)).toMatchObject({ type: 'LibraryReviewStepPassed', step: '评审中心', note: '专家评审通过', userId: 'finance-zhang' });
    const listed = (await t.request('GET', `/v1/project-library?department=501&year=2027&after=${passed.body.position}`, { token: finance })).body.projects;
    expect(listed).toEqual([expect.objectContaining({ code: LIB27, status: 'proposed', reviewPassed: [expect.objectContaining({ step: '评审中心', by: 'finance-zhang', note: '专家评审通过' })] })]);

    // A return starts the steps again: the new proposal waits for 评审中心 once more.
    expect((await t.request('POST', `/v1/project-library/501/${LIB27}/return`, { token: finance, body: { reason: '请补充可研报告' } })).status).toBe(200);
    expect((await t.request('POST', '/v1/project-library/501', { token: clerk, body: project })).status).toBe(201);
    expect((await t.request('GET', `/v1/project-library/501/${LIB27}`, { token: clerk })).body.reviewSteps).toEqual([{ step: '评审中心', passed: false }]);
    const again = await t.request('POST', `/v1/project-library/501/${LIB27}/approve`, { token: finance });
    expect(problemCode(again.body)).toBe('LIBRARY_REVIEW_STEPS_PENDING');
    expect((await t.request('POST', `/v1/project-library/501/${LIB27}/review-steps`, { token: finance, body: { step: '评审中心' } })).status).toBe(200);
    const pooled = await t.request('POST', `/v1/project-library/501/${LIB27}/approve`, { token: finance });
    expect(pooled.status).toBe(200);
    expect(pooled.body.status).toBe('pooled');
    const history = (await t.request('GET', `/v1/project-library?department=501&year=2027&after=${pooled.body.position}`, { token: finance })).body.projects[0];
    expect(history.history.map((h: { type: string }) => h.type)).toEqual([
      'LibraryProjectProposed',
      'LibraryReviewStepPassed',
      'LibraryProjectReturned',
      'LibraryProjectProposed',
      'LibraryReviewStepPassed',
      'ProjectPooled',
    ]);
    expect(history.reviewPassed).toEqual([expect.objectContaining({ step: '评审中心', by: 'finance-zhang' })]);
  });

  it('a round’s figures diff line by line between 一上 and 二上, and by totals against 一下 (department 503)', async () => {
    const R = (round: string) => encodeURIComponent(round);
    const clerk503 = await t.token('department', '503', 'clerk-503');
    const B = '/v1/budgets/503/2025';
    expect((await t.request('POST', B, { token: clerk503, body: { name: '馆陶县某办', unitKind: '行政' } })).status).toBe(201);
    const line = { lineId: 'L-1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '1000000.00' };
    expect((await t.request('POST', `${B}/basic-lines`, { token: clerk503, body: line })).status).toBe(201);
    expect((await t.request('POST', `${B}/income`, { token: clerk503, body: { source: '一般公共预算拨款收入', amount: '1000000.00' } })).status).toBe(200);
    expect((await t.request('POST', `${B}/submit`, { token: clerk503 })).status).toBe(200);
    const notYet = await t.request('GET', `${B}/rounds/diff?from=${R('一上')}&to=${R('二上')}`, { token: clerk503 });
    expect(notYet.status).toBe(404);
    expect(problemCode(notYet.body)).toBe('ROUND_NOT_REACHED');
    expect((await t.request('PUT', `${B}/control-numbers`, { token: finance, body: { total: '800000.00' } })).status).toBe(200);
    expect((await t.request('PATCH', `${B}/basic-lines/L-1`, { token: clerk503, body: { amount: '800000.00' } })).status).toBe(200);
    expect((await t.request('POST', `${B}/income`, { token: clerk503, body: { source: '一般公共预算拨款收入', amount: '800000.00' } })).status).toBe(200);
    expect((await t.request('POST', `${B}/submit`, { token: clerk503 })).status).toBe(200);
    const diff = await t.request('GET', `${B}/rounds/diff?from=${R('一上')}&to=${R('二上')}`, { token: finance });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: '一上', to: '二上', basis: 'content' });
    expect(diff.body).not.toHaveProperty('note');
    expect(diff.body.changes).toEqual([
      expect.objectContaining({ section: 'income', kind: 'changed', before: '1000000.00', after: '800000.00', delta: '-200000.00' }),
      expect.objectContaining({ section: 'basicLine', key: '2014001/30101/一般公共预算拨款', before: '1000000.00', after: '800000.00', delta: '-200000.00' }),
    ]);
    const caps = await t.request('GET', `${B}/rounds/diff?from=${R('一上')}&to=${R('一下')}`, { token: clerk503 });
    expect(caps.body).toMatchObject({ basis: 'totals', note: expect.stringContaining('合计数') });
    expect(caps.body.changes).toContainEqual({ section: 'totals', key: 'total', label: '支出合计', kind: 'changed', before: '1000000.00', after: '800000.00', delta: '-200000.00' });
    const oneUp = await t.request('GET', `${B}/rounds/${R('一上')}.csv`, { token: clerk503 });
    expect(oneUp.text).toContain('L-1,2014001,30101,一般公共预算拨款,,,1000000.00');
    expect(oneUp.headers['content-disposition']).toContain("filename*=UTF-8''");
  });
});

import { useTestApp } from '../support/test-app';
import { BUDGET_URL as B, loadBudgetFacts, yuan } from '../support/guantao-fixture';

/**
 * The 馆陶县信访局 2024 fixture through its whole life over HTTP: import → submit → return (with a reason)
 * → revise → resubmit → approve (version 1) → publish → adjustment (律师陪访经费 7.80 → 9.80 万元 with the
 * matching income) → approve (version 2) → publish; then history, diff and the tables of both versions.
 */

const LAWYER_PROJECT = '13043324P000076100011'; // 律师陪访经费
const GENERAL_BUDGET_INCOME = '一般公共预算拨款收入';
const RETURN_REASON = '请核对项目成本指标与项目预算数是否一致';
const ADJUSTMENT_REASON = '律师陪访案件增加，追加律师陪访经费2万元';

/** The 合计 row of T3 (部门预算支出总表): [栏次, code, name, total, basic, project, …]. */
const t3Totals = (body: any) => body.table.rows[0] as string[]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('馆陶县信访局 2024: the fixture through its whole life over HTTP', () => {
  const t = useTestApp();
  let dept: string;
  let finance: string;
  let dept502: string;
  let adjustmentId: string;
  let publishedV1Tables: unknown;
  let publishedV1Budget: unknown;

  beforeAll(async () => {
    dept = await t.token('department', '501', 'clerk-501');
    finance = await t.token('finance', undefined, 'finance-zhang');
    dept502 = await t.token('department', '502', 'clerk-502');
  });

  it('imports the fixture as department 501', async () => {
    const response = await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ streamId: 'budget-501-2024', imported: true });
    expect(response.body.events[0]).toBe('DraftOpened');
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
    expect(await t.eventCount()).toBe(response.body.version);
    // Each type once, with its count: the counts add up to every event the import wrote.
    expect(new Set(response.body.events).size).toBe(response.body.events.length);
    expect(Object.keys(response.body.eventCounts)).toEqual(response.body.events);
    expect(Object.values(response.body.eventCounts as Record<string, number>).reduce((sum, n) => sum + n, 0)).toBe(response.body.version);
    expect(response.body.eventCounts.BasicLineProposed).toBe(loadBudgetFacts().basicExpenditureLines.length);

    const budget = await t.request('GET', B, { token: dept });
    expect(budget.status).toBe(200);
    expect(budget.body.status).toBe('drafting');
    expect(budget.body.versions).toEqual([]);
    const lawyer = budget.body.content.projects.find((p: { code: string }) => p.code === LAWYER_PROJECT);
    expect(yuan(lawyer.amount)).toBe('78000.00');
    expect(budget.body.content.income.map((i: { source: string; amount: string }) => [i.source, yuan(i.amount)])).toEqual([[GENERAL_BUDGET_INCOME, '6542400.00']]);
  });

  it('re-importing the same document appends nothing', async () => {
    const before = await t.eventCount();
    const response = await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() });
    expect(response.status).toBe(200);
    expect(response.body.events).toEqual([]);
    expect(response.body.eventCounts).toEqual({});
    expect(response.body.imported).toBe(false);
    expect(response.body.version).toBe(before);
    expect(await t.eventCount()).toBe(before);
  });

  it('the department submits and finance returns it with a reason', async () => {
    const submitted = await t.request('POST', `${B}/submit`, { token: dept });
    expect(submitted.status).toBe(200);
    expect(submitted.body.events).toEqual(['DraftSubmitted']);
    expect((await t.request('GET', B, { token: dept })).body.status).toBe('submitted');

    // A submitted draft is frozen for the department.
    const before = await t.eventCount();
    const frozen = await t.request('PATCH', `${B}/basic-lines/basic-6`, { token: dept, body: { amount: '6200.00' } });
    expect(frozen.status).toBe(409);
    expect(await t.eventCount()).toBe(before);

    const returned = await t.request('POST', `${B}/return`, { token: finance, body: { reason: RETURN_REASON } });
    expect(returned.status).toBe(200);
    expect(returned.body.events).toEqual(['DraftReturned']);

    const budget = await t.request('GET', B, { token: dept });
    expect(budget.body.status).toBe('drafting');
    expect(budget.body.lastReturnReason).toBe(RETURN_REASON);
  });

  it('after the return the department can edit again (revise a basic line and back, adjust a project)', async () => {
    const revised = await t.request('PATCH', `${B}/basic-lines/basic-6`, { token: dept, body: { amount: '6200.00' } });
    expect(revised.status).toBe(200);
    expect(revised.body.events).toEqual(['BasicLineRevised']);
    let line = (await t.request('GET', B, { token: dept })).body.content.basicExpenditureLines.find((l: { lineId: string }) => l.lineId === 'basic-6');
    expect(yuan(line.amount)).toBe('6200.00');

    const back = await t.request('PATCH', `${B}/basic-lines/basic-6`, { token: dept, body: { amount: '6100.00' } });
    expect(back.status).toBe(200);
    line = (await t.request('GET', B, { token: dept })).body.content.basicExpenditureLines.find((l: { lineId: string }) => l.lineId === 'basic-6');
    expect(yuan(line.amount)).toBe('6100.00');

    const purpose = '用于律师参与接访、陪访及化解信访积案。';
    const project = await t.request('PATCH', `${B}/projects/${LAWYER_PROJECT}`, { token: dept, body: { purpose } });
    expect(project.status).toBe(200);
    expect(project.body.events).toEqual(['ProjectAdjusted']);
    const lawyer = (await t.request('GET', B, { token: dept })).body.content.projects.find((p: { code: string }) => p.code === LAWYER_PROJECT);
    expect(lawyer.purpose).toBe(purpose);
    expect(yuan(lawyer.amount)).toBe('78000.00');

    // What changed since the return, as finance will review it: the basic line went there and back (no change),
    // the project's purpose changed (its amount did not). Outsiders learn nothing.
    const sinceReturn = await t.request('GET', `${B}/diff?from=returned&to=draft`, { token: finance });
    expect(sinceReturn.status).toBe(200);
    expect(sinceReturn.body.from).toBe('returned');
    expect(sinceReturn.body.changes).toEqual([expect.objectContaining({ section: 'project', kind: 'changed', changedFields: ['purpose'], delta: '0.00' })]);
    expect((await t.request('GET', `${B}/diff?from=returned&to=draft`, { token: await t.token('department', '502', 'clerk-502') })).status).toBe(404);
  });

  it('the department resubmits and finance approves it as version 1, then publishes it', async () => {
    expect((await t.request('POST', `${B}/submit`, { token: dept })).status).toBe(200);

    const approved = await t.request('POST', `${B}/approve`, { token: finance });
    expect(approved.status).toBe(200);
    expect(approved.body.events).toEqual(['DraftApproved']);
    let budget = await t.request('GET', B, { token: dept });
    expect(budget.body.status).toBe('approved');
    expect(budget.body.versions).toEqual([expect.objectContaining({ version: 1, approvedBy: 'finance-zhang', published: false })]);

    const published = await t.request('POST', `${B}/versions/1/publish`, { token: finance });
    expect(published.status).toBe(200);
    expect(published.body.events).toEqual(['VersionPublished']);
    budget = await t.request('GET', B, { token: dept });
    expect(budget.body.versions).toEqual([expect.objectContaining({ version: 1, published: true })]);

    const tables = await t.request('GET', `${B}/tables?version=1`);
    expect(tables.status).toBe(200);
    publishedV1Tables = tables.body;
    publishedV1Budget = (await t.request('GET', `${B}?version=1`)).body;
  });

  it('anyone reads the published tables; the draft stays private to 501 and 502 cannot write it', async () => {
    const anonymous = await t.request('GET', `${B}/tables?version=published`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({ department: '501', fiscalYear: 2024, version: 1, unit: '万元' });
    expect(anonymous.body.tables.map((table: { id: string }) => table.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']);

    expect((await t.request('GET', `${B}?version=draft`)).status).toBe(404);
    expect((await t.request('GET', `${B}/tables?version=draft`)).status).toBe(404);

    expect((await t.request('GET', `${B}?version=draft`, { token: dept502 })).status).toBe(404);
    expect((await t.request('GET', `${B}/tables?version=draft`, { token: dept502 })).status).toBe(404);
    expect((await t.request('GET', `${B}/history`, { token: dept502 })).status).toBe(404);

    const before = await t.eventCount();
    const write = await t.request('POST', `${B}/adjustments`, {
      token: dept502,
      body: { reason: '越权', changeSet: { income: [{ source: GENERAL_BUDGET_INCOME, amount: '1.00' }] } },
    });
    expect(write.status).toBe(403);
    expect(write.headers['content-type']).toContain('application/problem+json');
    expect(write.body).toMatchObject({ status: 403, code: 'OTHER_DEPARTMENT' });
    expect((await t.request('PATCH', `${B}/basic-lines/basic-6`, { token: dept502, body: { amount: '1.00' } })).status).toBe(403);
    expect(await t.eventCount()).toBe(before);
  });

  it('501 requests an adjustment: 律师陪访经费 7.80 → 9.80 万元 with the matching income', async () => {
    const requested = await t.request('POST', `${B}/adjustments`, {
      token: dept,
      body: {
        reason: ADJUSTMENT_REASON,
        changeSet: {
          income: [{ source: GENERAL_BUDGET_INCOME, amount: '6562400.00' }],
          // The project is wholly fiscal funds: 财政资金 + 其他资金 must still equal the amount.
          projects: { changed: [{ code: LAWYER_PROJECT, changes: { amount: '98000.00', fiscalFunds: '98000.00' } }] },
        },
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.events).toEqual(['AdjustmentRequested']);

    const budget = await t.request('GET', B, { token: dept });
    expect(budget.body.pendingAdjustment).toMatchObject({ reason: ADJUSTMENT_REASON, requestedBy: 'clerk-501' });
    adjustmentId = budget.body.pendingAdjustment.adjustmentId;
    expect(typeof adjustmentId).toBe('string');
    // Requesting changes nothing published.
    expect((await t.request('GET', `${B}/tables?version=published`)).body).toEqual(publishedV1Tables);
  });

  it('finance approves the adjustment as version 2 and publishes it', async () => {
    const approved = await t.request('POST', `${B}/adjustments/${adjustmentId}/approve`, { token: finance });
    expect(approved.status).toBe(200);
    expect(approved.body.events).toEqual(['AdjustmentApproved']);

    const published = await t.request('POST', `${B}/versions/2/publish`, { token: finance });
    expect(published.status).toBe(200);
    expect(published.body.events).toEqual(['VersionPublished']);

    const budget = await t.request('GET', B, { token: dept });
    expect(budget.body.pendingAdjustment).toBeUndefined();
    expect(budget.body.versions).toEqual([
      expect.objectContaining({ version: 1, published: true }),
      expect.objectContaining({ version: 2, published: true, adjustmentId, reason: ADJUSTMENT_REASON, approvedBy: 'finance-zhang' }),
    ]);
    const anonymous = await t.request('GET', `${B}/tables?version=published`);
    expect(anonymous.body.version).toBe(2);
  });

  it('history lists every event with who, role and the reasons of the return and the adjustment', async () => {
    const history = await t.request('GET', `${B}/history`, { token: dept });
    expect(history.status).toBe(200);
    const events: Array<{ version: number; type: string; at: string; userId: string; role: string; reason?: string; data: any }> = history.body.events; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(events).toHaveLength(await t.eventCount());
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    for (const event of events) {
      expect(event.userId).toEqual(expect.any(String));
      expect(['department', 'finance']).toContain(event.role);
      expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    }

    const workflow = events.filter((e) => !/^(BasicLineProposed|ProjectProposed|IncomeDeclared|DepartmentTextSet|PriorYearSet|FixedAssetsSet|ProcurementSet)$/.test(e.type));
    expect(workflow.map((e) => [e.type, e.userId, e.role])).toEqual([
      ['DraftOpened', 'clerk-501', 'department'],
      ['DraftSubmitted', 'clerk-501', 'department'],
      ['DraftReturned', 'finance-zhang', 'finance'],
      ['BasicLineRevised', 'clerk-501', 'department'],
      ['BasicLineRevised', 'clerk-501', 'department'],
      ['ProjectAdjusted', 'clerk-501', 'department'],
      ['DraftSubmitted', 'clerk-501', 'department'],
      ['DraftApproved', 'finance-zhang', 'finance'],
      ['VersionPublished', 'finance-zhang', 'finance'],
      ['AdjustmentRequested', 'clerk-501', 'department'],
      ['AdjustmentApproved', 'finance-zhang', 'finance'],
      ['VersionPublished', 'finance-zhang', 'finance'],
    ]);
    const only = (type: string) => events.filter((e) => e.type === type);
    expect(only('DraftReturned')[0].reason).toBe(RETURN_REASON);
    expect(only('AdjustmentRequested')[0].reason).toBe(ADJUSTMENT_REASON);
    expect(only('DraftApproved')[0].data.version).toBe(1);
    expect(only('AdjustmentApproved')[0].data).toMatchObject({ version: 2, adjustmentId });
    expect(only('VersionPublished').map((e) => e.data.version)).toEqual([1, 2]);
    // Everything of the import says where it came from.
    expect(events.filter((e) => e.version <= only('DraftOpened')[0].version).every((e) => e.reason === 'budget-facts/1 导入')).toBe(true);
  });

  it('diff 1 → 2 shows exactly the project amount and the income change, with before and after', async () => {
    const diff = await t.request('GET', `${B}/diff?from=1&to=2`, { token: dept });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2 });
    const changes: Array<Record<string, any>> = diff.body.changes; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(changes).toHaveLength(2);

    const income = changes.find((c) => c.section === 'income');
    expect(income).toMatchObject({ key: GENERAL_BUDGET_INCOME, kind: 'changed' });
    expect([yuan(income!.before), yuan(income!.after), yuan(income!.delta)]).toEqual(['6542400.00', '6562400.00', '20000.00']);

    const project = changes.find((c) => c.section === 'project');
    expect(project).toMatchObject({ key: LAWYER_PROJECT, label: '律师陪访经费', kind: 'changed' });
    expect([yuan(project!.before), yuan(project!.after), yuan(project!.delta)]).toEqual(['78000.00', '98000.00', '20000.00']);
    expect(project!.changedFields).toContain('amount');
  });

  it('version 1 keeps the original numbers (T3 project total 454.40), version 2 shows 456.40', async () => {
    const v1 = await t.request('GET', `${B}/tables/T3?version=1`);
    expect(v1.status).toBe(200);
    expect(v1.body.version).toBe(1);
    expect(t3Totals(v1.body).slice(3, 6)).toEqual(['654.24', '199.84', '454.40']);

    const v2 = await t.request('GET', `${B}/tables/T3?version=2`);
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);
    expect(t3Totals(v2.body).slice(3, 6)).toEqual(['656.24', '199.84', '456.40']);

    const t1v2 = (await t.request('GET', `${B}/tables?version=2`)).body.tables.find((table: { id: string }) => table.id === 'T1');
    expect(t1v2.rows[0].slice(1, 3)).toEqual(['一、一般公共预算拨款收入', '656.24']);
  });

  it('published version 1 never changed', async () => {
    expect((await t.request('GET', `${B}/tables?version=1`)).body).toEqual(publishedV1Tables);
    const v1 = await t.request('GET', `${B}?version=1`);
    expect(v1.body).toMatchObject({ version: 1, published: true });
    expect(v1.body.content).toEqual((publishedV1Budget as { content: unknown }).content);
  });
});

describe('馆陶县信访局 2024: concurrency, preconditions and idempotency over HTTP', () => {
  const t = useTestApp();
  let dept: string;

  beforeAll(async () => {
    dept = await t.token('department', '501', 'clerk-501');
    const imported = await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() });
    expect(imported.status).toBe(200);
  });

  it('If-Match with a stale version → 412 and nothing appended; the current version succeeds', async () => {
    const current = await t.request('GET', B, { token: dept });
    const etag = current.headers.etag as string;
    const version = current.body.streamVersion as number;
    expect(etag).toBe(`"${version}"`);

    const before = await t.eventCount();
    const stale = await t.request('PATCH', `${B}/basic-lines/basic-6`, { token: dept, body: { amount: '6200.00' }, headers: { 'if-match': `"${version - 1}"` } });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
    expect(await t.eventCount()).toBe(before);

    const fresh = await t.request('PATCH', `${B}/basic-lines/basic-6`, { token: dept, body: { amount: '6200.00' }, headers: { 'if-match': etag } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe(`"${version + 1}"`);
    const back = await t.request('PATCH', `${B}/basic-lines/basic-6`, { token: dept, body: { amount: '6100.00' }, headers: { 'if-match': fresh.headers.etag as string } });
    expect(back.status).toBe(200);
  });

  it('Idempotency-Key: the same key and body replays the answer without a new event; another body → 422', async () => {
    const url = `${B}/income`;
    const body = { source: GENERAL_BUDGET_INCOME, amount: '6552400.00' };
    const headers = { 'idempotency-key': 'fixture-income-1' };

    const before = await t.eventCount();
    const first = await t.request('POST', url, { token: dept, body, headers });
    expect(first.status).toBe(200);
    expect(first.body.events).toEqual(['IncomeDeclared']);
    expect(await t.eventCount()).toBe(before + 1);

    const replay = await t.request('POST', url, { token: dept, body, headers });
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(await t.eventCount()).toBe(before + 1);

    const reused = await t.request('POST', url, { token: dept, body: { ...body, amount: '6562400.00' }, headers });
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await t.eventCount()).toBe(before + 1);

    const income = (await t.request('GET', B, { token: dept })).body.content.income;
    expect(yuan(income[0].amount)).toBe('6552400.00');
    // Put the fixture's figure back (the last test submits a balanced budget).
    expect((await t.request('POST', url, { token: dept, body: { source: GENERAL_BUDGET_INCOME, amount: '6542400.00' } })).status).toBe(200);
  });

  it('re-importing the same document after edits that were undone appends nothing', async () => {
    const before = await t.eventCount();
    const again = await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() });
    expect(again.status).toBe(200);
    expect(again.body.events).toEqual([]);
    expect(await t.eventCount()).toBe(before);
  });

  it('two finance users approve the same submitted draft at once: one 200, the other 409, one approval recorded', async () => {
    expect((await t.request('POST', `${B}/submit`, { token: dept })).status).toBe(200);
    const [financeA, financeB] = await Promise.all([t.token('finance', undefined, 'finance-a'), t.token('finance', undefined, 'finance-b')]);
    const before = await t.eventCount();

    const answers = await Promise.all([
      t.request('POST', `${B}/approve`, { token: financeA }),
      t.request('POST', `${B}/approve`, { token: financeB }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.status).toBe(409);
    expect(await t.eventCount()).toBe(before + 1);

    const budget = await t.request('GET', B, { token: dept });
    expect(budget.body.status).toBe('approved');
    expect(budget.body.versions).toHaveLength(1);
  });
});

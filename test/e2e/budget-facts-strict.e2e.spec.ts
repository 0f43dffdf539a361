import { loadBudgetFacts } from '../support/guantao-fixture';
import { useTestApp } from '../support/test-app';

/**
 * budget-facts/1 is strict: a field the format does not define, at any depth, is refused with 400
 * FIELD_NOT_ALLOWED and its path, and nothing is appended (neither a new draft nor a change to an existing one).
 * The drafting routes take the same new fields as the import: `fromCarryOver` and `unit` on lines and projects.
 */
describe('POST /v1/budgets/{dept}/{year}/import refuses unknown fields', () => {
  const t = useTestApp();
  let clerk: string;

  beforeAll(async () => {
    clerk = await t.token('department', '501', 'clerk-501');
  });

  const refusedWithPath = async (edit: (document: Record<string, any>) => void, path: string) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const document = loadBudgetFacts();
    edit(document);
    const before = await t.eventCount();
    const response = await t.request('POST', '/v1/budgets/501/2024/import', { token: clerk, body: document });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('FIELD_NOT_ALLOWED');
    expect(response.body.title).toMatch(/[\u4e00-\u9fff]/);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: path, code: 'FIELD_NOT_ALLOWED', message: expect.stringMatching(/[\u4e00-\u9fff]/) })]),
    );
    expect(await t.eventCount()).toBe(before);
  };

  it('at the root, in the department, in a basic line, in a project line and in an indicator, before any draft exists', async () => {
    await refusedWithPath((d) => (d.status = 'approved'), 'status');
    await refusedWithPath((d) => (d.department.unitCode = '501001'), 'department.unitCode');
    await refusedWithPath((d) => (d.basicExpenditureLines[3].fundsource = '一般公共预算拨款'), 'basicExpenditureLines[3].fundsource');
    await refusedWithPath((d) => (d.projects[0].indicators[1].weight = 10), 'projects[0].indicators[1].weight');
    await refusedWithPath((d) => (d.projects[1].lines = [{ functionalCode: '2014004', economicCode: '30201', fundSource: '一般公共预算拨款', amount: '40.00', note: 'x' }]), 'projects[1].lines[0].note');
    expect((await t.request('GET', '/v1/budgets/501/2024', { token: clerk })).status).toBe(404);
  });

  it('into an existing draft: the draft stays as it was', async () => {
    expect((await t.request('POST', '/v1/budgets/501/2024/import', { token: clerk, body: loadBudgetFacts() })).status).toBe(200);
    const draft = (await t.request('GET', '/v1/budgets/501/2024', { token: clerk })).body;
    await refusedWithPath((d) => {
      d.income[0].amount = '700.00';
      d.carryOver.fromLastyear = '1.00';
    }, 'carryOver.fromLastyear');
    expect((await t.request('GET', '/v1/budgets/501/2024', { token: clerk })).body).toEqual(draft);
  });

  it('the drafting routes take fromCarryOver and unit, and refuse a wrong type or an unknown unit without appending', async () => {
    const added = await t.request('POST', '/v1/budgets/501/2024/basic-lines', {
      token: clerk,
      body: { functionalCode: '2014001', economicCode: '30201', fundSource: '一般公共预算拨款', amount: '1000.00', fromCarryOver: true, unit: '501' },
    });
    expect(added.status).toBe(201);
    const lines = (await t.request('GET', '/v1/budgets/501/2024', { token: clerk })).body.basicExpenditureLines;
    expect(lines[lines.length - 1]).toMatchObject({ economicCode: '30201', amount: '1000.00', fromCarryOver: true, unit: '501' });

    const before = await t.eventCount();
    const wrongType = await t.request('POST', '/v1/budgets/501/2024/basic-lines', {
      token: clerk,
      body: { functionalCode: '2014001', economicCode: '30202', fundSource: '一般公共预算拨款', amount: '1.00', fromCarryOver: 'yes' },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'fromCarryOver', code: 'FIELD_TYPE_INVALID' })]);
    const unknownUnit = await t.request('POST', '/v1/budgets/501/2024/basic-lines', {
      token: clerk,
      body: { functionalCode: '2014001', economicCode: '30202', fundSource: '一般公共预算拨款', amount: '1.00', unit: '501009' },
    });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body.code).toBe('UNIT_NOT_IN_BUDGET');
    expect(await t.eventCount()).toBe(before);
  });

  it('a corrected document imported into the draft appends only the difference, as ordinary events in the history', async () => {
    const clerk507 = await t.token('department', '507', 'clerk-507');
    const original = loadBudgetFacts();
    original.department.code = '507';
    expect((await t.request('POST', '/v1/budgets/507/2024/import', { token: clerk507, body: original })).status).toBe(200);

    const corrected = loadBudgetFacts();
    corrected.department.code = '507';
    corrected.income[0].amount = '655.24';
    corrected.basicExpenditureLines[2].amount = '14.31';
    const before = await t.eventCount();
    const applied = await t.request('POST', '/v1/budgets/507/2024/import', { token: clerk507, body: corrected });
    expect(applied.status).toBe(200);
    expect(applied.body.events).toEqual(['IncomeDeclared', 'BasicLineRevised']);
    expect(await t.eventCount()).toBe(before + 2);
    const history = await t.request('GET', '/v1/budgets/507/2024/history', { token: clerk507 });
    expect(history.body.events.slice(-2).map((event: { type: string }) => event.type)).toEqual(['IncomeDeclared', 'BasicLineRevised']);

    const again = await t.request('POST', '/v1/budgets/507/2024/import', { token: clerk507, body: corrected });
    expect(again.status).toBe(200);
    expect(again.body.imported).toBe(false);
    expect(await t.eventCount()).toBe(before + 2);
  });
});

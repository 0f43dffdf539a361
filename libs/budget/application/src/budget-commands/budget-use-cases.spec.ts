import { type Actor, type BudgetCommand, Decimal, budgetStreamId } from '@budgetflow/budget-domain';
import fixture from '../../../../../test/fixtures/guantao-xinfang-2024/budget-facts.json';
import type { EventStore } from '@budgetflow/event-store';
import type { TestingModule } from '@nestjs/testing';
import { CLOCK, EVENT_STORE, commandInputFor } from '@budgetflow/platform';
import { type UseCaseWorld, createUseCaseWorld } from '@budgetflow/testing';
import { BasicLinesController } from '../basic-lines/basic-lines.http';
import { CatalogService } from '../catalog/catalog.service';
import { BudgetSettingsService } from '../budget-settings/budget-settings.service';
import { ImportBudgetController } from '../import-budget/import-budget.http';
import { ReviewDraftController } from '../review-draft/review-draft.http';
import { SubmitDraftController } from '../submit-draft/submit-draft.http';
import { BudgetCommandHandler, BudgetStreams, HandleBudgetCommands } from './budget-commands';

const financeOfficer: Actor = { userId: 'u-finance', role: 'finance' };
const clerkOf = (department: string): Actor => ({ userId: `u-clerk-${department}`, role: 'department', department });

/**
 * Budget use cases without an HTTP server: the route's method with a request as the route gets it, the command bus,
 * the handler and the store. Given events → when a request → then the answer and the new events.
 */
describe('budget use cases (route → command bus → handler → events)', () => {
  let world: UseCaseWorld;
  let store: EventStore;
  let module: TestingModule;
  const now = new Date('2024-01-15T09:00:00.000Z');

  beforeAll(async () => {
    world = await createUseCaseWorld({
      controllers: [BasicLinesController, SubmitDraftController, ReviewDraftController, ImportBudgetController],
      providers: [BudgetStreams, BudgetCommandHandler, CatalogService, BudgetSettingsService],
      ports: (events) => [{ provide: EVENT_STORE, useValue: events }, { provide: CLOCK, useValue: () => now }],
    });
    ({ store, module } = world);
  });
  afterAll(() => world.close());

  let department = 600;
  /** A department of its own per spec, opened as a draft with the fixture's profile. */
  const givenDraft = async (...commands: ((code: string) => BudgetCommand)[]) => {
    const code = String(department++);
    const opened: BudgetCommand = { type: 'OpenDraft', actor: clerkOf(code), department: { code, name: '馆陶县某局', unitKind: '行政' }, fiscalYear: 2024 };
    const input = { ifMatch: undefined, metadata: () => ({ userId: 'seed', role: 'department' as const, correlationId: 'seed', recordedAt: now.toISOString() }) };
    await module.get(BudgetCommandHandler).execute(new HandleBudgetCommands({ department: code, fiscalYear: 2024 }, [opened, ...commands.map((make) => make(code))], input));
    return code;
  };
  const newEvents = async (code: string, after: number) => (await store.readStream(budgetStreamId(code, 2024), { fromVersion: after + 1 })).map((event) => event.type);

  it('propose basic line: answers the new line id, its location and the version as ETag; one BasicLineProposed appended', async () => {
    const code = await givenDraft();
    const { input, headers } = commandInputFor({
      actor: clerkOf(code),
      url: `/v1/budgets/${code}/2024/basic-lines`,
      params: { department: code, year: '2024' },
      body: { lineId: 'L-1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '12345.67' },
    });
    const answer = await module.get(BasicLinesController).propose(input);
    expect(answer).toMatchObject({ version: 2, lineId: 'L-1', location: `/v1/budgets/${code}/2024/basic-lines/L-1`, events: ['BasicLineProposed'] });
    expect(headers).toMatchObject({ etag: '"2"', location: `/v1/budgets/${code}/2024/basic-lines/L-1` });
    expect(await newEvents(code, 1)).toEqual(['BasicLineProposed']);
  });

  it('propose basic line with a code another instance has just added to the catalog: decided again on the stored catalog, appended once', async () => {
    const code = await givenDraft();
    await module.get(CatalogService).forYear(2024); // this process has the year's catalog cached
    // Another api instance loads a 项 this process has not seen.
    await store.append('catalog-2024', [{ type: 'CatalogEntriesLoaded', data: { functional: [{ code: '2010699', name: '其他财政事务支出' }], economic: [] } }], 'any', {
      userId: 'u-admin',
      role: 'admin',
      correlationId: 'elsewhere',
      recordedAt: now.toISOString(),
    });
    const { input } = commandInputFor({
      actor: clerkOf(code),
      url: `/v1/budgets/${code}/2024/basic-lines`,
      params: { department: code, year: '2024' },
      body: { functionalCode: '2010699', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '10.00' },
    });
    await expect(module.get(BasicLinesController).propose(input)).resolves.toMatchObject({ version: 2, events: ['BasicLineProposed'] });
    expect(await newEvents(code, 1)).toEqual(['BasicLineProposed']);
  });

  it('propose basic line after another instance retired its code: refused on the stored catalog, nothing appended', async () => {
    const code = await givenDraft();
    await store.append('catalog-2025', [{ type: 'CatalogEntriesLoaded', data: { functional: [{ code: '2010698', name: '某财政事务' }], economic: [{ code: '30101', name: '基本工资' }] } }], 'any', {
      userId: 'u-admin',
      role: 'admin',
      correlationId: 'elsewhere',
      recordedAt: now.toISOString(),
    });
    const year = String(2025);
    const opened: BudgetCommand = { type: 'OpenDraft', actor: clerkOf(code), department: { code, name: '馆陶县某局', unitKind: '行政' }, fiscalYear: 2025 };
    const seed = { ifMatch: undefined, metadata: () => ({ userId: 'seed', role: 'department' as const, correlationId: 'seed', recordedAt: now.toISOString() }) };
    await module.get(BudgetCommandHandler).execute(new HandleBudgetCommands({ department: code, fiscalYear: 2025 }, [opened], seed));
    const propose = () =>
      module.get(BasicLinesController).propose(
        commandInputFor({
          actor: clerkOf(code),
          url: `/v1/budgets/${code}/${year}/basic-lines`,
          params: { department: code, year },
          body: { functionalCode: '2010698', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '10.00' },
        }).input,
      );
    await expect(propose()).resolves.toMatchObject({ version: 2 }); // the catalog is now cached with the code in force
    await store.append('catalog-2025', [{ type: 'CatalogEntriesLoaded', data: { functional: [{ code: '2010698', name: '某财政事务', retired: true }], economic: [] } }], 'any', {
      userId: 'u-admin',
      role: 'admin',
      correlationId: 'elsewhere',
      recordedAt: now.toISOString(),
    });
    await expect(propose()).rejects.toThrow(/2010698 已在本年度分类目录中停用/);
    expect((await store.readStream(budgetStreamId(code, 2025))).length).toBe(2);
  });

  it('propose basic line with an unknown field: 400 FIELD_NOT_ALLOWED, nothing appended', async () => {
    const code = await givenDraft();
    const { input } = commandInputFor({
      actor: clerkOf(code),
      url: `/v1/budgets/${code}/2024/basic-lines`,
      params: { department: code, year: '2024' },
      body: { functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '1.00', approvedBy: 'me' },
    });
    await expect(module.get(BasicLinesController).propose(input)).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'approvedBy', code: 'FIELD_NOT_ALLOWED' })] });
    expect(await newEvents(code, 1)).toEqual([]);
  });

  it('submit of an unbalanced draft: the precondition refuses with the decider’s own code, nothing appended', async () => {
    const code = await givenDraft((c) => ({ type: 'DeclareIncome', actor: clerkOf(c), source: '一般公共预算拨款收入', amount: new Decimal('100000.00') }));
    const { input } = commandInputFor({ actor: clerkOf(code), url: `/v1/budgets/${code}/2024/submit`, params: { department: code, year: '2024' } });
    await expect(module.get(SubmitDraftController).submit(input)).rejects.toMatchObject({ code: 'BUDGET_UNBALANCED' });
    expect(await newEvents(code, 2)).toEqual([]);
  });

  it('import then approve: the approve answer names the approved version used in …/versions/{n}', async () => {
    const code = String(department++);
    const document = { ...fixture, department: { ...fixture.department, code } };
    const imported = await module
      .get(ImportBudgetController)
      .import(commandInputFor({ actor: clerkOf(code), url: `/v1/budgets/${code}/2024/import`, params: { department: code, year: '2024' }, body: document }).input);
    expect(imported.imported).toBe(true);
    const submitted = await module.get(SubmitDraftController).submit(commandInputFor({ actor: clerkOf(code), url: '/', params: { department: code, year: '2024' } }).input);
    expect(submitted.events).toEqual(['DraftSubmitted']);
    const approved = await module.get(ReviewDraftController).approve(commandInputFor({ actor: financeOfficer, url: '/', params: { department: code, year: '2024' } }).input);
    expect(approved).toMatchObject({ events: ['DraftApproved'], approvedVersion: 1 });
  });

  it('a department clerk cannot approve: FORBIDDEN_ROLE from the decider, nothing appended', async () => {
    const code = await givenDraft();
    const attempt = module.get(ReviewDraftController).approve(commandInputFor({ actor: clerkOf(code), url: '/', params: { department: code, year: '2024' } }).input);
    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await newEvents(code, 1)).toEqual([]);
  });
});

import { deciderSpec } from '@budgetflow/testing';
import type { BudgetCommand } from '../commands/budget-commands';
import { DomainError } from '../errors';
import type { BudgetEvent } from '../events/budget-events';
import { given as givenBudget } from '../testing/given-when-then';
import { AT, clerk501, clerk502, department501, financeOfficer, NOW, testContext, wan } from '../testing/world';
import {
  decideLibraryProject,
  evolveLibraryProject,
  initialLibraryProject,
  type LibraryCommand,
  type LibraryEvent,
  type LibraryProject,
  type LibraryProjectProposal,
  projectLibraryStreamId,
} from './project-library';

const stamp = { by: 'x', at: AT };
const given = deciderSpec<LibraryCommand, LibraryProject, LibraryEvent, undefined, DomainError>(
  {
    decide: (command, state) => decideLibraryProject(command, state, { by: command.actor.userId, at: AT }),
    evolve: evolveLibraryProject,
    initial: initialLibraryProject,
    refusal: DomainError,
  },
  undefined,
);

const proposal = (overrides: Partial<LibraryProjectProposal> = {}): LibraryProjectProposal => ({
  code: 'LIB-2025-001',
  name: '信访信息系统升级',
  functionalCode: '2014004',
  fundSource: '一般公共预算拨款',
  purpose: '升级信访信息系统。',
  totalAmount: wan('50'),
  startYear: 2025,
  endYear: 2026,
  yearlyAmounts: [
    { fiscalYear: 2025, amount: wan('30') },
    { fiscalYear: 2026, amount: wan('20') },
  ],
  goal: '系统稳定运行。',
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '升级模块数', description: '', target: '≥3个', basis: '实施方案' }],
  attachments: [{ name: '可行性研究报告', number: '馆信〔2024〕12号' }],
  ...overrides,
});

const propose = (overrides: Partial<LibraryProjectProposal> = {}): LibraryCommand => ({
  type: 'ProposeLibraryProject',
  actor: clerk501,
  departmentCode: '501',
  code: overrides.code ?? 'LIB-2025-001',
  project: proposal(overrides),
});
const finance = (type: 'ReturnLibraryProject' | 'PoolLibraryProject' | 'RejectLibraryProject', reason = '请补充绩效指标'): LibraryCommand =>
  ({ type, actor: financeOfficer, departmentCode: '501', code: 'LIB-2025-001', ...(type === 'PoolLibraryProject' ? {} : { reason }) }) as LibraryCommand;

const proposed = (): LibraryEvent[] => given([]).when(propose()).thenEvents().events;

describe('project library (项目库)', () => {
  it('a department proposes a project; amounts travel as 元 strings, attachments kept', () => {
    const { events, state } = given([]).when(propose()).thenEvents();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'LibraryProjectProposed',
        data: expect.objectContaining({ departmentCode: '501', project: expect.objectContaining({ totalAmount: '500000.00', startYear: 2025, endYear: 2026, attachments: [{ name: '可行性研究报告', number: '馆信〔2024〕12号' }] }) }),
      }),
    ]);
    expect(state.status).toBe('proposed');
  });

  it('checks the proposal: yearly amounts add up to the total, years in order, code format, readable indicators', () => {
    given([]).when(propose({ totalAmount: wan('60') })).thenThrows('PROJECT_YEARS_INVALID', 'yearlyAmounts');
    given([]).when(propose({ startYear: 2027 })).thenThrows('PROJECT_YEARS_INVALID', 'endYear');
    given([]).when(propose({ yearlyAmounts: [{ fiscalYear: 2024, amount: wan('50') }] })).thenThrows('PROJECT_YEARS_INVALID', 'yearlyAmounts[0].fiscalYear');
    given([]).when(propose({ functionalCode: '20140' })).thenThrows('CODE_FORMAT_INVALID', 'functionalCode');
    given([]).when(propose({ indicators: [{ level1: '产出指标', level2: '数量指标', name: 'x', description: '', target: '很多', basis: '' }] })).thenThrows('INDICATOR_TARGET_INVALID');
  });

  it('is proposed only by the department itself', () => {
    given([]).when({ ...propose(), actor: clerk502 }).thenThrows('OTHER_DEPARTMENT');
    given([]).when({ ...propose(), actor: financeOfficer }).thenThrows('FORBIDDEN_ROLE');
  });

  it('finance returns it with a reason; the department proposes again; finance pools it (入库)', () => {
    const returned = given(proposed()).when(finance('ReturnLibraryProject')).thenEvents();
    expect(returned.events).toEqual([{ type: 'LibraryProjectReturned', data: { reason: '请补充绩效指标', by: financeOfficer.userId, at: AT } }]);
    expect(returned.state.lastReason).toBe('请补充绩效指标');
    given(proposed()).when({ ...finance('ReturnLibraryProject'), reason: ' ' } as LibraryCommand).thenThrows('REASON_REQUIRED');
    const again = given(returned.state).when(propose({ name: '信访信息系统升级（修订）' })).thenEvents();
    expect(again.state.status).toBe('proposed');
    const pooled = given(again.state).when(finance('PoolLibraryProject')).thenEvents();
    expect(pooled.events).toEqual([{ type: 'ProjectPooled', data: { departmentCode: '501', code: 'LIB-2025-001', by: financeOfficer.userId, at: AT } }]);
    given(pooled.state).when(finance('PoolLibraryProject')).thenNothing();
    given(pooled.state).when(finance('ReturnLibraryProject')).thenThrows('LIBRARY_PROJECT_STATE');
    given(pooled.state).when(propose()).thenThrows('LIBRARY_PROJECT_STATE');
  });

  it('finance rejects; only finance reviews; a rejected project cannot be withdrawn or pooled', () => {
    const rejected = given(proposed()).when(finance('RejectLibraryProject', '不符合支持方向')).thenEvents().state;
    expect(rejected).toMatchObject({ status: 'rejected', lastReason: '不符合支持方向' });
    given(rejected).when(finance('PoolLibraryProject')).thenThrows('LIBRARY_PROJECT_STATE');
    given(rejected).when({ type: 'WithdrawLibraryProject', actor: clerk501, departmentCode: '501', code: 'LIB-2025-001' }).thenThrows('LIBRARY_PROJECT_STATE');
    given(proposed()).when({ ...finance('PoolLibraryProject'), actor: clerk501 }).thenThrows('FORBIDDEN_ROLE');
    given([]).when(finance('PoolLibraryProject')).thenThrows('LIBRARY_PROJECT_NOT_FOUND');
  });

  it('the department withdraws its project (and only its own)', () => {
    const withdraw: LibraryCommand = { type: 'WithdrawLibraryProject', actor: clerk501, departmentCode: '501', code: 'LIB-2025-001' };
    expect(given(proposed()).when(withdraw).thenEvents().state.status).toBe('withdrawn');
    given(proposed()).when({ ...withdraw, actor: clerk502 }).thenThrows('OTHER_DEPARTMENT');
  });
});

describe('ScheduleProject (a pooled library project into the budget: ProjectPooled → ProjectScheduled)', () => {
  const opened = (fiscalYear = 2025): BudgetEvent => ({ type: 'DraftOpened', data: { department: department501, fiscalYear, ...stamp } });
  const pooledEntry = (): LibraryProject => [...proposed(), { type: 'ProjectPooled', data: { departmentCode: '501', code: 'LIB-2025-001', ...stamp } } as LibraryEvent].reduce(evolveLibraryProject, initialLibraryProject());
  const schedule = (library: LibraryProject, overrides: Partial<BudgetCommand> = {}): BudgetCommand =>
    ({ type: 'ScheduleProject', actor: clerk501, code: 'LIB-2025-001', library: { streamId: projectLibraryStreamId('501', 'LIB-2025-001'), project: library }, ...overrides }) as BudgetCommand;
  const libraryYear = { ...testContext, settings: { projectsFromLibrary: true, rounds: 'single' as const, reviewSteps: [] } };

  it('schedules it with its code, goal, indicators and the year’s amount', () => {
    const { events, state } = givenBudget([opened()], libraryYear).when(schedule(pooledEntry())).thenEvents();
    expect(events.map((e) => e.type)).toEqual(['ProjectScheduled']);
    expect(state.content!.projects).toEqual([
      expect.objectContaining({ code: 'LIB-2025-001', name: '信访信息系统升级', amount: wan('30'), goal: '系统稳定运行。', startYear: 2025, endYear: 2026 }),
    ]);
    expect(state.content!.projects[0].indicators[0].name).toBe('升级模块数');
  });

  it('refuses a project not pooled, of another department, or outside its years', () => {
    const notPooled = proposed().reduce(evolveLibraryProject, initialLibraryProject());
    givenBudget([opened()]).when(schedule(notPooled)).thenThrows('PROJECT_NOT_IN_LIBRARY', 'code');
    givenBudget([opened()]).when(schedule(initialLibraryProject())).thenThrows('PROJECT_NOT_IN_LIBRARY', 'code');
    const other502: BudgetEvent = { type: 'DraftOpened', data: { department: { ...department501, code: '502' }, fiscalYear: 2025, ...stamp } };
    givenBudget([other502]).when(schedule(pooledEntry(), { actor: clerk502 })).thenThrows('PROJECT_NOT_IN_LIBRARY', 'code');
    givenBudget([opened(2027)]).when(schedule(pooledEntry())).thenThrows('PROJECT_NOT_IN_LIBRARY', 'code');
  });

  it('in a year configured for the library, a project cannot be proposed outright; by default it can, as before', () => {
    const outright: BudgetCommand = {
      type: 'ProposeProject',
      actor: clerk501,
      project: { code: 'P-X', name: 'x', functionalCode: '2014004', fundSource: '一般公共预算拨款', amount: wan('1'), fiscalFunds: wan('1'), otherFunds: wan('0'), purpose: '', spendingPlan: [{ checkpoint: '12月底', cumulativePercent: 100 }], goal: '', indicators: [] },
    };
    givenBudget([opened()], libraryYear).when(outright).thenThrows('PROJECT_NOT_IN_LIBRARY');
    expect(givenBudget([opened()], { now: NOW, catalog: testContext.catalog }).when(outright).thenEvents().events.map((e) => e.type)).toEqual(['ProjectProposed']);
  });
});

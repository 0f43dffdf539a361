import type { BudgetCommand } from '../commands/budget-commands';
import type { DecideContext } from '../context';
import type { BudgetEvent } from '../events/budget-events';
import { given } from '../testing/given-when-then';
import { AT, clerk501, department501, financeOfficer, testContext, wan } from '../testing/world';

/** A year of four rounds: 一上 → 一下 → 二上 → 二下. */
const fourRounds: DecideContext = { ...testContext, settings: { projectsFromLibrary: false, rounds: 'four', reviewSteps: [] } };
const stamp = (by: string) => ({ by, at: AT });

const draft: BudgetEvent[] = [
  { type: 'DraftOpened', data: { department: department501, fiscalYear: 2025, ...stamp(clerk501.userId) } },
  { type: 'IncomeDeclared', data: { source: '一般公共预算拨款收入', amount: '1000000.00', ...stamp(clerk501.userId) } },
  { type: 'BasicLineProposed', data: { line: { lineId: 'L-1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '1000000.00' }, ...stamp(clerk501.userId) } },
];
const submit: BudgetCommand = { type: 'SubmitDraft', actor: clerk501 };
const controlNumbers = (total: string): BudgetCommand => ({ type: 'SetControlNumbers', actor: financeOfficer, departmentCode: '501', fiscalYear: 2025, total: wan(total) });
const approve = (document: { documentNumber?: string; documentDate?: string } = { documentNumber: '馆财预〔2025〕1号', documentDate: '2025-02-20' }): BudgetCommand => ({
  type: 'ApproveDraft',
  actor: financeOfficer,
  ...document,
});

const run = (events: BudgetEvent[], command: BudgetCommand) => given(events, fourRounds).when(command).thenEvents();

describe('rounds (一上一下二上二下)', () => {
  it('一上: the department submits its proposal; the round is recorded with its figures', () => {
    const { events, state } = run(draft, submit);
    expect(events).toEqual([expect.objectContaining({ type: 'DraftSubmitted', data: expect.objectContaining({ round: '一上' }) })]);
    expect(state.rounds).toMatchObject({ current: '一上', figures: [{ round: '一上', by: clerk501.userId }] });
    expect(state.rounds!.figures[0].content!.basicExpenditureLines).toHaveLength(1);
  });

  it('一下: finance issues control numbers on the proposal, which goes back to the department', () => {
    const first = run(draft, submit).events;
    const { events, state } = run([...draft, ...first], controlNumbers('100'));
    expect(events).toEqual([expect.objectContaining({ type: 'ControlNumbersSet', data: expect.objectContaining({ round: '一下', total: '1000000.00' }) })]);
    expect(state.status).toBe('drafting');
    expect(state.rounds!.current).toBe('一下');
  });

  it('二上: the department submits within the control numbers (refused above them); 二下: finance approves with 文号 and date', () => {
    const history = [...draft, ...run(draft, submit).events];
    const afterOneDown = [...history, ...run(history, controlNumbers('80')).events];
    given(afterOneDown, fourRounds).when(submit).thenThrows('CONTROL_NUMBER_EXCEEDED');
    const withinEvents: BudgetEvent[] = [
      ...afterOneDown,
      { type: 'BasicLineRevised', data: { line: { lineId: 'L-1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '800000.00' }, ...stamp(clerk501.userId) } },
      { type: 'IncomeDeclared', data: { source: '一般公共预算拨款收入', amount: '800000.00', ...stamp(clerk501.userId) } },
    ];
    const second = run(withinEvents, submit);
    expect(second.events[0].data).toMatchObject({ round: '二上' });
    const approved = run([...withinEvents, ...second.events], approve());
    expect(approved.events).toEqual([
      { type: 'DraftApproved', data: { version: 1, round: '二下', documentNumber: '馆财预〔2025〕1号', documentDate: '2025-02-20', ...stamp(financeOfficer.userId) } },
    ]);
    expect(approved.state.status).toBe('approved');
    expect(approved.state.rounds!.figures.map((f) => f.round)).toEqual(['一上', '一下', '二上', '二下']);
    expect(approved.state.rounds!.figures[0].content!.basicExpenditureLines[0].amount).toEqual(wan('100'));
    expect(approved.state.rounds!.figures[2].content!.basicExpenditureLines[0].amount).toEqual(wan('80'));
    given([...withinEvents, ...second.events], fourRounds).when(approve({ documentDate: '2025-02-20' })).thenThrows('FIELD_REQUIRED', 'documentNumber');
    given([...withinEvents, ...second.events], fourRounds).when(approve({ documentNumber: 'x', documentDate: '2025-02-30' })).thenThrows('DATE_INVALID', 'documentDate');
  });

  it('refuses rounds out of order: no 二下 straight after 一上, no 一下 before 一上, no second 一下 after 二上', () => {
    const afterOneUp = [...draft, ...run(draft, submit).events];
    given(afterOneUp, fourRounds).when(approve()).thenThrows('ROUND_OUT_OF_ORDER');
    given(draft, fourRounds).when(controlNumbers('100')).thenThrows('ROUND_OUT_OF_ORDER');
    const afterOneDown = [...afterOneUp, ...run(afterOneUp, controlNumbers('100')).events];
    const afterTwoUp = [...afterOneDown, ...run(afterOneDown, submit).events];
    given(afterTwoUp, fourRounds).when(controlNumbers('90')).thenThrows('ROUND_OUT_OF_ORDER');
  });

  it('returns happen in each round and keep the round', () => {
    const afterOneUp = [...draft, ...run(draft, submit).events];
    const returned = run(afterOneUp, { type: 'ReturnDraft', actor: financeOfficer, reason: '基本支出偏高' });
    expect(returned.state).toMatchObject({ status: 'drafting', rounds: { current: '一上' } });
    expect(run([...afterOneUp, ...returned.events], submit).events[0].data).toMatchObject({ round: '一上' });
  });

  it('a year of one round behaves as before: no round on the events, control numbers at any time, approval without a document', () => {
    const submitted = given(draft).when(submit).thenEvents();
    expect(submitted.events[0].data).not.toHaveProperty('round');
    expect(submitted.state.rounds).toBeUndefined();
    expect(given(draft).when(controlNumbers('200')).thenEvents().events[0].data).not.toHaveProperty('round');
    expect(given([...draft, ...submitted.events]).when({ type: 'ApproveDraft', actor: financeOfficer }).thenEvents().events[0].data).toEqual({ version: 1, ...stamp(financeOfficer.userId) });
  });
});

describe('review chain (审核环节 before the approval)', () => {
  const chain: DecideContext = { ...testContext, settings: { projectsFromLibrary: false, rounds: 'single', reviewSteps: ['业务股室', '预算股'] } };
  const submitted = [...draft, ...given(draft, chain).when(submit).thenEvents().events];
  const pass = (step: string, note?: string): BudgetCommand => ({ type: 'PassReviewStep', actor: financeOfficer, step, ...(note ? { note } : {}) });

  it('each step is an event with who and why, in order; the approval waits for all of them', () => {
    given(submitted, chain).when({ type: 'ApproveDraft', actor: financeOfficer }).thenThrows('REVIEW_STEPS_PENDING');
    given(submitted, chain).when(pass('预算股')).thenThrows('REVIEW_STEP_OUT_OF_ORDER', 'step');
    const first = given(submitted, chain).when(pass('业务股室', '支出结构合理')).thenEvents();
    expect(first.events).toEqual([{ type: 'ReviewStepPassed', data: { step: '业务股室', note: '支出结构合理', ...stamp(financeOfficer.userId) } }]);
    given(first.state, chain).when(pass('业务股室')).thenNothing();
    given(first.state, chain).when({ type: 'ApproveDraft', actor: financeOfficer }).thenThrows('REVIEW_STEPS_PENDING');
    const second = given(first.state, chain).when(pass('预算股')).thenEvents();
    expect(second.state.reviewPassed!.map((p) => p.step)).toEqual(['业务股室', '预算股']);
    expect(given(second.state, chain).when({ type: 'ApproveDraft', actor: financeOfficer }).thenEvents().events.map((e) => e.type)).toEqual(['DraftApproved']);
  });

  it('refuses an unknown step, a department, a draft not submitted; a return starts the chain again', () => {
    given(submitted, chain).when(pass('局长')).thenThrows('REVIEW_STEP_UNKNOWN', 'step');
    given(submitted, chain).when({ ...pass('业务股室'), actor: clerk501 }).thenThrows('FORBIDDEN_ROLE');
    given(draft, chain).when(pass('业务股室')).thenThrows('BUDGET_NOT_SUBMITTED');
    const passed = [...submitted, ...given(submitted, chain).when(pass('业务股室')).thenEvents().events];
    const returned = [...passed, ...given(passed, chain).when({ type: 'ReturnDraft', actor: financeOfficer, reason: '请修改' }).thenEvents().events];
    const again = [...returned, ...given(returned, chain).when(submit).thenEvents().events];
    given(again, chain).when(pass('预算股')).thenThrows('REVIEW_STEP_OUT_OF_ORDER');
  });
});

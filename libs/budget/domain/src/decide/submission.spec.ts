import { given } from '../testing/given-when-then';
import { admin, AT, approvedBudget, clerk501, clerk502, financeOfficer, importedDraft, openedDraft, run, supervisor, wan } from '../testing/world';
import { budgetTotals } from '../rules/totals';

describe('SubmitDraft', () => {
  const imported = importedDraft();

  it('submits the fixture: income 654.24 = basic 199.84 + projects 454.40 万元', () => {
    const totals = budgetTotals(imported.state.content!);
    expect(totals.totalIncome.eq(wan('654.24'))).toBe(true);
    expect(totals.basic.eq(wan('199.84'))).toBe(true);
    expect(totals.project.eq(wan('454.40'))).toBe(true);
    const state = given(imported.state)
      .when({ type: 'SubmitDraft', actor: clerk501 })
      .then([{ type: 'DraftSubmitted', data: { totalIncome: '6542400.00', totalExpenditure: '6542400.00', by: clerk501.userId, at: AT } }]);
    expect(state.status).toBe('submitted');
    given(state).when({ type: 'SubmitDraft', actor: clerk501 }).thenNothing();
  });

  it('refuses an unbalanced draft', () => {
    const unbalanced = run([{ type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: wan('650') }], imported.state).state;
    const error = given(unbalanced).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('BUDGET_UNBALANCED');
    expect(error.message).toContain('650.00');
    expect(error.details).toEqual({ totalIncome: '6500000.00', totalExpenditure: '6542400.00' });
  });

  // 群众工作中心运维经费 (4.00 万元) paid from last year's carry-over of 10.00, 6.00 of which is carried on.
  const CENTRE_PROJECT = '13043324P00007510001B';
  const carriedOver = (fromLastYear: string, toNextYear: string, flagged = true) =>
    run(
      [
        { type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: wan('650.24') },
        { type: 'SetCarryOver', actor: clerk501, fromLastYear: wan(fromLastYear), toNextYear: wan(toNextYear) },
        ...(flagged ? [{ type: 'AdjustProject' as const, actor: clerk501, code: CENTRE_PROJECT, changes: { fromCarryOver: true } }] : []),
      ],
      imported.state,
    ).state;

  it('counts carry-over on both sides', () => {
    given(carriedOver('10', '6')).when({ type: 'SubmitDraft', actor: clerk501 }).thenEvents();
    given(carriedOver('10', '5')).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('BUDGET_UNBALANCED');
  });

  it('refuses a carry-over that does not agree with the spending it funds', () => {
    // Balanced, but nothing says what the 10.00 of carry-over pays for, and only 6.00 of it is carried on.
    const unmarked = given(carriedOver('10', '6', false))
      .when({ type: 'SubmitDraft', actor: clerk501 })
      .thenThrows('CARRY_OVER_MISMATCH', 'carryOver.fromLastYear');
    expect(unmarked.message).toContain('年终结转结余 6.00 万元');
    expect(unmarked.details).toEqual({ fromLastYear: '100000.00', carryOverSpending: '0.00', toNextYear: '60000.00' });
    // More spent from the carry-over than was carried: 4.00 marked against 3.00 (balanced with 1.00 more income).
    const overspent = run(
      [
        { type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: wan('651.24') },
        { type: 'SetCarryOver', actor: clerk501, fromLastYear: wan('3'), toNextYear: wan('0') },
      ],
      carriedOver('10', '6'),
    ).state;
    const error = given(overspent).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('CARRY_OVER_MISMATCH', 'carryOver.fromLastYear');
    expect(error.message).toContain('超过上年结转结余');
  });

  it('refuses a draft over its control numbers, naming the cap', () => {
    const capped = (caps: { total?: string; basic?: string; project?: string }) =>
      run(
        [
          {
            type: 'SetControlNumbers',
            actor: financeOfficer,
            departmentCode: '501',
            fiscalYear: 2024,
            ...Object.fromEntries(Object.entries(caps).map(([k, v]) => [k, wan(v!)])),
          },
        ],
        imported.state,
      ).state;
    expect(given(capped({ total: '600' })).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('CONTROL_NUMBER_EXCEEDED', 'controlNumbers.total').details).toMatchObject({ cap: 'total' });
    given(capped({ basic: '199.83' })).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('CONTROL_NUMBER_EXCEEDED', 'controlNumbers.basic');
    given(capped({ project: '400' })).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('CONTROL_NUMBER_EXCEEDED', 'controlNumbers.project');
    given(capped({ total: '654.24', basic: '199.84', project: '454.40' })).when({ type: 'SubmitDraft', actor: clerk501 }).thenEvents();
  });

  it('is done by the department itself, from drafting only', () => {
    given(imported.state).when({ type: 'SubmitDraft', actor: clerk502 }).thenThrows('OTHER_DEPARTMENT');
    given(imported.state).when({ type: 'SubmitDraft', actor: financeOfficer }).thenThrows('FORBIDDEN_ROLE');
    given(imported.state).when({ type: 'SubmitDraft', actor: admin }).thenThrows('FORBIDDEN_ROLE');
    given([]).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('BUDGET_NOT_FOUND');
    given(approvedBudget().state).when({ type: 'SubmitDraft', actor: clerk501 }).thenThrows('BUDGET_NOT_DRAFTING');
  });
});

describe('ReturnDraft', () => {
  const submitted = run([{ type: 'SubmitDraft', actor: clerk501 }], importedDraft().state).state;

  it('sends a submitted draft back with a reason; the department may edit again', () => {
    const state = given(submitted)
      .when({ type: 'ReturnDraft', actor: financeOfficer, reason: '项目支出偏高，请压减。' })
      .then([{ type: 'DraftReturned', data: { reason: '项目支出偏高，请压减。', by: financeOfficer.userId, at: AT } }]);
    expect(state.status).toBe('drafting');
    expect(state.lastReturnReason).toBe('项目支出偏高，请压减。');
    given(state).when({ type: 'DeclareIncome', actor: clerk501, source: '事业收入', amount: wan('1') }).thenEvents();
  });

  it('needs a reason, finance, and a submitted draft', () => {
    given(submitted).when({ type: 'ReturnDraft', actor: financeOfficer, reason: '  ' }).thenThrows('REASON_REQUIRED', 'reason');
    given(submitted).when({ type: 'ReturnDraft', actor: clerk501, reason: '自己退回' }).thenThrows('FORBIDDEN_ROLE');
    given(submitted).when({ type: 'ReturnDraft', actor: supervisor, reason: '监督' }).thenThrows('FORBIDDEN_ROLE');
    given(openedDraft().state).when({ type: 'ReturnDraft', actor: financeOfficer, reason: '退回' }).thenThrows('BUDGET_NOT_SUBMITTED');
  });
});

describe('ApproveDraft', () => {
  const submitted = run([{ type: 'SubmitDraft', actor: clerk501 }], importedDraft().state).state;

  it('freezes the submitted content as version 1', () => {
    const state = given(submitted)
      .when({ type: 'ApproveDraft', actor: financeOfficer })
      .then([{ type: 'DraftApproved', data: { version: 1, by: financeOfficer.userId, at: AT } }]);
    expect(state.status).toBe('approved');
    expect(state.versions).toHaveLength(1);
    expect(state.versions[0]).toMatchObject({ version: 1, approvedBy: financeOfficer.userId, approvedAt: AT, published: false });
    expect(state.versions[0].content).toBe(submitted.content);
  });

  it('is finance’s, on a submitted draft only', () => {
    given(submitted).when({ type: 'ApproveDraft', actor: clerk501 }).thenThrows('FORBIDDEN_ROLE');
    given(importedDraft().state).when({ type: 'ApproveDraft', actor: financeOfficer }).thenThrows('BUDGET_NOT_SUBMITTED');
    given(approvedBudget().state).when({ type: 'ApproveDraft', actor: financeOfficer }).thenThrows('BUDGET_NOT_SUBMITTED');
  });

  it('no edits once submitted or approved', () => {
    const edit = { type: 'DeclareIncome' as const, actor: clerk501, source: '事业收入' as const, amount: wan('1') };
    given(submitted).when(edit).thenThrows('BUDGET_NOT_DRAFTING');
    given(approvedBudget().state).when(edit).thenThrows('BUDGET_NOT_DRAFTING');
    given(approvedBudget().state).when({ type: 'WithdrawProject', actor: clerk501, code: 'x' }).thenThrows('BUDGET_NOT_DRAFTING');
  });
});

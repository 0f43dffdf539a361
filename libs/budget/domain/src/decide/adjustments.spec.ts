import { given } from '../testing/given-when-then';
import { AT, approvedBudget, clerk501, clerk502, financeOfficer, importedDraft, run, sampleProject, supervisor, wan } from '../testing/world';
import type { RequestAdjustment } from '../commands/workflow-commands';
import { diffContent } from '../diff/content-diff';
import { costIndicatorMismatches } from '../warnings/draft-warnings';

const LAWYER = '13043324P000076100011'; // 律师陪访经费, 7.80 万元

/** 律师陪访经费 7.80 → 9.80 万元, paid by +2.00 万元 of 一般公共预算拨款收入 (654.24 → 656.24). */
const lawyerRaise: RequestAdjustment = {
  type: 'RequestAdjustment',
  actor: clerk501,
  adjustmentId: 'adj-2024-01',
  reason: '新增涉法涉诉案件陪访需求',
  changeSet: {
    income: [{ source: '一般公共预算拨款收入', amount: wan('656.24') }],
    projects: { changed: [{ code: LAWYER, changes: { amount: wan('9.80'), fiscalFunds: wan('9.80') } }] },
  },
};

describe('RequestAdjustment', () => {
  const approved = approvedBudget().state;
  const published = run([{ type: 'PublishVersion', actor: financeOfficer, version: 1 }], approved).state;

  it('records the change set as the draft edits it makes, on an approved or published budget', () => {
    const { events, state } = given(published).when(lawyerRaise).thenEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'AdjustmentRequested',
      data: { adjustmentId: 'adj-2024-01', reason: '新增涉法涉诉案件陪访需求', basedOnVersion: 1, by: clerk501.userId, at: AT },
    });
    const changes = (events[0].data as { changes: { type: string }[] }).changes;
    expect(changes.map((c) => c.type)).toEqual(['IncomeDeclared', 'ProjectAdjusted']);
    expect(state.pendingAdjustment!.adjustmentId).toBe('adj-2024-01');
    // Nothing changes until finance approves; the published version stays as it was.
    expect(state.content).toBe(published.content);
    expect(state.status).toBe('published');
    given(approved).when(lawyerRaise).thenEvents();
  });

  it('refuses a change set that unbalances the approved version', () => {
    given(approved).when({ ...lawyerRaise, changeSet: { projects: lawyerRaise.changeSet.projects } }).thenThrows('BUDGET_UNBALANCED', 'changeSet');
  });

  it('applies the draft rules to each change, naming the entry', () => {
    given(approved)
      .when({ ...lawyerRaise, changeSet: { projects: { changed: [{ code: LAWYER, changes: { amount: wan('9.80'), fiscalFunds: wan('7.80') } }] } } })
      .thenThrows('PROJECT_FUNDS_MISMATCH', 'changeSet.projects.changed[0].changes.fiscalFunds');
    given(approved)
      .when({ ...lawyerRaise, changeSet: { projects: { changed: [{ code: 'NOPE', changes: {} }] } } })
      .thenThrows('PROJECT_NOT_FOUND', 'changeSet.projects.changed[0].code');
    given(approved)
      .when({ ...lawyerRaise, changeSet: { basicLines: { added: [{ lineId: 'b-x', functionalCode: '2014001', economicCode: '39999', fundSource: '一般公共预算拨款', amount: wan('1') }] } } })
      .thenThrows('CODE_NOT_IN_CATALOG', 'changeSet.basicLines.added[0].economicCode');
  });

  it('balances with lines and projects added and removed', () => {
    const basic = approved.content!.basicExpenditureLines.find((l) => l.economicCode === '30239')!; // 其他交通费用 6.60
    given(approved)
      .when({
        ...lawyerRaise,
        changeSet: {
          basicLines: {
            removed: [basic.lineId],
            added: [{ lineId: 'basic-adj-1', functionalCode: '2014001', economicCode: '30211', fundSource: '一般公共预算拨款', amount: wan('1.60') }],
          },
          projects: { added: [sampleProject({ amount: wan('5'), fiscalFunds: wan('5') })] },
        },
      })
      .thenEvents();
  });

  it('revises basic lines and keeps within the control numbers', () => {
    const line = approved.content!.basicExpenditureLines.find((l) => l.economicCode === '30101')!; // 基本工资 77.90
    const raise: RequestAdjustment = {
      ...lawyerRaise,
      changeSet: {
        income: [{ source: '一般公共预算拨款收入', amount: wan('656.24') }],
        basicLines: { changed: [{ lineId: line.lineId, amount: wan('79.90') }] },
      },
    };
    given(approved).when(raise).thenEvents();
    const capped = run([{ type: 'SetControlNumbers', actor: financeOfficer, departmentCode: '501', fiscalYear: 2024, basic: wan('199.84') }], approved).state;
    given(capped).when(raise).thenThrows('CONTROL_NUMBER_EXCEEDED', 'controlNumbers.basic');
    given(approved)
      .when({ ...raise, changeSet: { basicLines: { changed: [{ lineId: 'nope', amount: wan('1') }] } } })
      .thenThrows('LINE_NOT_FOUND', 'changeSet.basicLines.changed[0].lineId');
  });

  it('refuses an empty change set, a missing reason, a second pending request', () => {
    given(approved).when({ ...lawyerRaise, changeSet: {} }).thenThrows('ADJUSTMENT_EMPTY', 'changeSet');
    given(approved)
      .when({ ...lawyerRaise, changeSet: { income: [{ source: '一般公共预算拨款收入', amount: wan('654.24') }] } })
      .thenThrows('ADJUSTMENT_EMPTY');
    given(approved).when({ ...lawyerRaise, reason: '' }).thenThrows('REASON_REQUIRED', 'reason');
    const pending = run([lawyerRaise], approved).state;
    given(pending).when(lawyerRaise).thenNothing();
    given(pending).when({ ...lawyerRaise, adjustmentId: 'adj-2024-02' }).thenThrows('ADJUSTMENT_ALREADY_PENDING');
  });

  it('only after approval, only by the department itself', () => {
    given(importedDraft().state).when(lawyerRaise).thenThrows('BUDGET_NOT_APPROVED');
    const submitted = run([{ type: 'SubmitDraft', actor: clerk501 }], importedDraft().state).state;
    given(submitted).when(lawyerRaise).thenThrows('BUDGET_NOT_APPROVED');
    given(approved).when({ ...lawyerRaise, actor: clerk502 }).thenThrows('OTHER_DEPARTMENT');
    given(approved).when({ ...lawyerRaise, actor: financeOfficer }).thenThrows('FORBIDDEN_ROLE');
    given(approved).when({ ...lawyerRaise, actor: supervisor }).thenThrows('FORBIDDEN_ROLE');
    given([]).when(lawyerRaise).thenThrows('BUDGET_NOT_FOUND');
  });
});

describe('ApproveAdjustment / RejectAdjustment', () => {
  const approved = run([{ type: 'PublishVersion', actor: financeOfficer, version: 1 }], approvedBudget().state).state;
  const pending = run([lawyerRaise], approved).state;

  it('approval makes version 2 with the change applied; version 1 stays published and unchanged', () => {
    const state = given(pending)
      .when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'adj-2024-01' })
      .then([{ type: 'AdjustmentApproved', data: { adjustmentId: 'adj-2024-01', version: 2, by: financeOfficer.userId, at: AT } }]);
    expect(state.status).toBe('approved');
    expect(state.pendingAdjustment).toBeUndefined();
    expect(state.versions).toHaveLength(2);
    expect(state.versions[1]).toMatchObject({ version: 2, adjustmentId: 'adj-2024-01', reason: '新增涉法涉诉案件陪访需求', published: false });
    const lawyer = (v: number) => state.versions[v - 1].content.projects.find((p) => p.code === LAWYER)!;
    expect(lawyer(1).amount.eq(wan('7.80'))).toBe(true);
    expect(lawyer(2).amount.eq(wan('9.80'))).toBe(true);
    expect(state.versions[0]).toBe(approved.versions[0]);
    expect(state.content).toBe(state.versions[1].content);

    // The diff of version 1 → 2 is exactly the two changed lines.
    const diff = diffContent(state.versions[0].content, state.versions[1].content);
    expect(diff.map((d) => [d.section, d.key, d.kind, d.before!.toFixed(2), d.after!.toFixed(2), d.delta.toFixed(2)])).toEqual([
      ['income', '一般公共预算拨款收入', 'changed', '6542400.00', '6562400.00', '20000.00'],
      ['project', LAWYER, 'changed', '78000.00', '98000.00', '20000.00'],
    ]);
    expect(diff[1].changedFields).toEqual(['amount', 'fiscalFunds']);
    // Its cost indicator (7.8万元) now disagrees: a 勾稽 warning, not a refusal.
    expect(costIndicatorMismatches(state.content!).filter((m) => m.project.code === LAWYER)).toHaveLength(1);

    // Version 2 can be published; a superseded version cannot; approving again changes nothing.
    given(state).when({ type: 'PublishVersion', actor: financeOfficer, version: 2 }).thenEvents();
    given(state).when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'adj-2024-01' }).thenNothing();
    given(state).when(lawyerRaise).thenNothing();
  });

  it('a superseded version cannot be published', () => {
    const unpublished = run(
      [lawyerRaise, { type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'adj-2024-01' }],
      approvedBudget().state,
    ).state;
    given(unpublished).when({ type: 'PublishVersion', actor: financeOfficer, version: 1 }).thenThrows('VERSION_SUPERSEDED', 'version');
  });

  it('rejection keeps the approved version and frees the way for another request', () => {
    const state = given(pending)
      .when({ type: 'RejectAdjustment', actor: financeOfficer, adjustmentId: 'adj-2024-01', reason: '年中不再追加。' })
      .then([{ type: 'AdjustmentRejected', data: { adjustmentId: 'adj-2024-01', reason: '年中不再追加。', by: financeOfficer.userId, at: AT } }]);
    expect(state.pendingAdjustment).toBeUndefined();
    expect(state.versions).toHaveLength(1);
    expect(state.status).toBe('published');
    given(state).when({ ...lawyerRaise, adjustmentId: 'adj-2024-02' }).thenEvents();
  });

  it('needs a pending adjustment with that id, finance, and a reason to reject', () => {
    given(approved).when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'adj-2024-01' }).thenThrows('NO_PENDING_ADJUSTMENT');
    given(approved).when({ type: 'RejectAdjustment', actor: financeOfficer, adjustmentId: 'adj-2024-01', reason: '否' }).thenThrows('NO_PENDING_ADJUSTMENT');
    given(pending).when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'adj-x' }).thenThrows('ADJUSTMENT_NOT_FOUND', 'adjustmentId');
    given(pending).when({ type: 'ApproveAdjustment', actor: clerk501, adjustmentId: 'adj-2024-01' }).thenThrows('FORBIDDEN_ROLE');
    given(pending).when({ type: 'RejectAdjustment', actor: supervisor, adjustmentId: 'adj-2024-01', reason: '否' }).thenThrows('FORBIDDEN_ROLE');
    given(pending).when({ type: 'RejectAdjustment', actor: financeOfficer, adjustmentId: 'adj-2024-01', reason: '' }).thenThrows('REASON_REQUIRED');
  });
});

describe('RequestAdjustment with carry-over-funded spending', () => {
  const approved = approvedBudget().state;

  it('carries fromCarryOver in its edits, and is refused when no carry-over pays for it', () => {
    const fromCarryOver: RequestAdjustment = {
      ...lawyerRaise,
      changeSet: { projects: { added: [sampleProject({ fromCarryOver: true })] } },
    };
    // The approved budget carries nothing over from last year: 10.00 万元 cannot be paid from it (and, with income
    // unchanged, the budget would not balance either — the balance is checked first).
    given(approved).when(fromCarryOver).thenThrows('BUDGET_UNBALANCED', 'changeSet');
    const withIncome: RequestAdjustment = {
      ...fromCarryOver,
      changeSet: { ...fromCarryOver.changeSet, income: [{ source: '一般公共预算拨款收入', amount: wan('664.24') }] },
    };
    const error = given(approved).when(withIncome).thenThrows('CARRY_OVER_MISMATCH', 'changeSet');
    expect(error.message).toContain('超过上年结转结余 0.00 万元');
  });
});

import { given } from '../testing/given-when-then';
import { AT, approvedBudget, clerk501, financeOfficer, run, testContext, wan } from '../testing/world';
import type { RequestAdjustment } from '../commands/workflow-commands';
import { Decimal } from '../money/money';
import { versionInForceOn } from '../state';
import type { PaidToDate } from './paid-to-date';

const LAWYER = '13043324P000076100011'; // 律师陪访经费, 7.80 万元
const CENTRE = '13043324P00007510001B'; // 群众工作中心运维经费, 4.00 万元
const STABILITY = '13043324P00007710001N'; // 信访维稳工作经费, 40.00 万元

/** 追加: 律师陪访经费 7.80 → 9.80 万元 with 2.00 万元 more income. */
const addition: RequestAdjustment = {
  type: 'RequestAdjustment',
  actor: clerk501,
  adjustmentId: 'chg-add',
  kind: 'addition',
  documentNumber: '馆财预〔2024〕15号',
  effectiveDate: '2024-05-15',
  reason: '新增陪访需求',
  changeSet: {
    income: [{ source: '一般公共预算拨款收入', amount: wan('656.24') }],
    projects: { changed: [{ code: LAWYER, changes: { amount: wan('9.80'), fiscalFunds: wan('9.80') } }] },
  },
};

/** 调剂: 1.00 万元 from 群众工作中心运维经费 to 信访维稳工作经费, effective 1 August. */
const transfer: RequestAdjustment = {
  type: 'RequestAdjustment',
  actor: clerk501,
  adjustmentId: 'chg-transfer',
  kind: 'transfer',
  effectiveDate: '2024-08-01',
  reason: '维稳任务增加',
  changeSet: {
    projects: {
      changed: [
        { code: CENTRE, changes: { amount: wan('3.00'), fiscalFunds: wan('3.00') } },
        { code: STABILITY, changes: { amount: wan('41.00'), fiscalFunds: wan('41.00') } },
      ],
    },
  },
};

const paid = (projects: Record<string, string>): PaidToDate => ({ basicLines: new Map(), projects: new Map(Object.entries(projects).map(([code, amount]) => [code, new Decimal(amount)])) });

describe('追加 (addition)', () => {
  const approved = approvedBudget().state;

  it('records its kind, 文号 and effective date; approved, the version is in force from that date and says why', () => {
    const { events, state } = given(approved).when(addition).thenEvents();
    expect(events[0]).toMatchObject({ type: 'AdjustmentRequested', data: { kind: 'addition', documentNumber: '馆财预〔2024〕15号', effectiveDate: '2024-05-15' } });
    // Approved on 15 January 2024 (the world's clock): effective later, so not back-dated.
    const after = run([{ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'chg-add' }], state).state;
    const v2 = after.versions[1];
    expect(v2).toMatchObject({ version: 2, effectiveFrom: '2024-05-15', change: { adjustmentId: 'chg-add', kind: 'addition', documentNumber: '馆财预〔2024〕15号', reason: '新增陪访需求', backDated: false } });
    expect(after.versions[0].effectiveFrom).toBe('2024-01-01');
    expect(versionInForceOn(after.versions, '2024-05-14')?.version).toBe(1);
    expect(versionInForceOn(after.versions, '2024-05-15')?.version).toBe(2);
  });

  it('must grow the total', () => {
    given(approved)
      .when({ ...addition, changeSet: { projects: { changed: [{ code: LAWYER, changes: { amount: wan('7.80'), fiscalFunds: wan('7.80'), purpose: '新的用途说明。' } }] } } })
      .thenThrows('ADDITION_NOT_INCREASING', 'changeSet');
  });

  it('must not shrink anything (that is a 调剂 or 调整)', () => {
    given(approved)
      .when({
        ...addition,
        changeSet: {
          income: [{ source: '一般公共预算拨款收入', amount: wan('655.24') }],
          projects: { changed: [{ code: LAWYER, changes: { amount: wan('9.80'), fiscalFunds: wan('9.80') } }, { code: CENTRE, changes: { amount: wan('3.00'), fiscalFunds: wan('3.00') } }] },
        },
      })
      .thenThrows('ADDITION_DECREASES', 'changeSet');
  });

  it('must still balance: new money needs its income', () => {
    given(approved).when({ ...addition, changeSet: { projects: addition.changeSet.projects } }).thenThrows('BUDGET_UNBALANCED', 'changeSet');
  });
});

describe('调剂 (transfer)', () => {
  const approved = approvedBudget().state;

  it('moves money within the approved total', () => {
    const { events } = given(approved, { ...testContext, paid: paid({ [CENTRE]: '5000.00' }) }).when(transfer).thenEvents();
    expect(events[0]).toMatchObject({ type: 'AdjustmentRequested', data: { kind: 'transfer', effectiveDate: '2024-08-01' } });
  });

  it('is refused when the source has already been spent below its new amount', () => {
    given(approved, { ...testContext, paid: paid({ [CENTRE]: '35000.00' }) }).when(transfer).thenThrows('TRANSFER_SOURCE_SPENT', 'changeSet');
  });

  it('is checked again at approval: money paid since the request counts', () => {
    const requested = given(approved, { ...testContext, paid: paid({}) }).when(transfer).thenEvents().state;
    given(requested, { ...testContext, paid: paid({ [CENTRE]: '30000.01' }) })
      .when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'chg-transfer' })
      .thenThrows('TRANSFER_SOURCE_SPENT', 'changeSet');
    given(requested, { ...testContext, paid: paid({ [CENTRE]: '30000.00' }) }).when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'chg-transfer' }).thenEvents();
  });

  it('changes neither income nor the total', () => {
    given(approved)
      .when({ ...transfer, changeSet: { ...addition.changeSet } })
      .thenThrows('TRANSFER_CHANGES_INCOME', 'changeSet.income');
    given(approved)
      .when({ ...transfer, changeSet: { projects: { changed: [{ code: CENTRE, changes: { amount: wan('3.00'), fiscalFunds: wan('3.00') } }] } }, kind: 'transfer' })
      .thenThrows('BUDGET_UNBALANCED', 'changeSet');
  });
});

describe('effective dates and back-dating', () => {
  const approved = approvedBudget().state;

  it('refuses an effective date that is no date or outside the fiscal year', () => {
    given(approved).when({ ...addition, effectiveDate: '2024-02-30' }).thenThrows('EFFECTIVE_DATE_INVALID', 'effectiveDate');
    given(approved).when({ ...addition, effectiveDate: '2025-01-01' }).thenThrows('EFFECTIVE_DATE_OUTSIDE_YEAR', 'effectiveDate');
  });

  it('a request without an effective date takes effect on the day of approval (the 调整 of before)', () => {
    const requested = given(approved).when({ ...addition, kind: undefined, effectiveDate: undefined }).thenEvents();
    expect(requested.events[0].data).not.toHaveProperty('kind');
    const after = run([{ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'chg-add' }], requested.state).state;
    expect(after.versions[1]).toMatchObject({ effectiveFrom: AT.slice(0, 10), change: { kind: 'adjustment', backDated: false } });
  });

  it('finance back-dating at approval needs a reason and is shown as back-dated', () => {
    const requested = given(approved).when({ ...addition, effectiveDate: undefined }).thenEvents().state;
    const later = { ...testContext, now: new Date('2024-09-01T02:00:00Z') };
    given(requested, later).when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'chg-add', effectiveDate: '2024-08-01' }).thenThrows('REASON_REQUIRED', 'reason');
    const { state } = given(requested, later)
      .when({ type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'chg-add', effectiveDate: '2024-08-01', documentNumber: '馆财预〔2024〕31号', reason: '按8月会议纪要执行' })
      .thenEvents();
    expect(state.versions[1]).toMatchObject({ effectiveFrom: '2024-08-01', change: { backDated: true, documentNumber: '馆财预〔2024〕31号', approvalReason: '按8月会议纪要执行' } });
  });
});

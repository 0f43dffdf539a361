import { given } from '../testing/given-when-then';
import { approvedBudget, clerk501, financeOfficer, importedDraft, testContext, yuan } from '../testing/world';
import type { CloseYear } from '../commands/workflow-commands';
import type { BudgetYearClosed } from '../events/year-end-events';
import { Decimal } from '../money/money';
import type { PaidToDate } from './paid-to-date';

const CENTRE = '13043324P00007510001B'; // 群众工作中心运维经费, 40,000 元
const IT = '13043324P000079100012'; // 信访信息互联系统运维经费, 26,000 元

const approved = approvedBudget().state;
const content = approved.content!;
/** Everything paid in full, except the centre (5,000 of 40,000), the IT project (nothing) and the first basic line (half). */
const paid: PaidToDate = {
  basicLines: new Map(content.basicExpenditureLines.map((line, i) => [line.lineId, i === 0 ? line.amount.dividedBy(2) : line.amount])),
  projects: new Map(content.projects.filter((p) => p.code !== IT).map((p) => [p.code, p.code === CENTRE ? new Decimal(5000) : p.amount])),
};
const yearEnd = { ...testContext, now: new Date('2024-12-31T02:00:00Z'), paid };
const close = (carryOver: CloseYear['carryOver'] = [{ projectCode: CENTRE, amount: yuan('20000'), reason: '合同跨年履行' }]): CloseYear => ({ type: 'CloseYear', actor: financeOfficer, carryOver });

describe('CloseYear (年终结账)', () => {
  it('fixes budget, paid and unspent of every line and project; carries the listed project over and returns the rest', () => {
    const { events, state } = given(approved, yearEnd).when(close()).thenEvents();
    expect(events).toHaveLength(1);
    const data = (events[0] as BudgetYearClosed).data;
    expect(events[0].type).toBe('BudgetYearClosed');
    expect(data.carryOver).toEqual([{ projectCode: CENTRE, amount: '20000.00', reason: '合同跨年履行' }]);
    const firstLine = content.basicExpenditureLines[0];
    expect(data.returned).toEqual([
      { kind: 'basicLine', id: firstLine.lineId, amount: firstLine.amount.dividedBy(2).toFixed(2) },
      { kind: 'project', id: CENTRE, projectCode: CENTRE, amount: '15000.00' },
      { kind: 'project', id: IT, projectCode: IT, amount: '26000.00' },
    ]);
    expect(data.figures.projects.find((p) => p.projectCode === CENTRE)).toEqual({ projectCode: CENTRE, name: '群众工作中心运维经费', budget: '40000.00', paid: '5000.00', unspent: '35000.00', carriedOver: '20000.00', returned: '15000.00' });
    expect(data.figures.totals).toMatchObject({ budget: '6542400.00', carriedOver: '20000.00' });
    expect(new Decimal(data.figures.totals.paid).plus(data.figures.totals.unspent).toFixed(2)).toBe('6542400.00');
    expect(new Decimal(data.figures.totals.carriedOver).plus(data.figures.totals.returned).toFixed(2)).toBe(data.figures.totals.unspent);
    expect(data).toMatchObject({ department: '501', fiscalYear: 2024, version: 1, closedBy: financeOfficer.userId, closedAt: '2024-12-31T02:00:00.000Z' });
    expect(state.closed).toBe(data);
  });

  it('with no carry-over returns every unspent amount', () => {
    const { events } = given(approved, yearEnd).when(close([])).thenEvents();
    expect((events[0] as BudgetYearClosed).data.figures.totals.carriedOver).toBe('0.00');
    expect((events[0] as BudgetYearClosed).data.returned.find((r) => r.id === CENTRE)?.amount).toBe('35000.00');
  });

  it('is refused before 31 December (Beijing time)', () => {
    given(approved, { ...yearEnd, now: new Date('2024-12-30T15:59:59Z') }).when(close()).thenThrows('YEAR_NOT_ENDED');
    given(approved, { ...yearEnd, now: new Date('2024-12-30T16:00:00Z') }).when(close()).thenEvents();
  });

  it('refuses a carry-over above the project\'s unspent, of an unknown project, twice for one project, or not positive', () => {
    given(approved, yearEnd).when(close([{ projectCode: CENTRE, amount: yuan('35000.01') }])).thenThrows('CARRY_OVER_EXCEEDS_UNSPENT', 'carryOver[0].amount');
    given(approved, yearEnd).when(close([{ projectCode: 'P-NOPE', amount: yuan('1') }])).thenThrows('PROJECT_NOT_FOUND', 'carryOver[0].projectCode');
    given(approved, yearEnd)
      .when(close([{ projectCode: CENTRE, amount: yuan('1') }, { projectCode: CENTRE, amount: yuan('1') }]))
      .thenThrows('CARRY_OVER_DUPLICATE', 'carryOver[1].projectCode');
    given(approved, yearEnd).when(close([{ projectCode: CENTRE, amount: yuan('0') }])).thenThrows('AMOUNT_NOT_POSITIVE', 'carryOver[0].amount');
  });

  it('is finance\'s alone, on an approved budget, once, with no change pending', () => {
    given(approved, yearEnd).when({ ...close(), actor: clerk501 }).thenThrows('FORBIDDEN_ROLE');
    given(importedDraft().state, yearEnd).when(close([])).thenThrows('BUDGET_NOT_APPROVED');
    const closed = given(approved, yearEnd).when(close()).thenEvents().state;
    given(closed, yearEnd).when(close()).thenThrows('YEAR_CLOSED');
    const pending = given(approved, yearEnd)
      .when({
        type: 'RequestAdjustment',
        actor: clerk501,
        adjustmentId: 'late',
        reason: '年末调整',
        changeSet: { projects: { changed: [{ code: CENTRE, changes: { purpose: '年末调整用途说明。' } }] } },
      })
      .thenEvents().state;
    given(pending, yearEnd).when(close()).thenThrows('ADJUSTMENT_PENDING_AT_CLOSE', 'adjustmentId');
  });

  it('after the close no change is requested, approved or rejected', () => {
    const closed = given(approved, yearEnd).when(close()).thenEvents().state;
    given(closed, yearEnd)
      .when({ type: 'RequestAdjustment', actor: clerk501, adjustmentId: 'after', reason: '结账后', changeSet: { projects: { changed: [{ code: CENTRE, changes: { purpose: '说明。' } }] } } })
      .thenThrows('YEAR_CLOSED');
  });
});

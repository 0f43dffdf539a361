import { Decimal } from '../money/money';
import { given } from '../testing/given-when-then';
import { AT, clerk501, department501, financeOfficer, importedDraft, supervisor, wan } from '../testing/world';

const set = { type: 'SetControlNumbers' as const, actor: financeOfficer, departmentCode: '501', fiscalYear: 2024 };

describe('SetControlNumbers', () => {
  it('may come before the draft is opened (一下), and then binds the stream to the department-year', () => {
    const state = given([])
      .when({ ...set, total: wan('700'), project: wan('500') })
      .then([
        { type: 'ControlNumbersSet', data: { departmentCode: '501', fiscalYear: 2024, total: '7000000.00', project: '5000000.00', by: financeOfficer.userId, at: AT } },
      ]);
    expect(state.status).toBe('none');
    expect(state.controlNumbers!.total!.eq(wan('700'))).toBe(true);
    expect(state.controlNumbers!.basic).toBeUndefined();
    given(state).when({ type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 2024 }).thenEvents();
    given(state).when({ type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 2025 }).thenThrows('BUDGET_IDENTITY_MISMATCH');
    given(state).when({ ...set, total: wan('700'), project: wan('500') }).thenNothing();
  });

  it('is finance’s; caps are positive amounts; the department-year must match the stream', () => {
    given([]).when({ ...set, actor: clerk501, total: wan('1') }).thenThrows('FORBIDDEN_ROLE');
    given([]).when({ ...set, actor: supervisor, total: wan('1') }).thenThrows('FORBIDDEN_ROLE');
    given([]).when({ ...set, total: wan('0') }).thenThrows('AMOUNT_NOT_POSITIVE', 'total');
    given([]).when({ ...set, basic: new Decimal('0.001') }).thenThrows('AMOUNT_TOO_PRECISE', 'basic');
    given(importedDraft().state).when({ ...set, departmentCode: '502', total: wan('1') }).thenThrows('BUDGET_IDENTITY_MISMATCH');
  });
});

import { given } from '../testing/given-when-then';
import { admin, AT, clerk501, clerk502, department501, financeOfficer, supervisor } from '../testing/world';
import type { BudgetEvent } from '../events/budget-events';

const opened: BudgetEvent = { type: 'DraftOpened', data: { department: department501, fiscalYear: 2024, by: clerk501.userId, at: AT } };

describe('OpenDraft', () => {
  it('opens the department-year draft', () => {
    const state = given([]).when({ type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 2024 }).then([opened]);
    expect(state.status).toBe('drafting');
    expect(state.departmentCode).toBe('501');
    expect(state.content!.income).toEqual([]);
  });

  it('changes nothing when the same draft is already open', () => {
    given([opened]).when({ type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 2024 }).thenNothing();
  });

  it('refuses a different profile once opened', () => {
    given([opened])
      .when({ type: 'OpenDraft', actor: clerk501, department: { ...department501, name: '别的局' }, fiscalYear: 2024 })
      .thenThrows('BUDGET_ALREADY_OPENED');
  });

  it('refuses another year on a stream whose identity is known', () => {
    given([opened])
      .when({ type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 2025 })
      .thenThrows('BUDGET_IDENTITY_MISMATCH');
  });

  it('checks the profile and year', () => {
    given([]).when({ type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 1990 }).thenThrows('FISCAL_YEAR_INVALID', 'fiscalYear');
    given([])
      .when({ type: 'OpenDraft', actor: clerk501, department: { ...department501, name: ' ' }, fiscalYear: 2024 })
      .thenThrows('FIELD_REQUIRED', 'department.name');
    given([])
      .when({ type: 'OpenDraft', actor: clerk501, department: { ...department501, unitKind: '企业' as never }, fiscalYear: 2024 })
      .thenThrows('UNIT_KIND_UNKNOWN', 'department.unitKind');
  });

  it('is for the department itself (or an admin migrating)', () => {
    given([]).when({ type: 'OpenDraft', actor: clerk502, department: department501, fiscalYear: 2024 }).thenThrows('OTHER_DEPARTMENT');
    given([]).when({ type: 'OpenDraft', actor: financeOfficer, department: department501, fiscalYear: 2024 }).thenThrows('FORBIDDEN_ROLE');
    given([]).when({ type: 'OpenDraft', actor: supervisor, department: department501, fiscalYear: 2024 }).thenThrows('FORBIDDEN_ROLE');
    given([])
      .when({ type: 'OpenDraft', actor: admin, department: department501, fiscalYear: 2024 })
      .then([{ ...opened, data: { ...opened.data, by: admin.userId } } as BudgetEvent]);
  });
});

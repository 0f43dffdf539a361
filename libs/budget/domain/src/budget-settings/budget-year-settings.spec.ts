import { DEFAULT_BUDGET_YEAR_SETTINGS } from '../context';
import { clerk501, financeOfficer } from '../testing/world';
import { budgetYearSettingsOf, decideBudgetYearSettings } from './budget-year-settings';

describe('budget year settings: library review steps (项目库审核环节)', () => {
  const change = (libraryReviewSteps: string[]) => ({ type: 'ChangeBudgetYearSettings' as const, actor: financeOfficer, libraryReviewSteps });

  it('none by default; finance names them in order, the other settings stay', () => {
    expect(DEFAULT_BUDGET_YEAR_SETTINGS.libraryReviewSteps).toEqual([]);
    const events = decideBudgetYearSettings(change([' 评审中心 ', '预算股']), { ...DEFAULT_BUDGET_YEAR_SETTINGS, rounds: 'four' });
    expect(events).toEqual([{ type: 'BudgetYearSettingsChanged', data: { projectsFromLibrary: false, rounds: 'four', reviewSteps: [], libraryReviewSteps: ['评审中心', '预算股'] } }]);
    expect(budgetYearSettingsOf(events).libraryReviewSteps).toEqual(['评审中心', '预算股']);
    expect(decideBudgetYearSettings(change(['评审中心', '预算股']), budgetYearSettingsOf(events))).toEqual([]);
  });

  it('settings written before the field existed read as none', () => {
    expect(budgetYearSettingsOf([{ type: 'BudgetYearSettingsChanged', data: { projectsFromLibrary: true, rounds: 'single', reviewSteps: [] } }]).libraryReviewSteps).toEqual([]);
  });

  it('refuses an empty or repeated step name and anyone but finance', () => {
    expect(() => decideBudgetYearSettings(change(['评审中心', ' ']), DEFAULT_BUDGET_YEAR_SETTINGS)).toThrow(expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'libraryReviewSteps[1]' }));
    expect(() => decideBudgetYearSettings(change(['评审中心', '评审中心']), DEFAULT_BUDGET_YEAR_SETTINGS)).toThrow(expect.objectContaining({ code: 'REVIEW_STEP_UNKNOWN', field: 'libraryReviewSteps[1]' }));
    expect(() => decideBudgetYearSettings({ ...change(['评审中心']), actor: clerk501 }, DEFAULT_BUDGET_YEAR_SETTINGS)).toThrow(expect.objectContaining({ code: 'FORBIDDEN_ROLE' }));
  });
});

import type { BudgetCommand } from '../commands/budget-commands';
import type { BudgetContent } from '../content/budget-content';
import { catalogOf, type ClassificationCatalog } from '../context';
import { decideAll } from '../decide-all';
import type { BudgetEvent } from '../events/budget-events';
import { Decimal, sum } from '../money/money';
import { carryOverDisagreement } from '../rules/carry-over';
import { given } from '../testing/given-when-then';
import { approvedBudget, clerk501, clerk502, department501, financeOfficer, guantaoContent, importedDraft, NOW, run, sampleProject, testCatalog, wan } from '../testing/world';
import { contentToWire } from '../wire/content-wire';
import type { OpenDraftFromPriorYear } from './open-from-prior-year';
import { YEAR_CLOSED_EVENT_TYPE } from './year-closing';

/** 2025's catalog: 2024's, with 30239 其他交通费用 retired. */
const catalog2025: ClassificationCatalog = { ...testCatalog, isRetired: (scheme, code) => scheme === 'economic' && code === '30239' };
const ctx2025 = { now: NOW, catalog: catalog2025 };

type PriorYear = OpenDraftFromPriorYear['prior'];
const priorOf = (result: { events: BudgetEvent[]; state: PriorYear['budget'] }, extra: { type: string; data: unknown }[] = []): PriorYear => ({
  budget: result.state,
  events: [...result.events, ...extra],
});

const fixture2024 = (): PriorYear => {
  const imported = importedDraft();
  const approved = approvedBudget();
  return priorOf({ events: [...imported.events, ...approved.events], state: approved.state });
};

const openFrom = (prior: PriorYear, overrides: Partial<OpenDraftFromPriorYear> = {}): BudgetCommand => ({
  type: 'OpenDraftFromPriorYear',
  actor: clerk501,
  departmentCode: '501',
  fiscalYear: 2025,
  fromYear: 2024,
  prior,
  ...overrides,
});

const contentAfter = (command: BudgetCommand): { content: BudgetContent; state: ReturnType<typeof decideAll>['state'] } => {
  const { state } = given([], ctx2025).when(command).thenEvents();
  return { content: state.content!, state };
};

/** A small approved 2024: one basic line, a multi-year project 2024–2026 with lines, a one-year project. */
const multiYear2024 = (): PriorYear => {
  const multi = sampleProject({
    code: 'P-MULTI',
    amount: wan('30'),
    fiscalFunds: wan('30'),
    lines: [
      { functionalCode: '2014004', economicCode: '30201', fundSource: '一般公共预算拨款', amount: wan('20') },
      { functionalCode: '2014004', economicCode: '30205', fundSource: '一般公共预算拨款', amount: wan('10') },
    ],
    startYear: 2024,
    endYear: 2026,
    yearlyAmounts: [
      { fiscalYear: 2024, amount: wan('30') },
      { fiscalYear: 2025, amount: wan('15') },
      { fiscalYear: 2026, amount: wan('5') },
    ],
  });
  const single = sampleProject({ code: 'P-ONCE' });
  const result = run([
    { type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 2024 },
    { type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: wan('140') },
    { type: 'ProposeBasicLine', actor: clerk501, lineId: 'L-1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: wan('100') },
    { type: 'ProposeProject', actor: clerk501, project: multi },
    { type: 'ProposeProject', actor: clerk501, project: single },
    { type: 'SubmitDraft', actor: clerk501 },
    { type: 'ApproveDraft', actor: financeOfficer },
  ]);
  return priorOf(result);
};

const closed = (carryOver: unknown[]) => ({ type: YEAR_CLOSED_EVENT_TYPE, data: { carryOver, returned: [], closedBy: 'u-finance', closedAt: '2024-12-31T00:00:00.000Z' } });

describe('OpenDraftFromPriorYear (next year from this year)', () => {
  it('carries the basic lines as proposals (ids, codes, unit), leaves one-year projects out and computes 上年 figures from the approved year', () => {
    const { content, state } = contentAfter(openFrom(fixture2024()));
    expect(state.status).toBe('drafting');
    expect(content.fiscalYear).toBe(2025);
    expect(content.department).toEqual(department501);
    const wire = contentToWire(content);
    const before = contentToWire(guantaoContent);
    expect(wire.basicExpenditureLines.map(({ lineId: _id, ...line }) => line)).toEqual(before.basicExpenditureLines.map(({ lineId: _id, ...line }) => line));
    // The fixture's projects have no years: each is of 2024 only.
    expect(content.projects).toEqual([]);
    const basic = sum(guantaoContent.basicExpenditureLines.map((l) => l.amount));
    const project = sum(guantaoContent.projects.map((p) => p.amount));
    expect(content.priorYear).toEqual({ fiscalYear: 2024, total: basic.plus(project), basic, project, threePublicExpenses: expect.any(Decimal) });
    expect(content.priorYear!.total.toFixed(2)).toBe(wan('654.24').toFixed(2));
    expect(state.carriedFrom).toMatchObject({ fiscalYear: 2024, version: 1, carriedOver: [] });
    expect(content.income).toEqual([]);
    expect(content.carryOver.fromLastYear.isZero()).toBe(true);
  });

  it('flags a code retired in the new year for the clerk, and carries the line all the same', () => {
    const { content, state } = contentAfter(openFrom(fixture2024()));
    const retired = content.basicExpenditureLines.filter((line) => line.economicCode === '30239');
    expect(retired.length).toBeGreaterThan(0);
    expect(state.carriedFrom!.warnings).toEqual(
      retired.map((line) => expect.objectContaining({ code: 'CODE_RETIRED', lineId: line.lineId, field: expect.stringMatching(/^basicExpenditureLines\[\d+\]\.economicCode$/) })),
    );
  });

  it('schedules a continuing multi-year project with its next year amount, lines in their proportions, years kept', () => {
    const { content, state } = contentAfter(openFrom(multiYear2024()));
    expect(content.projects.map((p) => p.code)).toEqual(['P-MULTI']);
    const [multi] = content.projects;
    expect(multi.amount).toEqual(wan('15'));
    expect(multi.fiscalFunds).toEqual(wan('15'));
    expect(multi.lines.map((l) => [l.economicCode, l.amount.toFixed(2)])).toEqual([
      ['30201', wan('10').toFixed(2)],
      ['30205', wan('5').toFixed(2)],
    ]);
    expect([multi.startYear, multi.endYear]).toEqual([2024, 2026]);
    expect(multi.indicators.length).toBeGreaterThan(0);
    expect(content.priorYear).toMatchObject({ fiscalYear: 2024, total: wan('140'), basic: wan('100'), project: wan('40') });
    expect(state.carriedFrom!.warnings).toEqual([]);
  });

  it('a continuing project without a yearly amount for next year keeps last year’s amount, with a warning', () => {
    const prior = multiYear2024();
    const [multi] = prior.budget.versions[0].content.projects;
    const withoutPlan = { ...prior.budget.versions[0], content: { ...prior.budget.versions[0].content, projects: [{ ...multi, yearlyAmounts: undefined }] } };
    const { content, state } = contentAfter(openFrom({ ...prior, budget: { ...prior.budget, versions: [withoutPlan] } }));
    expect(content.projects[0].amount).toEqual(wan('30'));
    expect(state.carriedFrom!.warnings).toEqual([expect.objectContaining({ code: 'PROJECT_AMOUNT_ASSUMED', projectCode: 'P-MULTI' })]);
  });

  it('puts the year-end close’s carried money on its projects as 上年结转 and sets 上年结转结余 (a BudgetYearClosed event in year N)', () => {
    const prior = multiYear2024();
    const withClose: PriorYear = {
      ...prior,
      events: [...prior.events, closed([{ projectCode: 'P-MULTI', amount: '20000.00' }, { projectCode: 'P-ONCE', amount: '3000.00', reason: '合同跨年' }])],
    };
    const { content, state } = contentAfter(openFrom(withClose));
    const byCode = Object.fromEntries(content.projects.map((p) => [p.code, p]));
    // The continuing project: its 2025 amount plus the carried money, as a line marked 上年结转 on its largest line's codes.
    expect(byCode['P-MULTI'].amount).toEqual(wan('15').plus(20000));
    expect(byCode['P-MULTI'].fromCarryOver).toBeUndefined();
    expect(byCode['P-MULTI'].lines.filter((l) => l.fromCarryOver)).toEqual([
      { functionalCode: '2014004', economicCode: '30201', fundSource: '一般公共预算拨款', amount: new Decimal('20000.00'), fromCarryOver: true },
    ]);
    // The one-year project would be finished: it comes only with the carried money, paid from carry-over as a whole.
    expect(byCode['P-ONCE']).toMatchObject({ amount: new Decimal('3000.00'), fiscalFunds: new Decimal('3000.00'), fromCarryOver: true });
    expect(content.carryOver.fromLastYear).toEqual(new Decimal('23000.00'));
    expect(carryOverDisagreement(content)).toBeUndefined();
    expect(state.carriedFrom!.carriedOver).toEqual([
      { projectCode: 'P-MULTI', amount: '20000.00' },
      { projectCode: 'P-ONCE', amount: '3000.00' },
    ]);
  });

  it('names carried money it cannot place (an unknown project, an unreadable entry) instead of dropping it silently', () => {
    const prior = fixture2024();
    const [first] = guantaoContent.projects;
    const { content, state } = contentAfter(
      openFrom({ ...prior, events: [...prior.events, closed([{ projectCode: first.code, amount: '500.00' }, { projectCode: 'NOPE', amount: '1.00' }, { projectCode: 'X', amount: 7 }])] }),
    );
    expect(content.projects.map((p) => [p.code, p.amount.toFixed(2), p.fromCarryOver])).toEqual([[first.code, '500.00', true]]);
    expect(content.carryOver.fromLastYear).toEqual(new Decimal('500.00'));
    expect(state.carriedFrom!.warnings.filter((w) => w.code.startsWith('CARRY_OVER'))).toEqual([
      expect.objectContaining({ code: 'CARRY_OVER_PROJECT_UNKNOWN', projectCode: 'NOPE' }),
      expect.objectContaining({ code: 'CARRY_OVER_UNREADABLE', field: 'carryOver[2]' }),
    ]);
  });

  it('a continuing project without lines takes the carried money into its amount and says it cannot mark it', () => {
    const prior = multiYear2024();
    const version = prior.budget.versions[0];
    const unsplit = { ...version, content: { ...version.content, projects: version.content.projects.map((p) => ({ ...p, lines: [] })) } };
    const { content, state } = contentAfter(openFrom({ budget: { ...prior.budget, versions: [unsplit] }, events: [...prior.events, closed([{ projectCode: 'P-MULTI', amount: '100.00' }])] }));
    expect(content.projects[0].amount).toEqual(wan('15').plus(100));
    expect(state.carriedFrom!.warnings).toEqual([expect.objectContaining({ code: 'CARRY_OVER_NOT_SPLIT', projectCode: 'P-MULTI' })]);
  });

  it('refuses a year other than the year before', () => {
    given([], ctx2025).when(openFrom(fixture2024(), { fromYear: 2023 })).thenThrows('FROM_YEAR_INVALID', 'fromYear');
  });

  it('refuses when year N has no approved version', () => {
    given([], ctx2025).when(openFrom({ budget: importedDraft().state, events: importedDraft().events })).thenThrows('PRIOR_YEAR_NOT_APPROVED', 'fromYear');
  });

  it('refuses a draft already opened', () => {
    const opened: BudgetEvent = { type: 'DraftOpened', data: { department: department501, fiscalYear: 2025, by: clerk501.userId, at: NOW.toISOString() } };
    given([opened], ctx2025).when(openFrom(fixture2024())).thenThrows('BUDGET_ALREADY_OPENED');
  });

  it('is for the department itself', () => {
    given([], ctx2025).when(openFrom(fixture2024(), { actor: clerk502 })).thenThrows('OTHER_DEPARTMENT');
    given([], ctx2025).when(openFrom(fixture2024(), { actor: financeOfficer })).thenThrows('FORBIDDEN_ROLE');
  });

  it('opens in the catalog of the new year: a code absent from it is flagged too', () => {
    const empty = catalogOf({ functional: [], economic: [] });
    const { state } = given([], { now: NOW, catalog: empty }).when(openFrom(fixture2024())).thenEvents();
    expect(state.carriedFrom!.warnings.length).toBe(guantaoContent.basicExpenditureLines.length * 2);
    expect(new Set(state.carriedFrom!.warnings.map((w) => w.code))).toEqual(new Set(['CODE_NOT_IN_CATALOG']));
  });
});

import { guantaoContent, wan } from '../testing/world';
import { costIndicatorMismatches, draftWarnings, threePublicExpenses } from './draft-warnings';

describe('draftWarnings', () => {
  it('finds exactly the fixture’s two cost-indicator mismatches', () => {
    const found = costIndicatorMismatches(guantaoContent);
    expect(found.map((m) => [m.project.code, m.projectIndex, m.indicatorIndex, m.indicator.target.printed])).toEqual([
      ['13043324P00007510001B', 0, 3, '5 万元'], // 群众工作中心运维经费 4.00 vs 5 万元
      ['13043324P00007710001N', 1, 3, '72.4万元'], // 信访维稳工作经费 40.00 vs 72.4万元
    ]);
  });

  it('does not also report them as draft warnings (they are 勾稽 findings: one finding, shown once)', () => {
    expect(costIndicatorMismatches(guantaoContent)).toHaveLength(2);
    expect(draftWarnings(guantaoContent)).toEqual([]);
  });

  it('reads the comparator of a cost target and cost targets in 元', () => {
    const project = guantaoContent.projects[1]; // 40.00 万元
    const withCost = (printed: string, value: string, unit: string, comparator: '≥' | '≤' | '＝' | null) => ({
      ...guantaoContent,
      priorYear: undefined,
      projects: [{ ...project, indicators: [{ ...project.indicators[3], target: { printed, comparator, value, unit } }] }],
    });
    expect(costIndicatorMismatches(withCost('≤50万元', '50', '万元', '≤'))).toEqual([]);
    expect(costIndicatorMismatches(withCost('≥50万元', '50', '万元', '≥'))).toHaveLength(1);
    expect(costIndicatorMismatches(withCost('400000元', '400000', '元', null))).toEqual([]);
    expect(costIndicatorMismatches(withCost('＝400001元', '400001', '元', '＝'))).toHaveLength(1);
    expect(costIndicatorMismatches(withCost('100%', '100', '%', null))).toEqual([]);
  });

  it('warns about a project without indicators', () => {
    const content = { ...guantaoContent, projects: [{ ...guantaoContent.projects[2], indicators: [] }] };
    expect(draftWarnings(content)).toEqual([
      { code: 'PROJECT_WITHOUT_INDICATORS', message: expect.stringContaining('没有绩效指标'), projectCode: '13043324P000079100012', field: 'projects[0].indicators' },
    ]);
  });

  it('warns when 三公 expenses exceed last year’s (fixture: 1.80 ≤ 1.90, no warning)', () => {
    expect(threePublicExpenses(guantaoContent).eq(wan('1.80'))).toBe(true);
    const content = {
      ...guantaoContent,
      projects: [],
      basicExpenditureLines: [
        ...guantaoContent.basicExpenditureLines,
        { lineId: 'x', functionalCode: '2014001', economicCode: '30217', fundSource: '一般公共预算拨款' as const, amount: wan('0.20') },
      ],
    };
    const warnings = draftWarnings(content);
    expect(warnings.map((w) => w.code)).toEqual(['THREE_PUBLIC_ABOVE_PRIOR_YEAR']);
    expect(warnings[0].message).toContain('2.00');
  });
});

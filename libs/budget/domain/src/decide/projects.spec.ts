import { given } from '../testing/given-when-then';
import { AT, clerk501, openedDraft, sampleProject, wan, yuan } from '../testing/world';
import { projectToWire } from '../wire/content-wire';
import { buildProject } from '../rules/project';
import { testCatalog } from '../testing/world';
import type { ProjectProposal } from '../commands/draft-commands';

const stamp = { by: clerk501.userId, at: AT };
const propose = (project: ProjectProposal) => ({ type: 'ProposeProject' as const, actor: clerk501, project });

describe('ProposeProject', () => {
  const { events: draft } = openedDraft();

  it('adds the project with its plan months and parsed targets', () => {
    const { events, state } = given(draft).when(propose(sampleProject())).thenEvents();
    expect(events).toEqual([
      { type: 'ProjectProposed', data: { project: projectToWire(buildProject(sampleProject(), testCatalog, 'project')), ...stamp } },
    ]);
    const project = state.content!.projects[0];
    expect(project.spendingPlan.map((c) => c.month)).toEqual([3, 6, 10, 12]);
    expect(project.indicators[0].target).toEqual({ printed: '≥12场', comparator: '≥', value: '12', unit: '场' });
    expect(project.amount.eq(wan('10'))).toBe(true);
  });

  const history = [...draft, ...given(draft).when(propose(sampleProject())).thenEvents().events];

  it('changes nothing for an identical project; refuses another project under the same code', () => {
    given(history).when(propose(sampleProject())).thenNothing();
    given(history).when(propose(sampleProject({ name: '另一个项目' }))).thenThrows('DUPLICATE_PROJECT_CODE', 'project.code');
  });

  it('needs 财政资金 + 其他资金 = amount', () => {
    given(draft)
      .when(propose(sampleProject({ fiscalFunds: wan('8'), otherFunds: wan('1') })))
      .thenThrows('PROJECT_FUNDS_MISMATCH', 'project.fiscalFunds');
    given(draft).when(propose(sampleProject({ fiscalFunds: wan('8'), otherFunds: wan('2') }))).thenEvents();
  });

  it('needs its lines (if any) to add up to the amount, each line in the catalog', () => {
    const line = (economicCode: string, amount: string) => ({ functionalCode: '2014004', economicCode, fundSource: '一般公共预算拨款' as const, amount: wan(amount) });
    given(draft).when(propose(sampleProject({ lines: [line('30201', '6'), line('30207', '4')] }))).thenEvents();
    given(draft).when(propose(sampleProject({ lines: [line('30201', '6'), line('30207', '3')] }))).thenThrows('PROJECT_LINES_MISMATCH', 'project.lines');
    given(draft).when(propose(sampleProject({ lines: [line('3020', '10')] }))).thenThrows('CODE_FORMAT_INVALID', 'project.lines[0].economicCode');
    given(draft).when(propose(sampleProject({ lines: [line('30299', '10')] }))).thenThrows('CODE_NOT_IN_CATALOG', 'project.lines[0].economicCode');
  });

  it('checks code, functional code, fund source and amount', () => {
    given(draft).when(propose(sampleProject({ code: '' }))).thenThrows('FIELD_REQUIRED', 'project.code');
    given(draft).when(propose(sampleProject({ functionalCode: '2014' }))).thenThrows('CODE_FORMAT_INVALID', 'project.functionalCode');
    given(draft).when(propose(sampleProject({ functionalCode: '2019998' }))).thenThrows('CODE_NOT_IN_CATALOG', 'project.functionalCode');
    given(draft).when(propose(sampleProject({ fundSource: '贷款' as never }))).thenThrows('FUND_SOURCE_UNKNOWN', 'project.fundSource');
    given(draft).when(propose(sampleProject({ amount: yuan('0'), fiscalFunds: yuan('0') }))).thenThrows('AMOUNT_NOT_POSITIVE', 'project.amount');
  });

  it('checks the spending plan', () => {
    const plan = (...entries: [string, number][]) => sampleProject({ spendingPlan: entries.map(([checkpoint, cumulativePercent]) => ({ checkpoint, cumulativePercent })) });
    given(draft).when(propose(plan(['三月', 50], ['12月底', 100]))).thenThrows('SPENDING_PLAN_CHECKPOINT_INVALID', 'project.spendingPlan[0].checkpoint');
    given(draft).when(propose(plan(['13月底', 100]))).thenThrows('SPENDING_PLAN_CHECKPOINT_INVALID', 'project.spendingPlan[0].checkpoint');
    given(draft).when(propose(plan(['3月底', 120], ['12月底', 100]))).thenThrows('SPENDING_PLAN_PERCENT_OUT_OF_RANGE', 'project.spendingPlan[0].cumulativePercent');
    given(draft).when(propose(plan(['3月底', -1], ['12月底', 100]))).thenThrows('SPENDING_PLAN_PERCENT_OUT_OF_RANGE');
    given(draft).when(propose(plan(['6月底', 25], ['3月底', 50], ['12月底', 100]))).thenThrows('SPENDING_PLAN_MONTHS_NOT_INCREASING', 'project.spendingPlan[1].checkpoint');
    given(draft).when(propose(plan(['6月底', 50], ['6月底', 60], ['12月底', 100]))).thenThrows('SPENDING_PLAN_MONTHS_NOT_INCREASING');
    given(draft).when(propose(plan(['3月底', 50], ['6月底', 25], ['12月底', 100]))).thenThrows('SPENDING_PLAN_PERCENT_DECREASING', 'project.spendingPlan[1].cumulativePercent');
    given(draft).when(propose(plan(['3月底', 50], ['12月底', 90]))).thenThrows('SPENDING_PLAN_INCOMPLETE', 'project.spendingPlan[1].cumulativePercent');
    given(draft).when(propose(plan())).thenThrows('SPENDING_PLAN_INCOMPLETE', 'project.spendingPlan');
    given(draft).when(propose(plan(['3月底', 50], ['6月底', 50], ['12月底', 100]))).thenEvents();
  });

  it('checks indicator levels and targets', () => {
    const indicator = (level1: string, level2: string, target = '100%') => sampleProject({ indicators: [{ level1, level2, name: '指标', description: '', target, basis: '' }] });
    given(draft).when(propose(indicator('过程指标', '数量指标'))).thenThrows('INDICATOR_LEVEL1_UNKNOWN', 'project.indicators[0].level1');
    given(draft).when(propose(indicator('产出指标', '社会效益指标'))).thenThrows('INDICATOR_LEVEL2_UNKNOWN', 'project.indicators[0].level2');
    given(draft).when(propose(indicator('满意度指标', '数量指标'))).thenThrows('INDICATOR_LEVEL2_UNKNOWN');
    given(draft).when(propose(indicator('效益指标', '生态效益指标', '显著提升'))).thenThrows('INDICATOR_TARGET_INVALID', 'project.indicators[0].target');
    given(draft).when(propose(indicator('效益指标', '经济效益指标', '>=90%'))).thenEvents();
  });
});

describe('AdjustProject / WithdrawProject', () => {
  const { events: draft } = openedDraft();
  const history = [...draft, ...given(draft).when(propose(sampleProject())).thenEvents().events];
  const code = sampleProject().code;

  it('changes the given fields and says which', () => {
    const { events, state } = given(history)
      .when({ type: 'AdjustProject', actor: clerk501, code, changes: { amount: wan('12'), fiscalFunds: wan('12'), purpose: '扩大宣传。' } })
      .thenEvents();
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ProjectAdjusted');
    expect((events[0].data as { changedFields: string[] }).changedFields).toEqual(['amount', 'fiscalFunds', 'purpose']);
    expect(state.content!.projects[0].amount.eq(wan('12'))).toBe(true);
    expect(state.content!.projects[0].purpose).toBe('扩大宣传。');
  });

  it('re-checks the project as it would stand', () => {
    given(history)
      .when({ type: 'AdjustProject', actor: clerk501, code, changes: { amount: wan('12'), fiscalFunds: wan('11') } })
      .thenThrows('PROJECT_FUNDS_MISMATCH');
    given(history)
      .when({ type: 'AdjustProject', actor: clerk501, code, changes: { spendingPlan: [{ checkpoint: '12月底', cumulativePercent: 90 }] } })
      .thenThrows('SPENDING_PLAN_INCOMPLETE', 'changes.spendingPlan[0].cumulativePercent');
    given(history)
      .when({ type: 'AdjustProject', actor: clerk501, code, changes: { indicators: [] } })
      .thenEvents();
  });

  it('lets the fiscal funds take up a new amount when the split is not given', () => {
    const { state } = given(history).when({ type: 'AdjustProject', actor: clerk501, code, changes: { amount: wan('12') } }).thenEvents();
    const project = state.content!.projects[0];
    expect(project.amount.eq(wan('12'))).toBe(true);
    expect(project.fiscalFunds.eq(wan('12').minus(project.otherFunds))).toBe(true);
  });

  it('changes nothing when nothing differs; refuses unknown projects', () => {
    given(history).when({ type: 'AdjustProject', actor: clerk501, code, changes: { amount: wan('10.00') } }).thenNothing();
    given(history).when({ type: 'AdjustProject', actor: clerk501, code: 'X', changes: {} }).thenThrows('PROJECT_NOT_FOUND', 'code');
  });

  it('withdraws; withdrawing again changes nothing', () => {
    const state = given(history)
      .when({ type: 'WithdrawProject', actor: clerk501, code })
      .then([{ type: 'ProjectWithdrawn', data: { code, ...stamp } }]);
    expect(state.content!.projects).toEqual([]);
    given(state).when({ type: 'WithdrawProject', actor: clerk501, code }).thenNothing();
  });
});

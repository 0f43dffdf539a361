import { given } from '../testing/given-when-then';
import { AT, clerk501, guantaoContent, importedDraft, openedDraft, wan, yuan } from '../testing/world';

const stamp = { by: clerk501.userId, at: AT };

describe('descriptive sections', () => {
  const { events: draft } = openedDraft();

  it('SetDepartmentText records the text; the same text again changes nothing', () => {
    const text = guantaoContent.text!;
    const state = given(draft).when({ type: 'SetDepartmentText', actor: clerk501, text }).then([{ type: 'DepartmentTextSet', data: { text, ...stamp } }]);
    expect(state.content!.text!.duties).toHaveLength(9);
    given(state).when({ type: 'SetDepartmentText', actor: clerk501, text }).thenNothing();
    given(draft).when({ type: 'SetDepartmentText', actor: clerk501, text: {} as never }).thenThrows('FIELD_REQUIRED', 'text.duties');
  });

  it('SetPriorYear records last year’s figures and refuses a year not before this one', () => {
    const priorYear = guantaoContent.priorYear!;
    const state = given(draft)
      .when({ type: 'SetPriorYear', actor: clerk501, priorYear })
      .then([
        {
          type: 'PriorYearSet',
          data: { priorYear: { fiscalYear: 2023, total: '4441600.00', basic: '3213600.00', project: '1228000.00', threePublicExpenses: '19000.00' }, ...stamp },
        },
      ]);
    expect(state.content!.priorYear!.threePublicExpenses.eq(wan('1.90'))).toBe(true);
    given(state).when({ type: 'SetPriorYear', actor: clerk501, priorYear }).thenNothing();
    given(draft).when({ type: 'SetPriorYear', actor: clerk501, priorYear: { ...priorYear, fiscalYear: 2024 } }).thenThrows('FISCAL_YEAR_INVALID', 'priorYear.fiscalYear');
    given(draft).when({ type: 'SetPriorYear', actor: clerk501, priorYear: { ...priorYear, total: yuan('-1') } }).thenThrows('AMOUNT_NEGATIVE', 'priorYear.total');
  });

  it('SetFixedAssets records 国有资产占用情况', () => {
    const fixedAssets = guantaoContent.fixedAssets!;
    const state = given(draft).when({ type: 'SetFixedAssets', actor: clerk501, fixedAssets }).thenEvents().state;
    expect(state.content!.fixedAssets!.total.eq(wan('111.10'))).toBe(true);
    expect(state.content!.fixedAssets!.vehicles.count).toBe(1);
    given(state).when({ type: 'SetFixedAssets', actor: clerk501, fixedAssets }).thenNothing();
    given(draft)
      .when({ type: 'SetFixedAssets', actor: clerk501, fixedAssets: { ...fixedAssets, vehicles: { count: -1, value: yuan('0') } } })
      .thenThrows('FIELD_REQUIRED', 'fixedAssets.vehicles.count');
  });

  it('SetProcurement replaces the list; an empty list on an empty list changes nothing', () => {
    const items = [{ item: '办公电脑', category: '货物', amount: wan('3.5') }];
    const state = given(draft)
      .when({ type: 'SetProcurement', actor: clerk501, items })
      .then([{ type: 'ProcurementSet', data: { items: [{ item: '办公电脑', category: '货物', amount: '35000.00' }], ...stamp } }]);
    expect(state.content!.procurement[0].amount.eq(wan('3.5'))).toBe(true);
    given(draft).when({ type: 'SetProcurement', actor: clerk501, items: [] }).thenNothing();
    given(draft).when({ type: 'SetProcurement', actor: clerk501, items: [{ item: '', amount: wan('1') }] }).thenThrows('FIELD_REQUIRED', 'items[0].item');
  });

  it('SetDepartmentText checks a structured 部门整体绩效目标 like project indicators and stores printed targets parsed', () => {
    const indicator = { level1: '产出指标', level2: '数量指标', name: '化解数', description: '', target: '≥10个', basis: '工作计划' };
    const overallPerformance = { summary: '总体目标', goals: [{ name: '做好信访案件化解工作', goal: '化解疑难案件', indicators: [indicator] }] };
    const text = { ...guantaoContent.text!, overallPerformance } as never;
    const state = given(draft).when({ type: 'SetDepartmentText', actor: clerk501, text }).thenEvents().state;
    expect(state.content!.text!.overallPerformance!.goals[0].indicators[0].target).toEqual({ printed: '≥10个', comparator: '≥', value: '10', unit: '个' });
    // The stored (parsed) form again is the same text: nothing new.
    given(state).when({ type: 'SetDepartmentText', actor: clerk501, text: state.content!.text! }).thenNothing();
    const withIndicator = (changes: object) =>
      ({ ...guantaoContent.text!, overallPerformance: { goals: [{ name: '目标', goal: '目标', indicators: [{ ...indicator, ...changes }] }] } }) as never;
    given(draft)
      .when({ type: 'SetDepartmentText', actor: clerk501, text: withIndicator({ level2: '满意度指标' }) })
      .thenThrows('INDICATOR_LEVEL2_UNKNOWN', 'text.overallPerformance.goals[0].indicators[0].level2');
    given(draft)
      .when({ type: 'SetDepartmentText', actor: clerk501, text: withIndicator({ target: '较好' }) })
      .thenThrows('INDICATOR_TARGET_INVALID', 'text.overallPerformance.goals[0].indicators[0].target');
    given(draft)
      .when({ type: 'SetDepartmentText', actor: clerk501, text: { ...guantaoContent.text!, overallPerformance: { goals: [{ name: '', goal: 'x', indicators: [] }] } } as never })
      .thenThrows('FIELD_REQUIRED', 'text.overallPerformance.goals[0].name');
  });

  it('SetProcurement keeps each item\'s fund source, carry-over and project; a project not in the budget or an unknown fund is refused', () => {
    const { events: imported } = importedDraft();
    const project = guantaoContent.projects[0].code;
    const items = [{ item: '台式计算机', amount: wan('1.2'), fundSource: '一般公共预算拨款' as const, fromCarryOver: true, project }];
    given(imported)
      .when({ type: 'SetProcurement', actor: clerk501, items })
      .then([{ type: 'ProcurementSet', data: { items: [{ item: '台式计算机', amount: '12000.00', fundSource: '一般公共预算拨款', fromCarryOver: true, project }], ...stamp } }]);
    given(imported)
      .when({ type: 'SetProcurement', actor: clerk501, items: [{ ...items[0], project: 'P-NONE' }] })
      .thenThrows('PROCUREMENT_PROJECT_UNKNOWN', 'items[0].project');
    given(imported)
      .when({ type: 'SetProcurement', actor: clerk501, items: [{ ...items[0], fundSource: '自筹' as never }] })
      .thenThrows('FUND_SOURCE_UNKNOWN', 'items[0].fundSource');
  });
});

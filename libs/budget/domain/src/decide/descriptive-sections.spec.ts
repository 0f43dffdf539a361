import { given } from '../testing/given-when-then';
import { AT, clerk501, guantaoContent, openedDraft, wan, yuan } from '../testing/world';

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
});

import type { BudgetEvent } from './events/budget-events';
import { rebuild } from './evolve';
import { approvedBudget, clerk501, financeOfficer, importedDraft, run, wan } from './testing/world';

describe('evolve', () => {
  const lifecycle = () => {
    const imported = importedDraft();
    const rest = run(
      [
        { type: 'SetControlNumbers', actor: financeOfficer, departmentCode: '501', fiscalYear: 2024, total: wan('700') },
        { type: 'SubmitDraft', actor: clerk501 },
        { type: 'ReturnDraft', actor: financeOfficer, reason: '请补充说明' },
        { type: 'SubmitDraft', actor: clerk501 },
        { type: 'ApproveDraft', actor: financeOfficer },
        { type: 'PublishVersion', actor: financeOfficer, version: 1 },
        {
          type: 'RequestAdjustment',
          actor: clerk501,
          adjustmentId: 'a1',
          reason: '追加',
          changeSet: {
            income: [{ source: '一般公共预算拨款收入', amount: wan('656.24') }],
            projects: { changed: [{ code: '13043324P000076100011', changes: { amount: wan('9.80'), fiscalFunds: wan('9.80') } }] },
          },
        },
        { type: 'ApproveAdjustment', actor: financeOfficer, adjustmentId: 'a1' },
      ],
      imported.state,
    );
    return { events: [...imported.events, ...rest.events], state: rest.state };
  };

  it('rebuilds exactly the same state from the events, also after a JSON round trip', () => {
    const { events, state } = lifecycle();
    expect(rebuild(events)).toEqual(state);
    const stored: BudgetEvent[] = JSON.parse(JSON.stringify(events));
    expect(stored).toEqual(events);
    expect(rebuild(stored)).toEqual(state);
    expect(state.streamVersion).toBe(events.length);
    expect(state.versions.map((v) => [v.version, v.published])).toEqual([[1, true], [2, false]]);
  });

  it('keeps money in events as decimal strings in 元', () => {
    const events = [...importedDraft().events, ...approvedBudget().events];
    const json = JSON.stringify(events);
    expect(json).toContain('"amount":"779000.00"');
    expect(events.every((e) => typeof e.data.at === 'string' && typeof e.data.by === 'string')).toBe(true);
  });
});

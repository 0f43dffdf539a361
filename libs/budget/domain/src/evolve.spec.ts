import type { BudgetEvent } from './events/budget-events';
import { basicLineIndex } from './content/basic-line-index';
import { evolve, evolveAll, rebuild } from './evolve';
import { initialBudget } from './state';
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

describe('evolveAll', () => {
  const stamp = { by: 'clerk-501', at: '2024-01-05T08:00:00.000Z' };
  const proposed = (n: number, functionalCode = '2014001'): BudgetEvent => ({
    type: 'BasicLineProposed',
    data: { line: { lineId: `L-${n}`, functionalCode, economicCode: `301${String(n).padStart(2, '0')}`, fundSource: '一般公共预算拨款', amount: `${n}00.00` }, ...stamp },
  });
  const events: BudgetEvent[] = [
    { type: 'DraftOpened', data: { department: { code: '501', name: '馆陶县信访局' }, fiscalYear: 2024, ...stamp } } as BudgetEvent,
    { type: 'IncomeDeclared', data: { source: '一般公共预算拨款收入', amount: '100000.00', ...stamp } },
    ...[1, 2, 3, 4, 5].map((n) => proposed(n)),
    { type: 'BasicLineRevised', data: { line: { lineId: 'L-2', functionalCode: '2014001', economicCode: '30102', fundSource: '一般公共预算拨款', amount: '250.00' }, ...stamp } },
    ...[6, 7, 8].map((n) => proposed(n)),
    { type: 'BasicLineWithdrawn', data: { lineId: 'L-7', ...stamp } },
    proposed(9),
    ...[10, 11].map((n) => proposed(n, '2014002')),
  ];

  it('given runs of proposed lines between other events, gives the state evolve gives one event at a time', () => {
    const oneByOne = events.reduce(evolve, initialBudget());
    expect(evolveAll(initialBudget(), events)).toEqual(oneByOne);
    expect(oneByOne.content?.basicExpenditureLines.map((line) => line.lineId)).toEqual(['L-1', 'L-2', 'L-3', 'L-4', 'L-5', 'L-6', 'L-8', 'L-9', 'L-10', 'L-11']);
  });

  it('given a state whose lines are indexed, hands the index on so that look-ups see every added line, and leaves the state as it was', () => {
    const before = evolveAll(initialBudget(), events.slice(0, 4));
    const lines = before.content!.basicExpenditureLines;
    expect(basicLineIndex(lines).byId.size).toBe(2); // indexed, as a decision on this state would have it
    const after = evolveAll(before, events.slice(4));
    expect(lines.map((line) => line.lineId)).toEqual(['L-1', 'L-2']);
    const handedOver = basicLineIndex(after.content!.basicExpenditureLines);
    const rebuilt = basicLineIndex([...after.content!.basicExpenditureLines]);
    expect([...handedOver.byId.keys()]).toEqual([...rebuilt.byId.keys()]);
    expect([...handedOver.byKey.entries()]).toEqual([...rebuilt.byKey.entries()]);
  });
});

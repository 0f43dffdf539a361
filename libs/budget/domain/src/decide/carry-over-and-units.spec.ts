import type { BudgetEvent } from '../events/budget-events';
import { evolve } from '../evolve';
import { given } from '../testing/given-when-then';
import { clerk501, openedDraft, salary, salaryLine, sampleProject, stamp501 as stamp, wan } from '../testing/world';
import { contentToWire } from '../wire/content-wire';

const units = [
  { code: '501001', name: '馆陶县信访局本级', unitKind: '行政' as const, parent: '501' },
  { code: '501002', name: '馆陶县群众工作中心', unitKind: '事业' as const, parent: '501001' },
];

describe('fromCarryOver (上年结转) on lines and projects', () => {
  const { events: draft } = openedDraft();

  it('a basic line spent from carry-over keeps its fund source and says so in its event', () => {
    given(draft)
      .when({ ...salary, fromCarryOver: true })
      .then([{ type: 'BasicLineProposed', data: { line: { ...salaryLine, fromCarryOver: true }, ...stamp } }]);
  });

  it('the same key may be funded both from this year and from the carry-over', () => {
    const withSalary = [...draft, ...given(draft).when(salary).thenEvents().events];
    const { state } = given(withSalary).when({ ...salary, lineId: 'basic-2', fromCarryOver: true }).thenEvents();
    expect(state.content!.basicExpenditureLines.map((line) => line.fromCarryOver === true)).toEqual([false, true]);
    given(withSalary).when({ ...salary, lineId: 'basic-2' }).thenThrows('DUPLICATE_BASIC_LINE');
  });

  it('a revision can mark and unmark a line', () => {
    const withSalary = [...draft, ...given(draft).when(salary).thenEvents().events];
    const marked = given(withSalary).when({ type: 'ReviseBasicLine', actor: clerk501, lineId: 'basic-1', fromCarryOver: true }).thenEvents();
    expect(marked.events[0]).toMatchObject({ type: 'BasicLineRevised', data: { line: { fromCarryOver: true } } });
    const unmarked = given(marked.state).when({ type: 'ReviseBasicLine', actor: clerk501, lineId: 'basic-1', fromCarryOver: false }).thenEvents();
    expect(unmarked.events[0].data).toEqual({ line: salaryLine, ...stamp });
  });

  it('a project and its lines carry the flag; an adjustment can set it', () => {
    const proposal = sampleProject({
      fromCarryOver: true,
      lines: [{ functionalCode: '2014004', economicCode: '30211', fundSource: '一般公共预算拨款', amount: wan('10.00'), fromCarryOver: true }],
    });
    const { events, state } = given(draft).when({ type: 'ProposeProject', actor: clerk501, project: proposal }).thenEvents();
    expect(events[0]).toMatchObject({ data: { project: { fromCarryOver: true, lines: [{ fromCarryOver: true }] } } });
    expect(state.content!.projects[0].fromCarryOver).toBe(true);
    const plain = given(draft).when({ type: 'ProposeProject', actor: clerk501, project: sampleProject() }).thenEvents();
    const adjusted = given(plain.state)
      .when({ type: 'AdjustProject', actor: clerk501, code: proposal.code, changes: { fromCarryOver: true } })
      .thenEvents();
    expect(adjusted.events[0]).toMatchObject({ type: 'ProjectAdjusted', data: { changedFields: ['fromCarryOver'] } });
  });

  it('events written before the flag existed still fold: absent is false, and the unit is the department itself', () => {
    const old: BudgetEvent = { type: 'BasicLineProposed', data: { line: salaryLine, ...stamp } };
    const state = [old].reduce(evolve, openedDraft().state);
    const wire = contentToWire(state.content!);
    expect(wire.basicExpenditureLines).toEqual([{ ...salaryLine, fromCarryOver: false, unit: '501' }]);
  });
});

describe('SetUnits (所属单位) and the unit of lines and projects', () => {
  const { events: draft } = openedDraft();
  const withUnits = [...draft, ...given(draft).when({ type: 'SetUnits', actor: clerk501, units }).thenEvents().events];

  it('declares the units once; the same list again changes nothing', () => {
    given(draft).when({ type: 'SetUnits', actor: clerk501, units }).then([{ type: 'UnitsSet', data: { units, ...stamp } }]);
    given(withUnits).when({ type: 'SetUnits', actor: clerk501, units }).thenNothing();
  });

  it('refuses a duplicate code, an unknown kind or an unknown parent', () => {
    given(draft).when({ type: 'SetUnits', actor: clerk501, units: [units[0], { ...units[1], code: '501001' }] }).thenThrows('DUPLICATE_UNIT_CODE', 'units[1].code');
    given(draft)
      .when({ type: 'SetUnits', actor: clerk501, units: [{ ...units[0], unitKind: '企业' as never }] })
      .thenThrows('UNIT_KIND_UNKNOWN', 'units[0].unitKind');
    given(draft).when({ type: 'SetUnits', actor: clerk501, units: [{ ...units[0], parent: '999' }] }).thenThrows('UNIT_NOT_IN_BUDGET', 'units[0].parent');
  });

  it('a line names one of the units; an unknown unit is refused', () => {
    const { state } = given(withUnits).when({ ...salary, unit: '501002' }).thenEvents();
    expect(contentToWire(state.content!).basicExpenditureLines[0]).toMatchObject({ unit: '501002', fromCarryOver: false });
    given(withUnits).when({ ...salary, unit: '501009' }).thenThrows('UNIT_NOT_IN_BUDGET', 'unit');
    given(draft).when({ ...salary, unit: '501002' }).thenThrows('UNIT_NOT_IN_BUDGET', 'unit');
    given(withUnits)
      .when({ type: 'ProposeProject', actor: clerk501, project: sampleProject({ unit: '501009' }) })
      .thenThrows('UNIT_NOT_IN_BUDGET', 'project.unit');
  });

  it('naming the department itself is naming no unit: one line, one key', () => {
    const { events, state } = given(draft).when({ ...salary, unit: '501' }).thenEvents();
    expect(events[0].data).toEqual({ line: salaryLine, ...stamp });
    given(state).when({ ...salary, lineId: 'basic-2' }).thenThrows('DUPLICATE_BASIC_LINE');
  });

  it('two units may each hold the same (项, 款, fund source)', () => {
    const first = given(withUnits).when({ ...salary, unit: '501001' }).thenEvents();
    given(first.state).when({ ...salary, lineId: 'basic-2', unit: '501002' }).thenEvents();
  });

  it('a unit still named by a line cannot be dropped', () => {
    const { state } = given(withUnits).when({ ...salary, unit: '501002' }).thenEvents();
    given(state).when({ type: 'SetUnits', actor: clerk501, units: [units[0]] }).thenThrows('UNIT_IN_USE', 'units');
    given(state).when({ type: 'SetUnits', actor: clerk501, units: [] }).thenThrows('UNIT_IN_USE', 'units');
  });
});

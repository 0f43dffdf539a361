import type { BudgetContent } from '../content/budget-content';
import type { BudgetEvent } from '../events/budget-events';
import { given } from '../testing/given-when-then';
import { clerk501, guantaoContent, run, wan } from '../testing/world';
import { contentToWire } from '../wire/content-wire';
import { DomainErrors } from '../errors';

/** The fixture imported through ImportBudget, then a corrected document imported into the same draft. */
describe('ImportBudget: a corrected re-import applies the difference as ordinary commands', () => {
  const first = run([{ type: 'ImportBudget', actor: clerk501, content: guantaoContent }]);
  const importing = (content: BudgetContent) => given(first.state).when({ type: 'ImportBudget', actor: clerk501, content });
  const kinds = (events: BudgetEvent[]) => events.map((event) => event.type);

  it('the same document again changes nothing', () => {
    importing(guantaoContent).thenNothing();
  });

  it('a corrected amount is one revision of that line, under its id', () => {
    const corrected: BudgetContent = {
      ...guantaoContent,
      income: [{ source: '一般公共预算拨款收入', amount: wan('655.24') }],
      basicExpenditureLines: guantaoContent.basicExpenditureLines.map((line, i) => (i === 2 ? { ...line, amount: line.amount.plus(wan('1')) } : line)),
    };
    const { events, state } = importing(corrected).thenEvents();
    expect(kinds(events)).toEqual(['IncomeDeclared', 'BasicLineRevised']);
    expect(events[1].data).toMatchObject({ line: { lineId: 'basic-3', amount: '143100.00' } });
    expect(contentToWire(state.content!)).toEqual(contentToWire({ ...corrected, basicExpenditureLines: state.content!.basicExpenditureLines }));
  });

  it('a line left out is withdrawn, a line inserted is one addition, a project left out is withdrawn and one changed is adjusted', () => {
    const [, second, ...rest] = guantaoContent.basicExpenditureLines;
    const removed = guantaoContent.basicExpenditureLines[0];
    const inserted = { ...second, lineId: 'x', economicCode: '30211', amount: removed.amount };
    const [dropped, changed, ...otherProjects] = guantaoContent.projects;
    const corrected: BudgetContent = {
      ...guantaoContent,
      income: [{ source: '一般公共预算拨款收入', amount: guantaoContent.income[0].amount.minus(dropped.amount) }],
      basicExpenditureLines: [inserted, second, ...rest],
      projects: [{ ...changed, purpose: '更正后的用途' }, ...otherProjects],
    };
    const { events, state } = importing(corrected).thenEvents();
    expect(kinds(events)).toEqual(['BasicLineWithdrawn', 'ProjectWithdrawn', 'IncomeDeclared', 'BasicLineProposed', 'ProjectAdjusted']);
    expect(events[0].data).toMatchObject({ lineId: 'basic-1' });
    expect(events[1].data).toMatchObject({ code: dropped.code });
    // The id of the withdrawn line is not reused: history keeps one meaning per id.
    expect(events[3].data).toMatchObject({ line: { lineId: 'basic-20', economicCode: '30211' } });
    expect(events[4].data).toMatchObject({ changedFields: ['purpose'] });
    expect(state.content!.basicExpenditureLines).toHaveLength(guantaoContent.basicExpenditureLines.length);
    // Imported once more, the corrected document changes nothing.
    given(state).when({ type: 'ImportBudget', actor: clerk501, content: corrected }).thenNothing();
  });

  it('a refused correction names the document path and appends nothing', () => {
    const corrected: BudgetContent = {
      ...guantaoContent,
      basicExpenditureLines: guantaoContent.basicExpenditureLines.map((line, i) => (i === 4 ? { ...line, economicCode: '30299' } : line)),
    };
    importing(corrected).thenThrows('CODE_NOT_IN_CATALOG', 'basicExpenditureLines[4].economicCode');
  });

  it('reports every wrong value at once: both codes of one line, a code of another line, a project\'s code and its bad indicator', () => {
    const corrected: BudgetContent = {
      ...guantaoContent,
      basicExpenditureLines: guantaoContent.basicExpenditureLines.map((line, i) =>
        i === 1 ? { ...line, functionalCode: '2019998', economicCode: '30298' } : i === 4 ? { ...line, economicCode: '30299' } : line,
      ),
      projects: guantaoContent.projects.map((project, i) =>
        i === 2 ? { ...project, functionalCode: '2019999', indicators: project.indicators.map((indicator, j) => (j === 0 ? { ...indicator, level1: '过程指标' } : indicator)) } : project,
      ),
    };
    let refused: unknown;
    try {
      run([{ type: 'ImportBudget', actor: clerk501, content: corrected }], first.state);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainErrors);
    const errors = (refused as DomainErrors).problems;
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ['basicExpenditureLines[1].functionalCode', 'CODE_NOT_IN_CATALOG'],
      ['basicExpenditureLines[1].economicCode', 'CODE_NOT_IN_CATALOG'],
      ['basicExpenditureLines[4].economicCode', 'CODE_NOT_IN_CATALOG'],
      ['projects[2].functionalCode', 'CODE_NOT_IN_CATALOG'],
      ['projects[2].indicators[0].level1', 'INDICATOR_LEVEL1_UNKNOWN'],
    ]);
    expect((refused as DomainErrors).httpStatus).toBe(422);
  });

  it('refusals of the other parts keep the document\'s own paths', () => {
    const badProject = { ...guantaoContent, projects: guantaoContent.projects.map((p, i) => (i === 1 ? { ...p, name: ' ' } : p)) };
    importing(badProject).thenThrows('FIELD_REQUIRED', 'projects[1].name');
    const badUnits = { ...guantaoContent, units: [{ code: '501001', name: '本级', unitKind: '行政' as const }, { code: '501001', name: '重复', unitKind: '事业' as const }] };
    importing(badUnits).thenThrows('DUPLICATE_UNIT_CODE', 'units[1].code');
    const badProcurement = { ...guantaoContent, procurement: [{ item: '', amount: wan('1') }] };
    importing(badProcurement).thenThrows('FIELD_REQUIRED', 'procurement[0].item');
    const fresh = given([]).when({ type: 'ImportBudget', actor: clerk501, content: badProject });
    fresh.thenThrows('FIELD_REQUIRED', 'projects[1].name');
  });
});

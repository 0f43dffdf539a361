import { decideAll } from '../decide-all';
import { DomainError } from '../errors';
import { rebuild } from '../evolve';
import { initialBudget } from '../state';
import { budgetTotals } from '../rules/totals';
import { contentToWire } from '../wire/content-wire';
import { admin, clerk501, guantaoContent, importCommands, run, testContext, wan } from '../testing/world';
import { commandsFromBudgetContent, commandsFromBudgetFacts } from './commands-from-budget-facts';
import { parseBudgetFacts } from '../budget-facts';
import fixtureJson from '../../../../../test/fixtures/guantao-xinfang-2024/budget-facts.json';

describe('importing budget-facts/1 (馆陶县信访局 2024)', () => {
  it('turns the document into the department’s commands', () => {
    const parsed = parseBudgetFacts(fixtureJson);
    if (!parsed.ok) throw new Error('fixture should parse');
    const commands = commandsFromBudgetContent(parsed.document.content, clerk501);
    const count = (type: string) => commands.filter((c) => c.type === type).length;
    expect(commands[0].type).toBe('OpenDraft');
    expect(count('DeclareIncome')).toBe(1);
    expect(count('ProposeBasicLine')).toBe(19);
    expect(count('ProposeProject')).toBe(7);
    expect(['SetDepartmentText', 'SetPriorYear', 'SetFixedAssets', 'SetProcurement'].map(count)).toEqual([1, 1, 1, 1]);
    // The API's import is one ImportBudget command that decides to the same events.
    const [importCommand] = commandsFromBudgetFacts(parsed.document, clerk501);
    expect(importCommand.type).toBe('ImportBudget');
    expect(run([importCommand]).events).toEqual(run(commands).events);
  });

  it('rebuilds the document’s content exactly, balanced at 654.24 万元', () => {
    const { events, state } = run(importCommands());
    expect(state.status).toBe('drafting');
    expect(contentToWire(state.content!)).toEqual(contentToWire(guantaoContent));
    expect(rebuild(events)).toEqual(state);
    const totals = budgetTotals(state.content!);
    expect([totals.totalIncome, totals.basic, totals.project].map((m) => m.dividedBy(10000).toFixed(2))).toEqual(['654.24', '199.84', '454.40']);
  });

  it('importing the same document again changes nothing', () => {
    const first = run(importCommands());
    const again = decideAll(importCommands(), first.state, testContext);
    expect(again.events).toEqual([]);
    expect(again.state).toBe(first.state);
  });

  it('is atomic: one bad line imports nothing and says which command failed', () => {
    const commands = importCommands();
    const badIndex = commands.findIndex((c) => c.type === 'ProposeBasicLine' && c.economicCode === '30239');
    const bad = commands.map((c, i) => (i === badIndex ? { ...c, economicCode: '30299' } : c));
    let caught: unknown;
    try {
      decideAll(bad, initialBudget(), testContext);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'CODE_NOT_IN_CATALOG', field: 'economicCode', commandIndex: badIndex });
  });

  it('an admin may import (migration); a department may not import another’s budget', () => {
    expect(run(importCommands(admin)).state.content!.projects).toHaveLength(7);
    expect(() => run(importCommands({ userId: 'u', role: 'department', department: '502' }))).toThrow(DomainError);
    expect(() => run(importCommands({ userId: 'u', role: 'finance' }))).toThrow(expect.objectContaining({ code: 'FORBIDDEN_ROLE', commandIndex: 0 }));
  });

  it('上年结转结余 given as income becomes carry-over; line ids can be chosen', () => {
    const content = {
      ...guantaoContent,
      income: [
        { source: '一般公共预算拨款收入' as const, amount: wan('644.24') },
        { source: '上年结转结余' as const, amount: wan('10') },
      ],
    };
    const commands = commandsFromBudgetContent(content, clerk501, { basicLineId: (_l, i) => `L${i}` });
    expect(commands.find((c) => c.type === 'SetCarryOver')).toMatchObject({ fromLastYear: wan('10') });
    expect(commands.filter((c) => c.type === 'DeclareIncome')).toHaveLength(1);
    const state = run(commands).state;
    expect(state.content!.basicExpenditureLines[0].lineId).toBe('L0');
    expect(budgetTotals(state.content!).totalIncome.eq(wan('654.24'))).toBe(true);
  });
});

import type { Actor } from '../actor';
import { parseBudgetFacts } from '../budget-facts';
import type { BudgetCommand } from '../commands/budget-commands';
import type { ProjectProposal, ProposeBasicLine } from '../commands/draft-commands';
import type { BudgetContent, DepartmentProfile } from '../content/budget-content';
import { catalogOf, type DecideContext } from '../context';
import { decideAll } from '../decide-all';
import { commandsFromBudgetContent } from '../import/commands-from-budget-facts';
import { Decimal, type Money } from '../money/money';
import { standardSpendingPlan } from '../rules/spending-plan';
import { initialBudget, type Budget } from '../state';
import fixtureJson from '../../../../../test/fixtures/guantao-xinfang-2024/budget-facts.json';

/** The world every domain spec starts from: department 501 (馆陶县信访局), fiscal year 2024. */
export const NOW = new Date('2024-01-15T09:00:00.000Z');
export const AT = NOW.toISOString();

export const clerk501: Actor = { userId: 'u-clerk-501', role: 'department', department: '501' };
export const clerk502: Actor = { userId: 'u-clerk-502', role: 'department', department: '502' };
export const financeOfficer: Actor = { userId: 'u-finance', role: 'finance' };
export const supervisor: Actor = { userId: 'u-supervisor', role: 'supervisor' };
export const admin: Actor = { userId: 'u-admin', role: 'admin' };

export const yuan = (text: string): Money => new Decimal(text);
export const wan = (text: string): Money => new Decimal(text).times(10000);

const parsed = parseBudgetFacts(fixtureJson);
if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.errors)}`);
/** The 2024 budget of department 501 as published, amounts in 元. */
export const guantaoContent: BudgetContent = parsed.document.content;
const leafCodes = (entries: { code: string }[], length: number) => entries.map((e) => e.code).filter((c) => c.length === length);

/** The 2024 catalog as far as the fixture uses it, plus a few leaves specs need. */
export const testCatalog = catalogOf({
  functional: [...leafCodes(parsed.document.catalogUsed.functional, 7), '2013102'],
  economic: [...leafCodes(parsed.document.catalogUsed.economic, 5), '30211', '30217', '30212', '31013'],
});
export const testContext: DecideContext = { now: NOW, catalog: testCatalog };

export const department501: DepartmentProfile = guantaoContent.department;

/** A small valid project (10.00 万元 of 信访业务). */
/** 501's salaries (基本工资, 77.90 万元) as the clerk proposes them, and the line as its event carries it. */
export const salary: ProposeBasicLine = {
  type: 'ProposeBasicLine',
  actor: clerk501,
  lineId: 'basic-1',
  functionalCode: '2014001',
  economicCode: '30101',
  fundSource: '一般公共预算拨款',
  amount: wan('77.90'),
};
export const salaryLine = { lineId: 'basic-1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款' as const, amount: '779000.00' };
/** The event stamp of a test command by clerk501 at NOW. */
export const stamp501 = { by: clerk501.userId, at: AT };

export const sampleProject = (overrides: Partial<ProjectProposal> = {}): ProjectProposal => ({
  code: '13043324P00009990001X',
  name: '信访宣传经费',
  functionalCode: '2014004',
  fundSource: '一般公共预算拨款',
  amount: wan('10.00'),
  fiscalFunds: wan('10.00'),
  otherFunds: new Decimal(0),
  purpose: '用于信访法规宣传。',
  spendingPlan: standardSpendingPlan(),
  goal: '提高群众依法信访意识。',
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '宣传场次', description: '年度宣传活动场次', target: '≥12场', basis: '宣传计划' },
    { level1: '产出指标', level2: '成本指标', name: '宣传成本', description: '年度宣传所需资金', target: '10万元', basis: '预算报告' },
    { level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', description: '', target: '≥90%', basis: '问卷调查' },
  ],
  ...overrides,
});

/** Runs commands from the empty stream (or `from`) and returns events and state; throws on the first refusal. */
export const run = (commands: BudgetCommand[], from: Budget = initialBudget(), ctx: DecideContext = testContext) =>
  decideAll(commands, from, ctx);

export const importCommands = (actor: Actor = clerk501) => commandsFromBudgetContent(guantaoContent, actor);

/** The fixture imported into a fresh draft. */
export const importedDraft = () => run(importCommands());

/** The fixture imported, submitted and approved (version 1). */
export const approvedBudget = () => {
  const imported = importedDraft();
  return run(
    [
      { type: 'SubmitDraft', actor: clerk501 },
      { type: 'ApproveDraft', actor: financeOfficer },
    ],
    imported.state,
  );
};

/** A minimal open draft of department 501 with nothing in it. */
export const openedDraft = () => run([{ type: 'OpenDraft', actor: clerk501, department: department501, fiscalYear: 2024 }]);

import type { Actor } from '../actor';
import type { BasicExpenditureLine, BudgetContent } from '../content/budget-content';
import type { BudgetCommand } from '../commands/budget-commands';
import { proposalOf } from '../rules/project';
import { CARRY_OVER_SOURCE } from '../rules/sources';

/** How the import names what the document does not: the id of each basic line (default: the line's own id). */
export interface ImportIds {
  basicLineId?: (line: BasicExpenditureLine, index: number) => string;
}

/**
 * A whole budget as the commands a department would issue, in order: open the draft, its units, carry-over, income,
 * basic lines, projects, then the descriptive sections. Decided with `decideAll` they import atomically;
 * since every decider returns `[]` for an outcome that already holds, importing the same content again
 * changes nothing. 上年结转结余 is carry-over, not an income line.
 */
export const commandsFromBudgetContent = (content: BudgetContent, actor: Actor, ids: ImportIds = {}): BudgetCommand[] => {
  const carryOverIncome = content.income.find((i) => i.source === CARRY_OVER_SOURCE)?.amount;
  const fromLastYear = content.carryOver.fromLastYear.isZero() && carryOverIncome ? carryOverIncome : content.carryOver.fromLastYear;
  const commands: BudgetCommand[] = [
    { type: 'OpenDraft', actor, department: content.department, fiscalYear: content.fiscalYear },
    // Units before the lines that name them; a document without units leaves the department its one unit.
    ...(content.units && content.units.length > 0 ? [{ type: 'SetUnits' as const, actor, units: content.units }] : []),
    { type: 'SetCarryOver', actor, fromLastYear, toNextYear: content.carryOver.toNextYear },
    ...content.income
      .filter((i) => i.source !== CARRY_OVER_SOURCE)
      .map((i): BudgetCommand => ({ type: 'DeclareIncome', actor, source: i.source, amount: i.amount })),
    ...content.basicExpenditureLines.map(
      (line, index): BudgetCommand => ({
        type: 'ProposeBasicLine',
        actor,
        lineId: ids.basicLineId ? ids.basicLineId(line, index) : line.lineId,
        functionalCode: line.functionalCode,
        economicCode: line.economicCode,
        fundSource: line.fundSource,
        amount: line.amount,
        ...(line.fromCarryOver === true ? { fromCarryOver: true } : {}),
        ...(line.unit !== undefined ? { unit: line.unit } : {}),
      }),
    ),
    ...content.projects.map((project): BudgetCommand => ({ type: 'ProposeProject', actor, project: proposalOf(project) })),
  ];
  if (content.text) commands.push({ type: 'SetDepartmentText', actor, text: content.text });
  if (content.priorYear) commands.push({ type: 'SetPriorYear', actor, priorYear: content.priorYear });
  if (content.fixedAssets) commands.push({ type: 'SetFixedAssets', actor, fixedAssets: content.fixedAssets });
  commands.push({ type: 'SetProcurement', actor, items: content.procurement ?? [] });
  return commands;
};

/**
 * The command of a parsed budget-facts/1 document (see `parseBudgetFacts`): one `ImportBudget`, which opens and fills
 * a new draft or applies a corrected document's difference to an existing one (see `importBudget`).
 */
export const commandsFromBudgetFacts = (document: { content: BudgetContent }, actor: Actor): BudgetCommand[] => [
  { type: 'ImportBudget', actor, content: document.content },
];


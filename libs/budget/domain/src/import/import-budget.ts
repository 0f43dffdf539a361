import type { Actor } from '../actor';
import type { BudgetCommand } from '../commands/budget-commands';
import type { ImportBudget } from '../commands/import-command';
import { basicLineKey, ownedBasicLines, pushBasicLine } from '../content/basic-line-index';
import type { BasicExpenditureLine, BudgetContent } from '../content/budget-content';
import type { DecideContext } from '../context';
import { DomainError, type DomainErrorCode, DomainErrors } from '../errors';
import { Decimal } from '../money/money';
import type { BudgetEvent } from '../events/budget-events';
import { evolve } from '../evolve';
import { proposalOf } from '../rules/project';
import { parseIndicator } from '../rules/indicators';
import { requirePositiveAmount } from '../rules/amounts';
import { requireEconomicLeaf, requireFunctionalLeaf } from '../rules/classification-codes';
import { requireFundSource } from '../rules/sources';
import { CARRY_OVER_SOURCE } from '../rules/sources';
import { normalisedUnit } from '../rules/units';
import type { Budget } from '../state';
import { commandsFromBudgetContent } from './commands-from-budget-facts';
import { basicLineFromWire } from '../wire/content-wire';

/** One command of an import, with the document path its refusal is reported under. */
interface ImportStep {
  command: BudgetCommand;
  field?: string;
}

/** The commands of a first import, each with the document path of the line or project it proposes. */
const withDocumentPaths = (commands: BudgetCommand[]): ImportStep[] => {
  let basic = 0;
  let project = 0;
  return commands.map((command) => {
    if (command.type === 'ProposeBasicLine') return { command, field: `basicExpenditureLines[${basic++}]` };
    if (command.type === 'ProposeProject') return { command, field: `projects[${project++}]` };
    if (command.type === 'SetProcurement') return { command, field: 'procurement' };
    // The others refuse with paths that already are the document's (`units[1].code`, `priorYear.total`).
    return { command };
  });
};

/**
 * The commands that make `current` (an existing draft) into `content`, in an order every step can be decided in:
 * withdrawals first (a unit can then go, a key can be used again), then units, carry-over, income, and the lines
 * and projects revised or added. Basic lines are matched by their table key (项, 款, fund source, carry-over, unit)
 * — unique within a budget — so a line inserted in the middle of a corrected document is one addition, not a
 * revision of every line after it; projects are matched by code.
 */
export const correctionCommands = (content: BudgetContent, actor: Actor, current: BudgetContent): ImportStep[] => {
  const keyOf = (line: BasicExpenditureLine) => basicLineKey({ ...line, unit: normalisedUnit(line.unit, current) });
  const existingByKey = new Map(current.basicExpenditureLines.map((line) => [keyOf(line), line]));
  const documentKeys = new Set(content.basicExpenditureLines.map(keyOf));
  const documentCodes = new Set(content.projects.map((project) => project.code));
  const currentCodes = new Set(current.projects.map((project) => project.code));
  const usedIds = new Set(current.basicExpenditureLines.map((line) => line.lineId));
  const freshId = (index: number): string => {
    let n = index + 1;
    while (usedIds.has(`basic-${n}`)) n++;
    usedIds.add(`basic-${n}`);
    return `basic-${n}`;
  };
  const documentSources = new Set(content.income.map((line) => line.source));
  const carryOverIncome = content.income.find((line) => line.source === CARRY_OVER_SOURCE)?.amount;
  const fromLastYear = content.carryOver.fromLastYear.isZero() && carryOverIncome ? carryOverIncome : content.carryOver.fromLastYear;

  const steps: ImportStep[] = [
    ...current.basicExpenditureLines
      .filter((line) => !documentKeys.has(keyOf(line)))
      .map((line): ImportStep => ({ command: { type: 'WithdrawBasicLine', actor, lineId: line.lineId } })),
    ...current.projects
      .filter((project) => !documentCodes.has(project.code))
      .map((project): ImportStep => ({ command: { type: 'WithdrawProject', actor, code: project.code } })),
  ];
  if ((content.units ?? []).length > 0 || (current.units ?? []).length > 0) {
    steps.push({ command: { type: 'SetUnits', actor, units: content.units ?? [] } });
  }
  steps.push({ command: { type: 'SetCarryOver', actor, fromLastYear, toNextYear: content.carryOver.toNextYear }, field: 'carryOver' });
  current.income
    .filter((line) => !documentSources.has(line.source))
    .forEach((line) => steps.push({ command: { type: 'DeclareIncome', actor, source: line.source, amount: new Decimal(0) } }));
  content.income
    .filter((line) => line.source !== CARRY_OVER_SOURCE)
    .forEach((line, i) => steps.push({ command: { type: 'DeclareIncome', actor, source: line.source, amount: line.amount }, field: `income[${i}]` }));
  content.basicExpenditureLines.forEach((line, i) => {
    const field = `basicExpenditureLines[${i}]`;
    const existing = existingByKey.get(keyOf(line));
    if (existing) {
      if (!existing.amount.eq(line.amount)) steps.push({ command: { type: 'ReviseBasicLine', actor, lineId: existing.lineId, amount: line.amount }, field });
      return;
    }
    // A fresh id: the document's own (`basic-{n}` by position) may belong to another line of the draft.
    steps.push({ command: { type: 'ProposeBasicLine', actor, ...line, lineId: freshId(i) }, field });
  });
  content.projects.forEach((project, j) => {
    const field = `projects[${j}]`;
    const proposal = proposalOf(project);
    if (!currentCodes.has(project.code)) {
      steps.push({ command: { type: 'ProposeProject', actor, project: proposal }, field });
      return;
    }
    const { code, ...changes } = proposal;
    // Spelled out so that a corrected document can also clear them.
    const cleared = { fromCarryOver: project.fromCarryOver === true, unit: project.unit ?? current.department.code, lines: proposal.lines ?? [] };
    steps.push({ command: { type: 'AdjustProject', actor, code, changes: { ...changes, ...cleared } }, field });
  });
  if (content.text) steps.push({ command: { type: 'SetDepartmentText', actor, text: content.text } });
  if (content.priorYear) steps.push({ command: { type: 'SetPriorYear', actor, priorYear: content.priorYear } });
  if (content.fixedAssets) steps.push({ command: { type: 'SetFixedAssets', actor, fixedAssets: content.fixedAssets } });
  steps.push({ command: { type: 'SetProcurement', actor, items: content.procurement ?? [] }, field: 'procurement' });
  return steps;
};

/**
 * A refusal of one step, reported at the document path of what it was about: `projects[2].spendingPlan` for a
 * proposal's `project.spendingPlan`, `procurement[0].item` for `items[0].item`.
 */
const atDocumentPath = (error: DomainError, field: string | undefined): DomainError => {
  if (field === undefined) return error;
  const inner = (error.field ?? '').replace(/^(project|changes)(\.|$)/, '').replace(/^items(?=\[)/, '');
  return new DomainError(error.code, {
    field: inner === '' ? field : inner.startsWith('[') ? `${field}${inner}` : `${field}.${inner}`,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
  });
};

/**
 * Decides an import: the draft opened and filled when the stream is empty, else corrected to the document.
 * `decide` is passed in (it is the decider this import is one case of).
 */
export const importBudget = (
  command: ImportBudget,
  state: Budget,
  ctx: DecideContext,
  decide: (command: BudgetCommand, state: Budget, ctx: DecideContext) => BudgetEvent[],
): BudgetEvent[] => {
  const { content, actor } = command;
  const steps =
    state.status === 'none' || !state.content
      ? withDocumentPaths(commandsFromBudgetContent(content, actor))
      : [
          { command: { type: 'OpenDraft' as const, actor, department: content.department, fiscalYear: content.fiscalYear } },
          ...correctionCommands(content, actor, state.content),
        ];
  const events: BudgetEvent[] = [];
  const refused: DomainError[] = [];
  let current = state;
  /** The lines this import grows in place (one copy, not one per line); intermediate states never leave this loop. */
  let owned: BasicExpenditureLine[] | undefined;
  for (const step of steps) {
    let produced: BudgetEvent[];
    try {
      produced = decide(step.command, current, ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const located = atDocumentPath(error, step.field);
      // A wrong value of one line or project: note it (with every other wrong value of that line) and go on, so the
      // whole document's mistakes come back at once. Anything else after such a mistake may be its consequence.
      if (CELL_ERRORS.has(error.code)) {
        refused.push(located, ...otherProblemsOf(step.command, ctx, current).map((problem) => atDocumentPath(problem, step.field)));
        continue;
      }
      if (refused.length > 0) continue;
      throw located;
    }
    for (const event of produced) {
      events.push(event);
      if (event.type === 'BasicLineProposed' && current.content) {
        if (current.content.basicExpenditureLines !== owned) {
          owned = ownedBasicLines(current.content.basicExpenditureLines);
          current = { ...current, content: { ...current.content, basicExpenditureLines: owned } };
        }
        pushBasicLine(owned, basicLineFromWire(event.data.line));
        current = { ...current, streamVersion: current.streamVersion + 1 };
      } else {
        current = evolve(current, event);
      }
    }
  }
  if (refused.length > 0) {
    const seen = new Set<string>();
    const distinct = refused.filter((error) => (seen.has(`${error.field}|${error.code}`) ? false : (seen.add(`${error.field}|${error.code}`), true)));
    throw distinct.length === 1 ? distinct[0] : new DomainErrors(distinct);
  }
  return events;
};

/** Refusals about a value the document gives (a code, an amount, a source, an indicator): the step is skipped, the rest decided. */
const CELL_ERRORS = new Set<DomainErrorCode>([
  'CODE_FORMAT_INVALID',
  'CODE_NOT_IN_CATALOG',
  'CODE_RETIRED',
  'CODE_NOT_FOR_UNIT',
  'AMOUNT_INVALID',
  'AMOUNT_TOO_PRECISE',
  'AMOUNT_NOT_POSITIVE',
  'AMOUNT_NEGATIVE',
  'AMOUNT_TOO_LARGE',
  'FUND_SOURCE_UNKNOWN',
  'INCOME_SOURCE_UNKNOWN',
  'INCOME_SOURCE_IS_CARRY_OVER',
  'INDICATOR_LEVEL1_UNKNOWN',
  'INDICATOR_LEVEL2_UNKNOWN',
  'INDICATOR_TARGET_INVALID',
  'SPENDING_PLAN_CHECKPOINT_INVALID',
  'SPENDING_PLAN_PERCENT_OUT_OF_RANGE',
  'SPENDING_PLAN_MONTHS_NOT_INCREASING',
  'SPENDING_PLAN_PERCENT_DECREASING',
  'SPENDING_PLAN_INCOMPLETE',
  'PROJECT_FUNDS_MISMATCH',
  'PROJECT_LINES_MISMATCH',
  'PROJECT_CODE_INVALID',
  'FIELD_REQUIRED',
  'DUPLICATE_BASIC_LINE',
  'DUPLICATE_PROJECT_CODE',
]);

/** Each check on its own: the refusals of all of them, not only the first. */
const problemsOf = (checks: Array<() => void>): DomainError[] =>
  checks.flatMap((check) => {
    try {
      check();
      return [];
    } catch (error) {
      if (error instanceof DomainError) return [error];
      throw error;
    }
  });

/**
 * Every wrong value of a refused line or project (its decider stops at the first): both codes of a basic line, the
 * codes of a project's lines, each of its indicators. Paths as the decider names them (`economicCode`, `project.lines[0]…`).
 */
const otherProblemsOf = (command: BudgetCommand, ctx: DecideContext, state: Budget): DomainError[] => {
  const departmentCode = state.content?.department.code ?? '';
  if (command.type === 'ProposeBasicLine') {
    const unit = { code: command.unit, departmentCode };
    return problemsOf([
      () => requireFunctionalLeaf(command.functionalCode, ctx.catalog, 'functionalCode'),
      () => requireEconomicLeaf(command.economicCode, ctx.catalog, 'economicCode', unit),
      () => requireFundSource(command.fundSource, 'fundSource'),
      () => requirePositiveAmount(command.amount, 'amount'),
    ]);
  }
  const project = command.type === 'ProposeProject' ? { prefix: 'project', fields: command.project } : command.type === 'AdjustProject' ? { prefix: 'changes', fields: command.changes } : undefined;
  if (!project) return [];
  const { prefix, fields } = project;
  const unit = { code: fields.unit, departmentCode };
  return problemsOf([
    ...(fields.functionalCode !== undefined ? [() => requireFunctionalLeaf(fields.functionalCode!, ctx.catalog, `${prefix}.functionalCode`)] : []),
    ...(fields.fundSource !== undefined ? [() => requireFundSource(fields.fundSource!, `${prefix}.fundSource`)] : []),
    ...(fields.lines ?? []).flatMap((line, i) => [
      () => requireFunctionalLeaf(line.functionalCode, ctx.catalog, `${prefix}.lines[${i}].functionalCode`),
      () => requireEconomicLeaf(line.economicCode, ctx.catalog, `${prefix}.lines[${i}].economicCode`, unit),
      () => requireFundSource(line.fundSource, `${prefix}.lines[${i}].fundSource`),
    ]),
    ...(fields.indicators ?? []).map((indicator, i) => () => void parseIndicator(indicator, `${prefix}.indicators[${i}]`)),
  ]);
};

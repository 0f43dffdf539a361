import type { Actor } from '../actor';
import type { Command } from '../commands/draft-commands';
import type { BasicExpenditureLine, BudgetContent, PriorYearFigures, Project, ProjectLine } from '../content/budget-content';
import { DomainError, refuse } from '../errors';
import type { DraftEvent } from '../events/draft-events';
import { Decimal, formatYuan, sum, type Money } from '../money/money';
import { requireOwnDepartment } from '../rules/access';
import { requireEconomicLeaf, requireFunctionalLeaf } from '../rules/classification-codes';
import { latestVersion, type Budget } from '../state';
import { basicLineToWire, carryOverToWire, priorYearToWire, projectToWire } from '../wire/content-wire';
import { THREE_PUBLIC_ECONOMIC_CODES } from '../warnings/draft-warnings';
import { readYearClosing, type YearClosing } from './year-closing';
import type { BudgetDecider } from '../decide/decider';

/**
 * 以上年预算为基础编制 — opens year N+1's draft from the last approved version of year N: basic lines carried as
 * proposals, continuing multi-year projects scheduled with their N+1 amount, finished ones left out, the money the
 * year-end close carried put on its projects as 上年结转, and the 上年 figures computed from year N.
 */
export interface OpenDraftFromPriorYear extends Command<'OpenDraftFromPriorYear'> {
  /** The department of the address. */
  departmentCode: string;
  fiscalYear: number;
  fromYear: number;
  /** Year N as its stream holds it: the folded budget and the events (the year-end close is read from them). */
  prior: { budget: Budget; events: readonly { type: string; data: unknown }[] };
}

/** What the clerk should look at in a draft opened from last year; never a refusal. */
export interface CarryForwardWarning {
  code: 'CODE_RETIRED' | 'CODE_NOT_IN_CATALOG' | 'PROJECT_AMOUNT_ASSUMED' | 'CARRY_OVER_PROJECT_UNKNOWN' | 'CARRY_OVER_UNREADABLE' | 'CARRY_OVER_NOT_SPLIT';
  message: string;
  /** Path in the new draft's content (`basicExpenditureLines[3].economicCode`) or in the close (`carryOver[1]`). */
  field: string;
  lineId?: string;
  projectCode?: string;
}

/** Where the draft came from, kept on the draft (`DraftOpened.carriedFrom`). */
export interface CarriedFrom {
  fiscalYear: number;
  version: number;
  /** 上年结转 put on projects, per project (元). */
  carriedOver: { projectCode: string; amount: string }[];
  warnings: CarryForwardWarning[];
}

const ZERO = new Decimal(0);
const FISCAL_FUND_SOURCES: readonly string[] = ['一般公共预算拨款', '政府性基金预算拨款', '国有资本经营预算拨款'];

/**
 * 上年预算数 of a year's approved budget: 支出合计 (basic + project), 基本支出, 项目支出 and the 财政拨款“三公”经费
 * (basic lines and project lines of the 三公 economic codes paid from fiscal funds), in 元.
 */
export const priorYearFiguresOf = (content: BudgetContent): PriorYearFigures => {
  const basic = sum(content.basicExpenditureLines.map((line) => line.amount));
  const project = sum(content.projects.map((p) => p.amount));
  const threePublic = (line: { economicCode: string; fundSource: string }) =>
    FISCAL_FUND_SOURCES.includes(line.fundSource) && THREE_PUBLIC_ECONOMIC_CODES.includes(line.economicCode.slice(0, 5));
  const threePublicExpenses = sum([
    ...content.basicExpenditureLines.filter(threePublic).map((line) => line.amount),
    ...content.projects.flatMap((p) => p.lines.filter(threePublic).map((line) => line.amount)),
  ]);
  return { fiscalYear: content.fiscalYear, total: basic.plus(project), basic, project, threePublicExpenses };
};

/** A refusal of the catalog rules turned into a warning for the clerk (the line is carried all the same). */
const catalogWarnings = (check: () => void, extra: Pick<CarryForwardWarning, 'lineId' | 'projectCode'>): CarryForwardWarning[] => {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'CODE_RETIRED' || error.code === 'CODE_NOT_IN_CATALOG' || error.code === 'CODE_NOT_FOR_UNIT'))
      return [{ code: error.code === 'CODE_RETIRED' ? 'CODE_RETIRED' : 'CODE_NOT_IN_CATALOG', message: error.message, field: error.field ?? '', ...extra }];
    throw error;
  }
};

/** `amount` split over `parts` in their proportions, to the fen; the largest part takes the remainder. */
const splitLike = (amount: Money, parts: readonly Money[]): Money[] => {
  const whole = sum(parts);
  if (parts.length === 0) return [];
  if (whole.isZero()) return parts.map((_, i) => (i === 0 ? amount : ZERO));
  const shares = parts.map((part) => amount.times(part).dividedBy(whole).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  const largest = parts.reduce((best, part, i) => (part.gt(parts[best]) ? i : best), 0);
  shares[largest] = shares[largest].plus(amount.minus(sum(shares)));
  return shares;
};

const withoutCarryOverFlag = <T extends { fromCarryOver?: boolean }>(part: T): T => {
  const copy = { ...part };
  delete copy.fromCarryOver;
  return copy;
};

/** The project's lines for `amount` (its year-N lines in their proportions), none when it had none. */
const linesFor = (project: Project, amount: Money): ProjectLine[] => {
  const shares = splitLike(
    amount,
    project.lines.map((line) => line.amount),
  );
  return project.lines.map((line, i) => ({ ...withoutCarryOverFlag(line), amount: shares[i] })).filter((line) => line.amount.gt(0));
};

/** 财政资金 / 其他资金 of `amount` in the year-N project's proportions. */
const fundsFor = (project: Project, amount: Money): { fiscalFunds: Money; otherFunds: Money } => {
  if (project.otherFunds.isZero() || project.amount.isZero()) return { fiscalFunds: amount, otherFunds: ZERO };
  const otherFunds = amount.times(project.otherFunds).dividedBy(project.amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { fiscalFunds: amount.minus(otherFunds), otherFunds };
};

interface ScheduledProject {
  project: Project;
  carried: Money;
  warnings: CarryForwardWarning[];
}

/**
 * A year-N project in year N+1: a continuing one (its end year not before N+1) with its N+1 amount (from its yearly
 * amounts, else its year-N amount, with a warning); a finished one only when the close carried money to it, with that
 * money alone, paid from carry-over as a whole. The carried money of a continuing project is a line of its own marked
 * 上年结转 (on the codes of its largest line); a project without lines cannot be split so, and says so.
 */
const scheduleProject = (project: Project, nextYear: number, carried: Money, index: number): ScheduledProject | undefined => {
  const continuing = project.endYear !== undefined && project.endYear >= nextYear;
  const base = withoutCarryOverFlag(project);
  const warnings: CarryForwardWarning[] = [];
  if (!continuing) {
    if (carried.lte(0)) return undefined;
    return {
      project: { ...base, amount: carried, ...fundsFor(project, carried), lines: linesFor(project, carried), fromCarryOver: true },
      carried,
      warnings,
    };
  }
  const planned = project.yearlyAmounts?.find((entry) => entry.fiscalYear === nextYear)?.amount;
  if (planned === undefined)
    warnings.push({
      code: 'PROJECT_AMOUNT_ASSUMED',
      message: `跨年度项目“${project.name}”没有${nextYear}年度的分年度预算，暂按上年金额 ${formatYuan(project.amount)} 元安排，请核实`,
      field: `projects[${index}].amount`,
      projectCode: project.code,
    });
  const amount = planned ?? project.amount;
  if (carried.lte(0)) return { project: { ...base, amount, ...fundsFor(project, amount), lines: linesFor(project, amount) }, carried: ZERO, warnings };
  const total = amount.plus(carried);
  const funds = fundsFor(project, amount);
  if (project.lines.length === 0) {
    warnings.push({
      code: 'CARRY_OVER_NOT_SPLIT',
      message: `项目“${project.name}”上年结转 ${formatYuan(carried)} 元已并入项目金额，但项目没有按经济科目细化，无法标明结转部分，请补充项目明细并将结转部分标为“上年结转”`,
      field: `projects[${index}].lines`,
      projectCode: project.code,
    });
    return { project: { ...base, amount: total, fiscalFunds: funds.fiscalFunds.plus(carried), otherFunds: funds.otherFunds, lines: [] }, carried, warnings };
  }
  const largest = project.lines.reduce((best, line) => (line.amount.gt(best.amount) ? line : best));
  const carriedLine: ProjectLine = { ...withoutCarryOverFlag(largest), amount: carried, fromCarryOver: true };
  return {
    project: { ...base, amount: total, fiscalFunds: funds.fiscalFunds.plus(carried), otherFunds: funds.otherFunds, lines: [...linesFor(project, amount), carriedLine] },
    carried,
    warnings,
  };
};

/**
 * Year N's basic lines as N+1's proposals, ids, codes, fund sources and units kept. Year N's own 上年结转 marks do not
 * carry (N+1's carry-over is what the close says): a line so marked joins its unmarked twin, if any.
 */
const carriedBasicLines = (lines: readonly BasicExpenditureLine[]): BasicExpenditureLine[] => {
  const byKey = new Map<string, BasicExpenditureLine>();
  for (const line of lines) {
    const plain = withoutCarryOverFlag(line);
    const key = [plain.functionalCode, plain.economicCode, plain.fundSource, plain.unit ?? ''].join('|');
    const twin = byKey.get(key);
    byKey.set(key, twin ? { ...twin, amount: twin.amount.plus(plain.amount) } : plain);
  }
  return [...byKey.values()];
};

/** Opens year N+1 from year N: the events of a new draft and what was carried. Pure. */
export const openDraftFromPriorYear: BudgetDecider<OpenDraftFromPriorYear, DraftEvent> = (command, state, { catalog }, stamp) => {
  const { departmentCode, fiscalYear, fromYear, prior } = command;
  requireOwnDepartment(command.actor as Actor, departmentCode, { adminMayImport: true });
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) refuse('FISCAL_YEAR_INVALID', 'fiscalYear');
  if (fromYear !== fiscalYear - 1)
    refuse('FROM_YEAR_INVALID', 'fromYear', `只能从上一年度（${fiscalYear - 1}年）建立${fiscalYear}年度预算，收到的是 ${String(fromYear)}`);
  if (state.status !== 'none') refuse('BUDGET_ALREADY_OPENED', 'fromYear', `${departmentCode} 部门${fiscalYear}年度预算已建立，不能再从上年度建立`);
  if (state.departmentCode !== undefined && state.departmentCode !== departmentCode) refuse('BUDGET_IDENTITY_MISMATCH', 'departmentCode');
  const approved = prior.budget.departmentCode === departmentCode && prior.budget.fiscalYear === fromYear ? latestVersion(prior.budget) : undefined;
  if (!approved) refuse('PRIOR_YEAR_NOT_APPROVED', 'fromYear', `${departmentCode} 部门${fromYear}年度预算尚无批复版本，不能据以建立${fiscalYear}年度预算`);
  const last = approved!.content;
  const closing: YearClosing | undefined = readYearClosing(prior.events);
  const warnings: CarryForwardWarning[] = [];
  const unitOf = (part: { unit?: string }) => ({ code: part.unit, departmentCode });

  const lines = carriedBasicLines(last.basicExpenditureLines);
  lines.forEach((line, i) => {
    const at = `basicExpenditureLines[${i}]`;
    warnings.push(
      ...catalogWarnings(() => requireFunctionalLeaf(line.functionalCode, catalog, `${at}.functionalCode`), { lineId: line.lineId }),
      ...catalogWarnings(() => requireEconomicLeaf(line.economicCode, catalog, `${at}.economicCode`, unitOf(line)), { lineId: line.lineId }),
    );
  });

  const carriedByCode = new Map((closing?.carryOver ?? []).map((entry) => [entry.projectCode, entry.amount]));
  for (const entry of closing?.carryOver ?? [])
    if (!last.projects.some((p) => p.code === entry.projectCode))
      warnings.push({
        code: 'CARRY_OVER_PROJECT_UNKNOWN',
        message: `年终结转的项目 ${entry.projectCode} 不是${fromYear}年度批复预算的项目，结转资金 ${formatYuan(entry.amount)} 元未安排，请核实`,
        field: 'carryOver.fromLastYear',
        projectCode: entry.projectCode,
      });
  for (const field of closing?.unreadable ?? [])
    warnings.push({ code: 'CARRY_OVER_UNREADABLE', message: `${fromYear}年度年终结转记录中的 ${field} 无法识别，未予结转，请核实`, field });

  const scheduled: ScheduledProject[] = [];
  for (const project of last.projects) {
    const next = scheduleProject(project, fiscalYear, carriedByCode.get(project.code) ?? ZERO, scheduled.length);
    if (!next) continue;
    const at = `projects[${scheduled.length}]`;
    next.warnings.push(
      ...catalogWarnings(() => requireFunctionalLeaf(next.project.functionalCode, catalog, `${at}.functionalCode`), { projectCode: project.code }),
      ...next.project.lines.flatMap((line, j) => [
        ...catalogWarnings(() => requireFunctionalLeaf(line.functionalCode, catalog, `${at}.lines[${j}].functionalCode`), { projectCode: project.code }),
        ...catalogWarnings(() => requireEconomicLeaf(line.economicCode, catalog, `${at}.lines[${j}].economicCode`, unitOf(project)), { projectCode: project.code }),
      ]),
    );
    scheduled.push(next);
  }
  for (const next of scheduled) warnings.push(...next.warnings);

  const carriedOver = scheduled.filter((s) => s.carried.gt(0));
  const fromLastYear = sum(carriedOver.map((s) => s.carried));
  const carriedFrom: CarriedFrom = {
    fiscalYear: fromYear,
    version: approved!.version,
    carriedOver: carriedOver.map((s) => ({ projectCode: s.project.code, amount: formatYuan(s.carried) })),
    warnings,
  };
  const department = JSON.parse(JSON.stringify(last.department));
  const events: DraftEvent[] = [{ type: 'DraftOpened', data: { department, fiscalYear, carriedFrom, ...stamp } }];
  if (last.units && last.units.length > 0) events.push({ type: 'UnitsSet', data: { units: last.units.map((unit) => ({ ...unit })), ...stamp } });
  if (last.text && (last.text.duties.length > 0 || last.text.organisation.length > 0))
    events.push({ type: 'DepartmentTextSet', data: { text: JSON.parse(JSON.stringify({ duties: last.text.duties, organisation: last.text.organisation })), ...stamp } });
  for (const line of lines) events.push({ type: 'BasicLineProposed', data: { line: basicLineToWire(line), ...stamp } });
  for (const { project } of scheduled) events.push({ type: 'ProjectProposed', data: { project: projectToWire(project), ...stamp } });
  if (fromLastYear.gt(0)) events.push({ type: 'CarryOverSet', data: { carryOver: carryOverToWire({ fromLastYear, toNextYear: ZERO }), ...stamp } });
  events.push({ type: 'PriorYearSet', data: { priorYear: priorYearToWire(priorYearFiguresOf(last)), ...stamp } });
  return events;
};

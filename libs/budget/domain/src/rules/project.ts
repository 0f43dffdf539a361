import type { Project, ProjectLine } from '../content/budget-content';
import type { ProjectProposal } from '../commands/draft-commands';
import type { ClassificationCatalog } from '../context';
import { refuse } from '../errors';
import { Decimal, sum } from '../money/money';
import { formatYuan } from '../money/money';
import { requireNonNegativeAmount, requirePositiveAmount } from './amounts';
import { requireEconomicLeaf, requireFunctionalLeaf } from './classification-codes';
import { indicatorWithTarget, parseIndicators } from './indicators';
import { requireFundSource } from './sources';
import { parseSpendingPlan } from './spending-plan';
import { requireProjectCode } from './project-code';
import { requireText } from './text';

const checkProjectLine = (
  line: ProjectLine,
  catalog: ClassificationCatalog,
  field: string,
  unit: { code: string | undefined; departmentCode: string } | undefined,
): ProjectLine => {
  requireFunctionalLeaf(line.functionalCode, catalog, `${field}.functionalCode`);
  requireEconomicLeaf(line.economicCode, catalog, `${field}.economicCode`, unit);
  requireFundSource(line.fundSource, `${field}.fundSource`);
  requirePositiveAmount(line.amount, `${field}.amount`);
  return {
    functionalCode: line.functionalCode,
    economicCode: line.economicCode,
    fundSource: line.fundSource,
    amount: line.amount,
    ...(line.fromCarryOver === true ? { fromCarryOver: true } : {}),
  };
};

/**
 * A proposed project checked against every project rule and turned into content: codes in the catalog,
 * amount > 0, 财政资金 + 其他资金 = amount, lines (if any) summing to the amount, a valid spending plan and
 * indicators with readable targets.
 */
export const buildProject = (
  proposal: ProjectProposal,
  catalog: ClassificationCatalog,
  field: string,
  /** The budget's department: a line under a unit's own economic sub-number must be of that unit. */
  departmentCode?: string,
): Project => {
  requireText(proposal.code, `${field}.code`);
  requireProjectCode(proposal.code, `${field}.code`);
  requireText(proposal.name, `${field}.name`);
  requireFunctionalLeaf(proposal.functionalCode, catalog, `${field}.functionalCode`);
  requireFundSource(proposal.fundSource, `${field}.fundSource`);
  requirePositiveAmount(proposal.amount, `${field}.amount`);
  const fiscalFunds = proposal.fiscalFunds ?? new Decimal(0);
  const otherFunds = proposal.otherFunds ?? new Decimal(0);
  requireNonNegativeAmount(fiscalFunds, `${field}.fiscalFunds`);
  requireNonNegativeAmount(otherFunds, `${field}.otherFunds`);
  if (!fiscalFunds.plus(otherFunds).eq(proposal.amount))
    refuse(
      'PROJECT_FUNDS_MISMATCH',
      `${field}.fiscalFunds`,
      `财政资金 ${formatYuan(fiscalFunds)} 元与其他资金 ${formatYuan(otherFunds)} 元之和不等于项目金额 ${formatYuan(proposal.amount)} 元`,
    );
  const unit = departmentCode === undefined ? undefined : { code: proposal.unit, departmentCode };
  const lines = (proposal.lines ?? []).map((line, i) => checkProjectLine(line, catalog, `${field}.lines[${i}]`, unit));
  if (lines.length > 0 && !sum(lines.map((l) => l.amount)).eq(proposal.amount))
    refuse(
      'PROJECT_LINES_MISMATCH',
      `${field}.lines`,
      `项目明细合计 ${formatYuan(sum(lines.map((l) => l.amount)))} 元不等于项目金额 ${formatYuan(proposal.amount)} 元`,
    );
  const multiYear = checkMultiYear(proposal, field);
  const spendingPlan = parseSpendingPlan(proposal.spendingPlan, `${field}.spendingPlan`);
  const indicators = parseIndicators(proposal.indicators, `${field}.indicators`);
  return {
    code: proposal.code,
    name: proposal.name,
    functionalCode: proposal.functionalCode,
    fundSource: proposal.fundSource,
    amount: proposal.amount,
    fiscalFunds,
    otherFunds,
    purpose: proposal.purpose ?? '',
    spendingPlan,
    goal: proposal.goal ?? '',
    indicators,
    lines,
    ...(proposal.fromCarryOver === true ? { fromCarryOver: true } : {}),
    ...(proposal.unit !== undefined ? { unit: proposal.unit } : {}),
    ...multiYear,
  };
};

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;
const requireYear = (year: unknown, field: string): number => {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) refuse('FISCAL_YEAR_INVALID', field);
  return year as number;
};

/**
 * 起止年度 and 分年度预算 of a multi-year project: years between 2000 and 2100, the start not after the end, each
 * yearly amount once, within the years and above zero. All optional; given, they are kept as written.
 */
const checkMultiYear = (proposal: ProjectProposal, field: string): Pick<Project, 'startYear' | 'endYear' | 'yearlyAmounts'> => {
  const startYear = proposal.startYear === undefined ? undefined : requireYear(proposal.startYear, `${field}.startYear`);
  const endYear = proposal.endYear === undefined ? undefined : requireYear(proposal.endYear, `${field}.endYear`);
  if (startYear !== undefined && endYear !== undefined && startYear > endYear)
    refuse('PROJECT_YEARS_INVALID', `${field}.endYear`, `项目结束年度 ${endYear} 早于起始年度 ${startYear}`);
  const seen = new Set<number>();
  const yearlyAmounts = (proposal.yearlyAmounts ?? []).map((entry, i) => {
    const at = `${field}.yearlyAmounts[${i}]`;
    const fiscalYear = requireYear(entry.fiscalYear, `${at}.fiscalYear`);
    if (seen.has(fiscalYear)) refuse('PROJECT_YEARS_INVALID', `${at}.fiscalYear`, `${fiscalYear}年度的分年度预算重复`);
    seen.add(fiscalYear);
    if ((startYear !== undefined && fiscalYear < startYear) || (endYear !== undefined && fiscalYear > endYear))
      refuse('PROJECT_YEARS_INVALID', `${at}.fiscalYear`, `${fiscalYear}年度不在项目起止年度之内`);
    requirePositiveAmount(entry.amount, `${at}.amount`);
    return { fiscalYear, amount: entry.amount };
  });
  return {
    ...(startYear !== undefined ? { startYear } : {}),
    ...(endYear !== undefined ? { endYear } : {}),
    ...(yearlyAmounts.length > 0 ? { yearlyAmounts: yearlyAmounts.sort((a, b) => a.fiscalYear - b.fiscalYear) } : {}),
  };
};

/** A project of the content written back as a proposal (printed checkpoints and targets). */
export const proposalOf = (project: Project): ProjectProposal => ({
  code: project.code,
  name: project.name,
  functionalCode: project.functionalCode,
  fundSource: project.fundSource,
  amount: project.amount,
  fiscalFunds: project.fiscalFunds,
  otherFunds: project.otherFunds,
  purpose: project.purpose,
  spendingPlan: project.spendingPlan.map((c) => ({ checkpoint: c.checkpoint, cumulativePercent: c.cumulativePercent })),
  goal: project.goal,
  indicators: project.indicators.map((i) => indicatorWithTarget(i, i.target.printed)),
  lines: project.lines.map((l) => ({ ...l })),
  ...(project.fromCarryOver === true ? { fromCarryOver: true } : {}),
  ...(project.unit !== undefined ? { unit: project.unit } : {}),
  ...(project.startYear !== undefined ? { startYear: project.startYear } : {}),
  ...(project.endYear !== undefined ? { endYear: project.endYear } : {}),
  ...(project.yearlyAmounts !== undefined ? { yearlyAmounts: project.yearlyAmounts.map((y) => ({ ...y })) } : {}),
});

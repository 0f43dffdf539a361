import type {
  BasicExpenditureLine,
  BudgetContent,
  CarryOver,
  FixedAssets,
  PriorYearFigures,
  ProcurementItem,
  Project,
  ProjectLine,
} from '../content/budget-content';
import type {
  BasicLineWire,
  BudgetContentWire,
  CarryOverWire,
  FixedAssetsWire,
  PriorYearWire,
  ProcurementItemWire,
  ProjectWire,
} from '@budgetflow/contracts';
import { moneyFromWire as m, moneyToWire as w, type Wire } from './money-wire';
import { indicatorWithTarget } from '../rules/indicators';

/**
 * JSON forms of the content parts that travel inside events and answers, and their way back. The forms are the
 * API's contracts (what the console reads); each must be exactly the `Wire` of its domain type, so a field added,
 * dropped or retyped on either side fails `tsc` here.
 */
export type { BasicLineWire, BudgetContentWire, CarryOverWire, FixedAssetsWire, PriorYearWire, ProcurementItemWire, ProjectWire };

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A union of checks: one `false` among them makes it `boolean`, which is not `true`. */
type Holds<T extends true> = T;
export type ContentWireIsTheContract = Holds<
  Exactly<Wire<BudgetContent>, BudgetContentWire> |
    Exactly<Wire<BasicExpenditureLine>, BasicLineWire> |
    Exactly<Wire<Project>, ProjectWire> |
    Exactly<Wire<CarryOver>, CarryOverWire> |
    Exactly<Wire<PriorYearFigures>, PriorYearWire> |
    Exactly<Wire<FixedAssets>, FixedAssetsWire> |
    Exactly<Wire<ProcurementItem>, ProcurementItemWire>
>;

/**
 * `fromCarryOver` and `unit` travel only when set: events written before they existed read the same (absent means
 * false and the department itself), and a line without them has one JSON form, whichever version wrote it.
 */
const carryOverAndUnit = (part: { fromCarryOver?: boolean; unit?: string }): { fromCarryOver?: true; unit?: string } => ({
  ...(part.fromCarryOver === true ? { fromCarryOver: true as const } : {}),
  ...(part.unit !== undefined && part.unit !== '' ? { unit: part.unit } : {}),
});

export const basicLineToWire = (line: BasicExpenditureLine): BasicLineWire => ({
  lineId: line.lineId,
  functionalCode: line.functionalCode,
  economicCode: line.economicCode,
  fundSource: line.fundSource,
  amount: w(line.amount),
  ...carryOverAndUnit(line),
});
export const basicLineFromWire = (line: BasicLineWire): BasicExpenditureLine => ({ ...line, amount: m(line.amount) });

const projectLineToWire = (line: ProjectLine): Wire<ProjectLine> => ({
  functionalCode: line.functionalCode,
  economicCode: line.economicCode,
  fundSource: line.fundSource,
  amount: w(line.amount),
  ...(line.fromCarryOver === true ? { fromCarryOver: true as const } : {}),
});

export const projectToWire = (project: Project): ProjectWire => ({
  code: project.code,
  name: project.name,
  functionalCode: project.functionalCode,
  fundSource: project.fundSource,
  amount: w(project.amount),
  fiscalFunds: w(project.fiscalFunds),
  otherFunds: w(project.otherFunds),
  purpose: project.purpose,
  spendingPlan: project.spendingPlan.map((c) => ({ checkpoint: c.checkpoint, month: c.month, cumulativePercent: c.cumulativePercent })),
  goal: project.goal,
  indicators: project.indicators.map((i) =>
    indicatorWithTarget(i, { printed: i.target.printed, comparator: i.target.comparator, value: i.target.value, unit: i.target.unit }),
  ),
  lines: project.lines.map(projectLineToWire),
  ...carryOverAndUnit(project),
  ...multiYearToWire(project),
});

/** A multi-year project's years travel only when set: a one-year project has the one JSON form it always had. */
const multiYearToWire = (project: Project): Pick<ProjectWire, 'startYear' | 'endYear' | 'yearlyAmounts'> => ({
  ...(project.startYear !== undefined ? { startYear: project.startYear } : {}),
  ...(project.endYear !== undefined ? { endYear: project.endYear } : {}),
  ...(project.yearlyAmounts !== undefined && project.yearlyAmounts.length > 0
    ? { yearlyAmounts: project.yearlyAmounts.map((y) => ({ fiscalYear: y.fiscalYear, amount: w(y.amount) })) }
    : {}),
});
export const projectFromWire = ({ yearlyAmounts, ...project }: ProjectWire): Project => ({
  ...project,
  amount: m(project.amount),
  fiscalFunds: m(project.fiscalFunds),
  otherFunds: m(project.otherFunds),
  spendingPlan: project.spendingPlan.map((c) => ({ ...c })),
  indicators: project.indicators.map((i) => ({ ...i, target: { ...i.target } })),
  lines: project.lines.map((l) => ({ ...l, amount: m(l.amount) })),
  ...(yearlyAmounts ? { yearlyAmounts: yearlyAmounts.map((y) => ({ fiscalYear: y.fiscalYear, amount: m(y.amount) })) } : {}),
});

export const carryOverToWire = (c: CarryOver): CarryOverWire => ({ fromLastYear: w(c.fromLastYear), toNextYear: w(c.toNextYear) });
export const carryOverFromWire = (c: CarryOverWire): CarryOver => ({ fromLastYear: m(c.fromLastYear), toNextYear: m(c.toNextYear) });

/** Prior-year figures with their amounts in another form (`Decimal` ↔ wire string). */
const mapPriorYear = <A, B>(p: PriorYearWire<A>, amount: (a: A) => B): PriorYearWire<B> => ({
  fiscalYear: p.fiscalYear,
  total: amount(p.total),
  basic: amount(p.basic),
  project: amount(p.project),
  threePublicExpenses: amount(p.threePublicExpenses),
});
export const priorYearToWire = (p: PriorYearFigures): PriorYearWire => mapPriorYear(p, w);
export const priorYearFromWire = (p: PriorYearWire): PriorYearFigures => mapPriorYear(p, m);

/** Fixed assets with their values in another form (`Decimal` ↔ wire string). */
const mapFixedAssets = <A, B>(f: FixedAssetsWire<A>, amount: (a: A) => B): FixedAssetsWire<B> => {
  const countAndValue = (c: { count: number; value: A }) => ({ count: c.count, value: amount(c.value) });
  return { asOf: f.asOf, total: amount(f.total), vehicles: countAndValue(f.vehicles), equipmentOver200k: countAndValue(f.equipmentOver200k), other: countAndValue(f.other) };
};
export const fixedAssetsToWire = (f: FixedAssets): FixedAssetsWire => mapFixedAssets(f, w);
export const fixedAssetsFromWire = (f: FixedAssetsWire): FixedAssets => mapFixedAssets(f, m);

export const procurementItemToWire = (p: ProcurementItem): ProcurementItemWire => ({
  item: p.item,
  ...(p.category !== undefined ? { category: p.category } : {}),
  amount: w(p.amount),
  ...(p.fundSource !== undefined ? { fundSource: p.fundSource } : {}),
  ...(p.fromCarryOver ? { fromCarryOver: true } : {}),
  ...(p.project !== undefined ? { project: p.project } : {}),
});
export const procurementItemFromWire = (p: ProcurementItemWire): ProcurementItem => ({ ...p, amount: m(p.amount) });

/**
 * The whole content as JSON, in the field names of budget-facts/1: every line and project says whether it is
 * spent from carry-over and which unit it belongs to (the department itself when it names none).
 */
export const contentToWire = (c: BudgetContent): BudgetContentWire => ({
  department: { ...c.department },
  fiscalYear: c.fiscalYear,
  ...(c.units && c.units.length > 0 ? { units: c.units.map((unit) => ({ ...unit })) } : {}),
  income: c.income.map((i) => ({ source: i.source, amount: w(i.amount) })),
  carryOver: carryOverToWire(c.carryOver),
  basicExpenditureLines: c.basicExpenditureLines.map((line) => ({
    ...basicLineToWire(line),
    fromCarryOver: line.fromCarryOver === true,
    unit: line.unit ?? c.department.code,
  })),
  projects: c.projects.map((project) => {
    const wire = projectToWire(project);
    return {
      ...wire,
      lines: wire.lines.map((line) => ({ ...line, fromCarryOver: line.fromCarryOver === true })),
      fromCarryOver: project.fromCarryOver === true,
      unit: project.unit ?? c.department.code,
    };
  }),
  ...(c.priorYear ? { priorYear: priorYearToWire(c.priorYear) } : {}),
  ...(c.fixedAssets ? { fixedAssets: fixedAssetsToWire(c.fixedAssets) } : {}),
  procurement: c.procurement.map(procurementItemToWire),
  ...(c.text ? { text: JSON.parse(JSON.stringify(c.text)) } : {}),
});

/**
 * The budget in the field names of budget-facts/1, amounts in 元: `units` (the department itself when it declares
 * none), `income`, `carryOver`, `basicExpenditureLines` and `projects` (each with `unit` and `fromCarryOver`) and
 * `priorYear`. `GET /v1/budgets/{department}/{year}` answers with these beside its own fields.
 */
export const budgetFactsFields = (c: BudgetContent) => {
  const wire = contentToWire(c);
  return {
    units:
      c.units && c.units.length > 0
        ? c.units.map((unit) => ({ ...unit }))
        : [{ code: c.department.code, name: c.department.name, unitKind: c.department.unitKind }],
    income: wire.income,
    carryOver: wire.carryOver,
    basicExpenditureLines: wire.basicExpenditureLines,
    projects: wire.projects,
    ...(wire.priorYear ? { priorYear: wire.priorYear } : {}),
  };
};

/** Structural equality through the canonical JSON form (amounts compared by value). */
/** JSON with object keys sorted: events come back from jsonb with their keys reordered. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

/** Equal as JSON values, whatever the order of object keys. */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

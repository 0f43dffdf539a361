import type { BudgetContent, Project } from '../content/budget-content';
import { Decimal, type Money } from '../money/money';
import { projectToWire, sameJson } from '../wire/content-wire';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One line of the difference between two contents (e.g. approved version N and N+1). */
export interface ContentChange {
  section: 'income' | 'carryOver' | 'basicLine' | 'project';
  /** Income source, `fromLastYear`/`toNextYear`, `functional/economic/fundSource` of a basic line, or project code. */
  key: string;
  /** What a reader calls the line: the source, the codes, the project name. */
  label: string;
  kind: ChangeKind;
  /** Amounts in 元; absent on the side where the line does not exist. */
  before?: Money;
  after?: Money;
  /** after − before (a missing side counts as 0). */
  delta: Money;
  /** For a changed project: the fields that differ (`amount`, `indicators`, `spendingPlan` …). */
  changedFields?: string[];
}

interface Keyed<T> {
  key: string;
  label: string;
  amount: Money;
  item?: T;
}

const zero = new Decimal(0);

/** Lines of one section compared by key; unchanged lines are left out. */
const diffSection = <T>(
  section: ContentChange['section'],
  before: Keyed<T>[],
  after: Keyed<T>[],
  otherChanges: (a: T | undefined, b: T | undefined) => string[] = () => [],
): ContentChange[] => {
  const index = (lines: Keyed<T>[]) => {
    const map = new Map<string, Keyed<T>>();
    // Lines sharing a key (should not happen) are added up, as the tables would.
    for (const l of lines) {
      const seen = map.get(l.key);
      map.set(l.key, seen ? { ...seen, amount: seen.amount.plus(l.amount) } : l);
    }
    return map;
  };
  const was = index(before);
  const now = index(after);
  const keys = [...new Set([...was.keys(), ...now.keys()])];
  return keys.flatMap((key): ContentChange[] => {
    const b = was.get(key);
    const a = now.get(key);
    const label = (a ?? b)!.label;
    if (!b) return [{ section, key, label, kind: 'added', after: a!.amount, delta: a!.amount }];
    if (!a) return [{ section, key, label, kind: 'removed', before: b.amount, delta: b.amount.negated() }];
    const fields = otherChanges(b.item, a.item);
    if (b.amount.eq(a.amount) && fields.length === 0) return [];
    return [
      {
        section,
        key,
        label,
        kind: 'changed',
        before: b.amount,
        after: a.amount,
        delta: a.amount.minus(b.amount),
        ...(fields.length ? { changedFields: fields } : {}),
      },
    ];
  });
};

const projectFieldChanges = (a: Project | undefined, b: Project | undefined): string[] => {
  if (!a || !b) return [];
  const before = projectToWire(a);
  const after = projectToWire(b);
  return (Object.keys(after) as (keyof typeof after)[]).filter((k) => !sameJson(before[k], after[k]));
};

/**
 * What changed between two contents, line by line: income by source, carry-over, basic lines by
 * (functional, economic, fund source, carry-over, unit), projects by code; with before/after amounts and the kind of change.
 */
export const diffContent = (before: BudgetContent, after: BudgetContent): ContentChange[] => [
  ...diffSection(
    'income',
    before.income.map((i) => ({ key: i.source, label: i.source, amount: i.amount })),
    after.income.map((i) => ({ key: i.source, label: i.source, amount: i.amount })),
  ),
  ...diffSection(
    'carryOver',
    carryOverLines(before),
    carryOverLines(after),
  ),
  ...diffSection(
    'basicLine',
    before.basicExpenditureLines.map(basicKeyed),
    after.basicExpenditureLines.map(basicKeyed),
  ),
  ...diffSection('project', before.projects.map(projectKeyed), after.projects.map(projectKeyed), projectFieldChanges),
];

const carryOverLines = (c: BudgetContent): Keyed<never>[] =>
  [
    { key: 'fromLastYear', label: '上年结转结余', amount: c.carryOver.fromLastYear },
    { key: 'toNextYear', label: '年终结转结余', amount: c.carryOver.toNextYear },
  ].filter((l) => !l.amount.eq(zero));

/** A carry-over-funded line and a unit's line are lines of their own (the same codes may be funded both ways). */
const basicKeyed = (l: BudgetContent['basicExpenditureLines'][number]): Keyed<never> => {
  const qualifiers = [...(l.fromCarryOver ? ['上年结转'] : []), ...(l.unit ? [l.unit] : [])];
  return {
    key: [l.functionalCode, l.economicCode, l.fundSource, ...qualifiers].join('/'),
    label: [l.functionalCode, l.economicCode, l.fundSource, ...qualifiers].join(' '),
    amount: l.amount,
  };
};

const projectKeyed = (p: Project): Keyed<Project> => ({ key: p.code, label: p.name, amount: p.amount, item: p });

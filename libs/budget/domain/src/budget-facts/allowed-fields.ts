/**
 * The fields budget-facts/1 defines, at every depth: the format is strict, so a field outside this shape (a typo
 * like `fundsource`, a field of another format) is refused with its path instead of being silently dropped.
 * `value` is a leaf (its type is the parser's to check); `anything` is free-form content kept as given.
 */
type FieldShape = 'value' | 'anything' | { readonly [field: string]: FieldShape } | readonly [FieldShape];

const department = { code: 'value', name: 'value', unitKind: 'value', unitName: 'value', unitRank: 'value', fundingForm: 'value' } as const;
const projectLine = { functionalCode: 'value', economicCode: 'value', fundSource: 'value', amount: 'value', fromCarryOver: 'value' } as const;
const holding = { count: 'value', value: 'value' } as const;
const indicator = { level1: 'value', level2: 'value', name: 'value', description: 'value', target: 'value', basis: 'value' } as const;
const catalogEntry = { code: 'value', name: 'value' } as const;

export const BUDGET_FACTS_FIELDS: FieldShape = {
  format: 'value',
  /** A note on where the document comes from, for people; not read. */
  about: 'value',
  /** Known mistakes of the published original, for people; not read. */
  knownInconsistencies: 'anything',
  department,
  fiscalYear: 'value',
  unit: 'value',
  income: [{ source: 'value', amount: 'value' }],
  carryOver: { fromLastYear: 'value', toNextYear: 'value' },
  units: [{ code: 'value', name: 'value', unitKind: 'value', parent: 'value' }],
  basicExpenditureLines: [{ ...projectLine, unit: 'value' }],
  projects: [
    {
      code: 'value',
      name: 'value',
      functionalCode: 'value',
      fundSource: 'value',
      amount: 'value',
      fiscalFunds: 'value',
      otherFunds: 'value',
      purpose: 'value',
      spendingPlan: [{ checkpoint: 'value', cumulativePercent: 'value' }],
      goal: 'value',
      indicators: [indicator],
      lines: [projectLine],
      unit: 'value',
      fromCarryOver: 'value',
    },
  ],
  priorYear: { fiscalYear: 'value', total: 'value', basic: 'value', project: 'value', threePublicExpenses: 'value', note: 'value' },
  fixedAssets: { asOf: 'value', total: 'value', vehicles: holding, equipmentOver200k: holding, other: holding },
  procurement: [{ item: 'value', category: 'value', amount: 'value', fundSource: 'value', fromCarryOver: 'value', project: 'value' }],
  text: {
    duties: 'anything',
    organisation: 'anything',
    overallPerformanceGoals: 'value',
    overallPerformance: {
      summary: 'value',
      goals: [{ name: 'value', goal: 'value', indicators: [indicator] }],
      measures: 'value',
    },
    runningCostsUse: 'value',
    threePublicChangeReason: 'value',
    specialFunds: 'value',
  },
  catalogUsed: { functional: [catalogEntry], economic: [catalogEntry] },
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths of every field of `value` that `shape` does not define (`projects[2].lines[0].fundsource`). */
export const fieldsNotAllowed = (value: unknown, shape: FieldShape = BUDGET_FACTS_FIELDS, path = ''): string[] => {
  if (shape === 'value' || shape === 'anything') return [];
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((element, index) => fieldsNotAllowed(element, shape[0], `${path}[${index}]`));
  }
  if (!isObject(value)) return [];
  const fields = shape as { readonly [field: string]: FieldShape };
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = path ? `${path}.${key}` : key;
    return Object.prototype.hasOwnProperty.call(fields, key) ? fieldsNotAllowed(inner, fields[key], at) : [at];
  });
};

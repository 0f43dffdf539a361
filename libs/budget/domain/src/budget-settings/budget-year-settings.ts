import type { Actor } from '../actor';
import { type BudgetYearSettings, DEFAULT_BUDGET_YEAR_SETTINGS, ROUNDS_MODES, type RoundsMode } from '../context';
import { refuse } from '../errors';

/** One stream per fiscal year: `settings-budget-2025`. */
export const budgetYearSettingsStreamId = (fiscalYear: number): string => `settings-budget-${fiscalYear}`;

export const BUDGET_YEAR_SETTINGS_CHANGED = 'BudgetYearSettingsChanged';
/** Each change carries the whole settings: the last one stands. */
export interface BudgetYearSettingsChanged {
  type: typeof BUDGET_YEAR_SETTINGS_CHANGED;
  data: BudgetYearSettings;
}

/** The settings given replace the current ones; those left out stay. */
export interface ChangeBudgetYearSettings {
  type: 'ChangeBudgetYearSettings';
  actor: Actor;
  projectsFromLibrary?: boolean;
  rounds?: string;
  reviewSteps?: string[];
}

/** The settings after these events (none: the defaults, which are how budgets were made before). */
export const budgetYearSettingsOf = (events: ReadonlyArray<{ type: string; data: unknown }>, from = DEFAULT_BUDGET_YEAR_SETTINGS): BudgetYearSettings => {
  const last = [...events].reverse().find((event) => event.type === BUDGET_YEAR_SETTINGS_CHANGED);
  return last ? { ...DEFAULT_BUDGET_YEAR_SETTINGS, ...(last.data as Partial<BudgetYearSettings>) } : from;
};

/** Finance alone sets how the year's budgets are made; the same settings again are nothing new. */
export const decideBudgetYearSettings = (command: ChangeBudgetYearSettings, current: BudgetYearSettings): BudgetYearSettingsChanged[] => {
  if (command.actor.role !== 'finance') refuse('FORBIDDEN_ROLE', 'actor.role', '只有财政部门可以设置年度编制方式');
  if (command.rounds !== undefined && !(ROUNDS_MODES as readonly string[]).includes(command.rounds))
    refuse('ROUNDS_MODE_UNKNOWN', 'rounds', `编制轮次“${command.rounds}”应为 single（一轮）或 four（一上一下二上二下）`);
  const steps = command.reviewSteps?.map((step) => (typeof step === 'string' ? step.trim() : ''));
  steps?.forEach((step, i) => {
    if (!step) refuse('FIELD_REQUIRED', `reviewSteps[${i}]`, '审核环节名称不能为空');
    if (steps.indexOf(step) !== i) refuse('REVIEW_STEP_UNKNOWN', `reviewSteps[${i}]`, `审核环节“${step}”重复`);
  });
  const next: BudgetYearSettings = {
    projectsFromLibrary: command.projectsFromLibrary ?? current.projectsFromLibrary,
    rounds: (command.rounds as RoundsMode | undefined) ?? current.rounds,
    reviewSteps: steps ?? current.reviewSteps,
  };
  const same = next.projectsFromLibrary === current.projectsFromLibrary && next.rounds === current.rounds && JSON.stringify(next.reviewSteps) === JSON.stringify(current.reviewSteps);
  return same ? [] : [{ type: BUDGET_YEAR_SETTINGS_CHANGED, data: next }];
};

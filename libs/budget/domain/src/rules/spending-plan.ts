import type { SpendingPlanCheckpoint } from '../content/budget-content';
import type { SpendingPlanEntry } from '../commands/draft-commands';
import { refuse } from '../errors';

/**
 * The standard 资金支出计划 of a year's project: a quarter spent by each of 3月底, 6月底 and 10月底, the whole by
 * 12月底 (the schedule of the demo county, the benches and the test world). A fresh list on every call.
 */
export const standardSpendingPlan = (): SpendingPlanEntry[] => [
  { checkpoint: '3月底', cumulativePercent: 25 },
  { checkpoint: '6月底', cumulativePercent: 50 },
  { checkpoint: '10月底', cumulativePercent: 75 },
  { checkpoint: '12月底', cumulativePercent: 100 },
];

/** Month (1–12) of a checkpoint printed like `3月底` (also `3月`, `12 月末`); `null` if unreadable. */
export const parseCheckpointMonth = (checkpoint: string): number | null => {
  const match = /^\s*(\d{1,2})\s*月\s*(底|末)?\s*$/.exec(checkpoint ?? '');
  if (!match) return null;
  const month = Number(match[1]);
  return month >= 1 && month <= 12 ? month : null;
};

/**
 * 资金支出计划: checkpoints in strictly increasing months, each cumulative percent within 0–100 and never
 * below the previous one, the last one 100.
 */
export const parseSpendingPlan = (entries: SpendingPlanEntry[], field: string): SpendingPlanCheckpoint[] => {
  if (!Array.isArray(entries) || entries.length === 0) refuse('SPENDING_PLAN_INCOMPLETE', field);
  const plan: SpendingPlanCheckpoint[] = [];
  entries.forEach((entry, i) => {
    const at = `${field}[${i}]`;
    const month = parseCheckpointMonth(entry.checkpoint);
    if (month === null) refuse('SPENDING_PLAN_CHECKPOINT_INVALID', `${at}.checkpoint`);
    const percent = entry.cumulativePercent;
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100)
      refuse('SPENDING_PLAN_PERCENT_OUT_OF_RANGE', `${at}.cumulativePercent`);
    const previous = plan[plan.length - 1];
    if (previous && month! <= previous.month) refuse('SPENDING_PLAN_MONTHS_NOT_INCREASING', `${at}.checkpoint`);
    if (previous && percent < previous.cumulativePercent) refuse('SPENDING_PLAN_PERCENT_DECREASING', `${at}.cumulativePercent`);
    plan.push({ checkpoint: entry.checkpoint, month: month!, cumulativePercent: percent });
  });
  if (plan[plan.length - 1].cumulativePercent !== 100)
    refuse('SPENDING_PLAN_INCOMPLETE', `${field}[${plan.length - 1}].cumulativePercent`);
  return plan;
};

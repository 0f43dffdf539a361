import type { Actor } from '../actor';
import { refuse } from '../errors';

/**
 * How printed cells are rounded to 0.01 万元.
 * - `each-cell` (the default, as the publications we compare with print): every cell is its exact amount rounded
 *   half-up on its own, so a printed total may differ by a few 0.01 from the sum of its printed parts.
 * - `tail-difference` (尾差调整): printed parts add up to their printed totals; the largest part takes the
 *   rounding remainder (see `printWithTailDifference` in budget-projections).
 */
export const PRINT_ROUNDINGS = ['each-cell', 'tail-difference'] as const;
export type PrintRounding = (typeof PRINT_ROUNDINGS)[number];
export const DEFAULT_PRINT_ROUNDING: PrintRounding = 'each-cell';

/** 公开表打印参数 — finance's per-year settings of how the disclosure is printed. */
export interface DisclosureSettings {
  rounding: PrintRounding;
}
export const DEFAULT_DISCLOSURE_SETTINGS: DisclosureSettings = { rounding: DEFAULT_PRINT_ROUNDING };

export interface ChangeDisclosureSettings {
  type: 'ChangeDisclosureSettings';
  actor: Actor;
  rounding: string;
}

export const DISCLOSURE_SETTINGS_CHANGED = 'DisclosureSettingsChanged';
/** Each change carries the whole settings: the last one stands. */
export interface DisclosureSettingsChanged {
  type: typeof DISCLOSURE_SETTINGS_CHANGED;
  data: DisclosureSettings;
}

/** One stream per fiscal year: `settings-disclosure-2024`. */
export const disclosureSettingsStreamId = (fiscalYear: number): string => `settings-disclosure-${fiscalYear}`;

/** The settings after these events (the last change stands; none: the defaults). */
export const disclosureSettingsOf = (events: ReadonlyArray<{ type: string; data: unknown }>, from = DEFAULT_DISCLOSURE_SETTINGS): DisclosureSettings => {
  const last = [...events].reverse().find((event) => event.type === DISCLOSURE_SETTINGS_CHANGED);
  return last ? (last.data as DisclosureSettings) : from;
};

/** Finance alone sets how the year's disclosure is printed; the same settings again are nothing new. */
export const decideDisclosureSettings = (command: ChangeDisclosureSettings, current: DisclosureSettings): DisclosureSettingsChanged[] => {
  if (command.actor.role !== 'finance') refuse('FORBIDDEN_ROLE');
  if (!(PRINT_ROUNDINGS as readonly string[]).includes(command.rounding)) {
    refuse('PRINT_ROUNDING_UNKNOWN', 'rounding', `打印取整方式“${command.rounding}”应为 ${PRINT_ROUNDINGS.join(' 或 ')}`);
  }
  const next: DisclosureSettings = { rounding: command.rounding as PrintRounding };
  return next.rounding === current.rounding ? [] : [{ type: DISCLOSURE_SETTINGS_CHANGED, data: next }];
};

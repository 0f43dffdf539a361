/**
 * The three kinds of in-year change (预算执行中的变动), each approved by finance with a 文号, a reason and an
 * effective date, each making a new approved version:
 * - `addition` 追加: new money for the department, with the income that pays for it (the total grows, nothing shrinks);
 * - `transfer` 调剂: money moved between lines or projects within the approved total (income and total unchanged; a
 *   source may not give away money already paid from it);
 * - `adjustment` 调整: a formal adjustment (any balanced change) — the one kind there was before, and the default.
 */
export type InYearChangeKind = 'addition' | 'transfer' | 'adjustment';

export const IN_YEAR_CHANGE_KINDS: readonly InYearChangeKind[] = ['addition', 'transfer', 'adjustment'];

export const IN_YEAR_CHANGE_KIND_NAMES: Record<InYearChangeKind, string> = { addition: '追加', transfer: '调剂', adjustment: '调整' };

/** A kind as sent: its English code or its Chinese name; `undefined` when it is neither. */
export const inYearChangeKindOf = (text: string): InYearChangeKind | undefined =>
  IN_YEAR_CHANGE_KINDS.find((kind) => kind === text || IN_YEAR_CHANGE_KIND_NAMES[kind] === text);

/** The Shanghai calendar date (YYYY-MM-DD) of an instant: budgets live on Beijing time. */
export const shanghaiDateOf = (instant: Date | string): string =>
  new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A real calendar date written YYYY-MM-DD. */
export const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

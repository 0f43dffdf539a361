import type { Comparator, IndicatorTarget } from '../content/budget-content';

/** Comparators as they appear in printed targets, normalised to the published (full-width ＝) forms. */
const COMPARATOR_SPELLINGS: ReadonlyArray<readonly [string, Exclude<Comparator, null>]> = [
  ['>=', '≥'],
  ['<=', '≤'],
  ['≥', '≥'],
  ['≤', '≤'],
  ['≧', '≥'],
  ['≦', '≤'],
  ['＞＝', '≥'],
  ['＞=', '≥'],
  ['＜＝', '≤'],
  ['＜=', '≤'],
  ['＝', '＝'],
  ['==', '＝'],
  ['=', '＝'],
];

const NUMBER_AND_UNIT = /^(-?\d+(?:\.\d+)?)\s*(\S(?:.*\S)?)?$/;

/**
 * Parses an indicator target (指标值) as printed: `8 个`, `100 %`, `≤60天`, `5 万元`, `72.4万元`, `≥95 %`, `＝9人`.
 * ASCII `>=`, `<=`, `=` are accepted and normalised. Returns `null` when the text carries no number
 * (qualitative targets are not part of budget-facts/1).
 */
export const parseIndicatorTarget = (text: string): IndicatorTarget | null => {
  const printed = text.trim();
  let rest = printed;
  let comparator: Comparator = null;
  for (const [spelling, normalised] of COMPARATOR_SPELLINGS) {
    if (rest.startsWith(spelling)) {
      comparator = normalised;
      rest = rest.slice(spelling.length).trim();
      break;
    }
  }
  const match = NUMBER_AND_UNIT.exec(rest);
  if (!match) return null;
  return { printed, comparator, value: match[1], unit: match[2] ?? '' };
};

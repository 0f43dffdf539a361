import type { Comparator, IndicatorTarget } from '../content/budget-content';

/** Comparator spellings seen in printed tables, longest first: ASCII, full-width and the ≧/≦ variants. */
const COMPARATOR_SPELLINGS: [string, Exclude<Comparator, null>][] = [
  ['＞＝', '≥'], ['＞=', '≥'], ['>=', '≥'], ['≥', '≥'], ['≧', '≥'],
  ['＜＝', '≤'], ['＜=', '≤'], ['<=', '≤'], ['≤', '≤'], ['≦', '≤'],
  ['==', '＝'], ['＝', '＝'], ['=', '＝'],
];

const toHalfWidthDigits = (text: string): string =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');

/**
 * Reads an indicator target as printed (`8 个`, `100 %`, `≤60天`, `5 万元`, `72.4万元`, `≥95 %`, `＝9人`) into
 * comparator, number and unit; `null` when there is no number to read.
 */
export const parseIndicatorTarget = (printed: string): IndicatorTarget | null => {
  if (typeof printed !== 'string') return null;
  let rest = toHalfWidthDigits(printed.trim());
  let comparator: Comparator = null;
  const spelling = COMPARATOR_SPELLINGS.find(([s]) => rest.startsWith(s));
  if (spelling) {
    comparator = spelling[1];
    rest = rest.slice(spelling[0].length);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(.*?)\s*$/.exec(rest);
  if (!match) return null;
  const unit = match[2].replace(/％/g, '%');
  if (/\d/.test(unit)) return null;
  return { printed, comparator, value: match[1], unit };
};

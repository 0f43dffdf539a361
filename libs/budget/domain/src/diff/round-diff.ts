import { refuse } from '../errors';
import { Decimal, type Money } from '../money/money';
import { budgetTotals } from '../rules/totals';
import type { ControlNumbers, RoundFigures, RoundName, RoundsRecord } from '../state';
import { type ContentChange, diffContent } from './content-diff';

/** The rounds of a year of four rounds, in order. */
export const ROUND_NAMES: readonly RoundName[] = ['一上', '一下', '二上', '二下'];

/** A round's name as a reader writes it (`一上` …), refused when it is none of the four (400 ROUND_UNKNOWN). */
export const roundNameOf = (text: string | undefined, field = 'round'): RoundName => {
  const name = (text ?? '').trim();
  if (!(ROUND_NAMES as readonly string[]).includes(name)) refuse('ROUND_UNKNOWN', field, `编制轮次“${name}”应为 ${ROUND_NAMES.join('、')} 之一`);
  return name as RoundName;
};

/**
 * A round's figures as kept: the last ones recorded for that round (a round returned and submitted again, or control
 * numbers issued again, keeps each; the last stands). Refused (404 ROUND_NOT_REACHED) when the budget has not reached it.
 */
export const roundFiguresOf = (rounds: RoundsRecord | undefined, round: RoundName, field = 'round'): RoundFigures => {
  const figures = [...(rounds?.figures ?? [])].reverse().find((f) => f.round === round);
  if (!figures)
    refuse('ROUND_NOT_REACHED', field, rounds ? `预算尚未进行到“${round}”（当前为“${rounds.current}”）` : `预算尚未进入编制轮次（尚未报送一上，或本年度为一轮编制），没有“${round}”的数字`);
  return figures as RoundFigures;
};

/** The totals a round's figures hold: of the content (一上, 二上, 二下), or the control numbers' caps (一下). */
export interface RoundTotals {
  total?: Money;
  basic?: Money;
  project?: Money;
}

export const roundTotals = (figures: RoundFigures): RoundTotals => {
  if (figures.content) {
    const totals = budgetTotals(figures.content);
    return { total: totals.expenditure, basic: totals.basic, project: totals.project };
  }
  const caps: ControlNumbers = figures.controlNumbers ?? {};
  return { ...(caps.total ? { total: caps.total } : {}), ...(caps.basic ? { basic: caps.basic } : {}), ...(caps.project ? { project: caps.project } : {}) };
};

export const ROUND_TOTAL_LABELS: Record<keyof RoundTotals, string> = { total: '支出合计', basic: '基本支出', project: '项目支出' };

/** A round change: the content's line changes, or (`section: 'totals'`) a change of a total. */
export type RoundChange = Omit<ContentChange, 'section'> & { section: ContentChange['section'] | 'totals' };

export interface RoundsDiff {
  /** `content`: both rounds keep their content and it is compared line by line; `totals`: one keeps only totals (一下's control numbers). */
  basis: 'content' | 'totals';
  changes: RoundChange[];
}

const zero = new Decimal(0);

/**
 * What changed from one round to another: line by line when both rounds keep their content (一上, 二上, 二下), else
 * (一下 keeps only the control numbers) the totals each holds — 支出合计, 基本支出, 项目支出 — those missing on one side
 * counted as absent there.
 */
export const diffRounds = (from: RoundFigures, to: RoundFigures): RoundsDiff => {
  if (from.content && to.content) return { basis: 'content', changes: diffContent(from.content, to.content) };
  const before = roundTotals(from);
  const after = roundTotals(to);
  const changes = (Object.keys(ROUND_TOTAL_LABELS) as (keyof RoundTotals)[]).flatMap((key): RoundChange[] => {
    const b = before[key];
    const a = after[key];
    if (!a && !b) return [];
    if (a && b && a.eq(b)) return [];
    return [
      {
        section: 'totals',
        key,
        label: ROUND_TOTAL_LABELS[key],
        kind: !b ? 'added' : !a ? 'removed' : 'changed',
        ...(b ? { before: b } : {}),
        ...(a ? { after: a } : {}),
        delta: (a ?? zero).minus(b ?? zero),
      },
    ];
  });
  return { basis: 'totals', changes };
};

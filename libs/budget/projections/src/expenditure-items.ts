import type { BudgetContent, FundSource, Money } from './domain';

/** 基本支出 or 项目支出 */
export type ExpenditureKind = 'basic' | 'project';

/**
 * One amount of spending as every table sees it: basic lines as they are, a project either as its economic
 * split (`lines`) or, without one, as a single item at its own functional code and fund source.
 */
export interface ExpenditureItem {
  kind: ExpenditureKind;
  functionalCode: string;
  /** Absent for a project not split by economic code. */
  economicCode?: string;
  fundSource: FundSource;
  amount: Money;
  /** 上年结转 — paid from last year's carry-over of `fundSource` rather than from this year's income. */
  fromCarryOver: boolean;
  /** The unit the spending belongs to (`undefined`: the department itself). */
  unit?: string;
  /** Index into `content.projects` for project items. */
  projectIndex?: number;
}

export const expenditureItems = (content: BudgetContent): ExpenditureItem[] => [
  ...content.basicExpenditureLines.map(
    (line): ExpenditureItem => ({
      kind: 'basic',
      functionalCode: line.functionalCode,
      economicCode: line.economicCode,
      fundSource: line.fundSource,
      amount: line.amount,
      fromCarryOver: line.fromCarryOver === true,
      unit: line.unit,
    }),
  ),
  ...content.projects.flatMap((project, projectIndex): ExpenditureItem[] =>
    project.lines.length > 0
      ? project.lines.map((line) => ({
          kind: 'project',
          functionalCode: line.functionalCode,
          economicCode: line.economicCode,
          fundSource: line.fundSource,
          amount: line.amount,
          fromCarryOver: project.fromCarryOver === true || line.fromCarryOver === true,
          unit: project.unit,
          projectIndex,
        }))
      : [
          {
            kind: 'project',
            functionalCode: project.functionalCode,
            fundSource: project.fundSource,
            amount: project.amount,
            fromCarryOver: project.fromCarryOver === true,
            unit: project.unit,
            projectIndex,
          },
        ],
  ),
];

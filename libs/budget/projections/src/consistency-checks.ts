import { GENERAL_BUDGET } from './classification';
import { carryOverFromLastYear } from './budget-figures';
import { fiscalCarryOver, renderExactTables, type DisclosureTable, type ExactCell, type ExactTable } from './disclosure-tables';
import { costIndicatorMismatches, Decimal, formatWan, sum, yuanToWan, type BudgetContent, type CatalogNames, type Money } from './domain';
import { expenditureItems } from './expenditure-items';
import type { Narrative } from './narrative';
import type { DisclosureTableId } from './table-layouts';

/** 勾稽关系 finding: a figure that does not agree with another it must agree with. */
export interface ConsistencyFinding {
  code: ConsistencyCheckCode;
  /**
   * `error`: the tables contradict each other; `warning`: the department should look again before submitting;
   * `info`: a note that needs no action (a printed difference that rounding explains).
   */
  severity: 'error' | 'warning' | 'info';
  /** Chinese, for the department's budget clerk. */
  message: string;
  /** What the finding is about: a table (`T3`), a table cell (`T1[33][2]`) or a content path (`projects[1].indicators[3]`). */
  ref: string;
}

export type ConsistencyCheckCode =
  | 'T1_INCOME_EXPENDITURE_UNBALANCED'
  | 'T3_TOTAL_NOT_BASIC_PLUS_PROJECT'
  | 'T6_TOTAL_NOT_PERSONNEL_PLUS_PUBLIC_USE'
  | 'T3_BASIC_NOT_T6_TOTAL'
  | 'T1_T4_TOTALS_DIFFER'
  | 'T5_NOT_GENERAL_BUDGET_SUBSET_OF_T3'
  | 'T9_TOTAL_NOT_SUM_OF_ITEMS'
  | 'TABLE_MISSING'
  | 'NARRATIVE_FIGURE_DIFFERS_FROM_TABLE'
  | 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT'
  /** A printed total differs from its printed parts by what rounding each cell on its own explains: a note, no error. */
  | 'PRINTED_ROUNDING_DIFFERENCE';

/** A printed cell in 万元 as a number: blank is zero. */
const wan = (cell: string | undefined): Decimal => new Decimal((cell ?? '').trim() || 0);
/** Amounts are all the checks need: no names. */
const NO_NAMES: CatalogNames = { functionalName: () => undefined, economicName: () => undefined };
const printedWan = (yuan: Money): Decimal => yuanToWan(yuan).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Half a printed unit (0.005 万元): the most rounding half-up can move one printed cell. */
const HALF_PRINTED_UNIT = new Decimal('0.005');

/**
 * How a check reads the tables: `exact` reads the amounts before printing (元, to the fen, shown here in 万元),
 * `printed` reads the cells as published (each rounded on its own). A term that is not a cell (an amount computed
 * from the content) is read exactly or rounded the same way.
 */
type Reading = 'exact' | 'printed';

class TableReader {
  constructor(
    private readonly tables: ReadonlyArray<{ id: DisclosureTableId; rows: ExactCell[][] }>,
    readonly reading: Reading,
  ) {}

  rows(id: DisclosureTableId): ExactCell[][] | undefined {
    return this.tables.find((t) => t.id === id)?.rows;
  }

  /** The row whose `labelColumn` reads `label`, whitespace ignored. */
  row(id: DisclosureTableId, labelColumn: number, label: string): { index: number; cells: ExactCell[] } | undefined {
    const rows = this.rows(id) ?? [];
    const index = rows.findIndex((cells) => String(cells[labelColumn] ?? '').replace(/\s+/g, '') === label);
    return index < 0 ? undefined : { index, cells: rows[index] };
  }

  /** A cell or a computed amount (元) in 万元, as this reading sees it; a blank or missing cell is zero. */
  wan(term: ExactCell | undefined): Decimal {
    if (term === undefined) return new Decimal(0);
    if (typeof term === 'string') return this.reading === 'printed' ? wan(term) : new Decimal(0);
    return this.reading === 'printed' ? printedWan(term) : yuanToWan(term);
  }

  /** Whether a term is a rounded figure in this reading (a blank cell is an exact zero, nothing rounded). */
  rounded(term: ExactCell | undefined): boolean {
    if (this.reading === 'exact' || term === undefined) return false;
    return typeof term === 'string' ? term.trim() !== '' : !term.isZero();
  }
}

/** One 勾稽 equation: `total` = the sum of `parts`, at `ref`; `describe` words a failure in Chinese. */
interface Tie {
  ref: string;
  total: ExactCell | undefined;
  parts: Array<ExactCell | undefined>;
  describe: (total: Decimal, parts: Decimal) => string;
}

/** 万元 with two decimals for a message; exact amounts keep their fen (up to six decimals of 万元). */
const shown = (amount: Decimal, reading: Reading): string =>
  reading === 'printed' ? amount.toFixed(2) : amount.toDecimalPlaces(6).toFixed(Math.max(2, amount.decimalPlaces()));

/**
 * 勾稽 — the cross-checks a published budget must pass: each table balances, the tables agree with each other,
 * the narrative repeats the tables' figures, and each cost indicator (成本指标) matches its project's amount.
 *
 * Each equation is checked twice. On the exact amounts (元, to the fen) it must hold exactly, or it is an error.
 * On the printed cells a difference that rounding explains — at most half a printed unit (0.005 万元) for every
 * rounded term — is no error, only an `info` note (published budgets print each cell rounded on its own, so a
 * printed total may differ by 0.01 from its printed parts); a larger printed difference is an error.
 */
export const consistencyChecks = (
  content: BudgetContent,
  tables: readonly DisclosureTable[],
  narrative: Narrative,
  /** The exact tables `tables` were printed from, when the caller has them (else rendered again from `content`). */
  exactTables: readonly ExactTable[] = renderExactTables(content, NO_NAMES),
): ConsistencyFinding[] => {
  const findings: ConsistencyFinding[] = [];
  const printed = new TableReader(tables, 'printed');
  const exact = new TableReader(exactTables, 'exact');
  const error = (code: ConsistencyCheckCode, ref: string, message: string) =>
    findings.push({ code, severity: 'error', message, ref });
  const differ = (a: Decimal, b: Decimal) => !a.equals(b);

  /** Checks one kind of equation on the exact amounts, then on the printed cells. */
  const checkTies = (code: ConsistencyCheckCode, tiesOf: (reader: TableReader) => Tie[]): void => {
    const exactFailures = new Set<string>();
    for (const tie of tiesOf(exact)) {
      const total = exact.wan(tie.total);
      const parts = sum(tie.parts.map((part) => exact.wan(part)));
      if (differ(total, parts)) {
        exactFailures.add(tie.ref);
        error(code, tie.ref, `${tie.describe(total, parts)}（按精确金额，${shown(total, 'exact')}万元 ≠ ${shown(parts, 'exact')}万元）`);
      }
    }
    for (const tie of tiesOf(printed)) {
      if (exactFailures.has(tie.ref)) continue;
      const total = printed.wan(tie.total);
      const parts = sum(tie.parts.map((part) => printed.wan(part)));
      if (!differ(total, parts)) continue;
      const roundedTerms = [tie.total, ...tie.parts].filter((term) => printed.rounded(term)).length;
      if (total.minus(parts).abs().lessThanOrEqualTo(HALF_PRINTED_UNIT.times(roundedTerms))) {
        findings.push({
          code: 'PRINTED_ROUNDING_DIFFERENCE',
          severity: 'info',
          ref: tie.ref,
          message: `${tie.describe(total, parts)}，差额${total.minus(parts).abs().toFixed(2)}万元为各数分别四舍五入所致，精确金额相符`,
        });
      } else {
        error(code, tie.ref, tie.describe(total, parts));
      }
    }
  };

  for (const id of ['T1', 'T3', 'T4', 'T5', 'T6', 'T9'] as const) {
    if (!printed.rows(id)) error('TABLE_MISSING', id, `缺少表 ${id}，无法核对勾稽关系`);
  }

  // T1: 收入总计 = 支出总计; 收入总计 = 本年收入合计 + 上年结转结余; 支出总计 = 本年支出合计 + 年终结转结余.
  // (本年收入合计 and 本年支出合计 differ when spending is paid from last year's carry-over.)
  checkTies('T1_INCOME_EXPENDITURE_UNBALANCED', (reader) => {
    const grand = reader.row('T1', 1, '收入总计');
    const current = reader.row('T1', 1, '本年收入合计');
    const carry = reader.row('T1', 1, '上年结转结余');
    if (!grand) return [];
    const ties: Tie[] = [
      {
        ref: `T1[${grand.index}]`,
        total: grand.cells[2],
        parts: [grand.cells[4]],
        describe: (income, spending) => `收支总表收入总计${shown(income, reader.reading)}万元与支出总计${shown(spending, reader.reading)}万元不相等`,
      },
    ];
    if (current && carry) {
      ties.push(
        {
          ref: `T1[${grand.index}][2]`,
          total: grand.cells[2],
          parts: [current.cells[2], carry.cells[2]],
          describe: (total, parts) => `收支总表收入总计${shown(total, reader.reading)}万元不等于本年收入合计与上年结转结余之和${shown(parts, reader.reading)}万元`,
        },
        {
          ref: `T1[${grand.index}][4]`,
          total: grand.cells[4],
          parts: [current.cells[4], carry.cells[4]],
          describe: (total, parts) => `收支总表支出总计${shown(total, reader.reading)}万元不等于本年支出合计与年终结转结余之和${shown(parts, reader.reading)}万元`,
        },
      );
    }
    return ties;
  });

  // T3: 合计 = 基本支出 + 项目支出 (+ 经营支出, 上解上级支出, 对附属单位补助支出) on every row.
  checkTies('T3_TOTAL_NOT_BASIC_PLUS_PROJECT', (reader) =>
    (reader.rows('T3') ?? []).map((cells, index) => ({
      ref: `T3[${index}]`,
      total: cells[3],
      parts: cells.slice(4),
      describe: (total, parts) =>
        `支出总表第${String(cells[0])}行合计${shown(total, reader.reading)}万元不等于基本支出与项目支出之和${shown(parts, reader.reading)}万元`,
    })),
  );

  // T6: 合计 = 人员经费 + 公用经费 on every row.
  checkTies('T6_TOTAL_NOT_PERSONNEL_PLUS_PUBLIC_USE', (reader) =>
    (reader.rows('T6') ?? []).map((cells, index) => ({
      ref: `T6[${index}]`,
      total: cells[3],
      parts: [cells[4], cells[5]],
      describe: (total, parts) =>
        `基本支出表第${String(cells[0])}行合计${shown(total, reader.reading)}万元不等于人员经费与公用经费之和${shown(parts, reader.reading)}万元`,
    })),
  );

  // T3 基本支出 = T6 合计 + basic spending from other funds (which T6 leaves out).
  const otherFundsBasic = sum(
    content.basicExpenditureLines.filter((line) => line.fundSource !== GENERAL_BUDGET).map((line) => line.amount),
  );
  checkTies('T3_BASIC_NOT_T6_TOTAL', (reader) => {
    const t3Total = reader.row('T3', 2, '合计');
    const t6Total = reader.row('T6', 2, '合计');
    if (!t3Total || !t6Total) return [];
    return [
      {
        ref: 'T6[0][3]',
        total: t3Total.cells[4],
        parts: [t6Total.cells[3], otherFundsBasic],
        describe: (basic, parts) =>
          `支出总表基本支出${shown(basic, reader.reading)}万元与基本支出表合计加其他资金基本支出${shown(parts, reader.reading)}万元不相等`,
      },
    ];
  });

  // T1 总计 = T4 总计 + the non-fiscal income (财政专户管理资金, 单位资金) and carry-over that T4 leaves out.
  const items = expenditureItems(content);
  const nonFiscalCarryOver = carryOverFromLastYear(content).minus(fiscalCarryOver(content, items).fiscal);
  checkTies('T1_T4_TOTALS_DIFFER', (reader) => {
    const t1Grand = reader.row('T1', 1, '收入总计');
    const t4Grand = reader.row('T4', 1, '收入总计');
    if (!t1Grand || !t4Grand) return [];
    const nonFiscal = ['四、财政专户管理资金收入', '五、单位资金'].map((label) => reader.row('T1', 1, label)?.cells[2]);
    return [2, 4].map((column) => ({
      ref: `T4[${t4Grand.index}][${column}]`,
      total: t1Grand.cells[2],
      parts: [t4Grand.cells[column], ...nonFiscal, nonFiscalCarryOver],
      describe: (t1, parts) =>
        `收支总表总计${shown(t1, reader.reading)}万元与财政拨款收支总表总计加非财政拨款收入${shown(parts, reader.reading)}万元不相等`,
    }));
  });

  // T5 is T3 restricted to the general public budget: each T5 row is a T3 row and never exceeds it; with no
  // other funds the two are the same.
  const printedRows = (id: DisclosureTableId): string[][] => tables.find((t) => t.id === id)?.rows ?? [];
  const t3ByCode = new Map(printedRows('T3').map((cells) => [cells[1], cells]));
  const allGeneral = expenditureItems(content).every((item) => item.fundSource === GENERAL_BUDGET);
  const t5Rows = printedRows('T5').filter((cells) => cells.some((cell) => cell !== ''));
  t5Rows.forEach((cells, index) => {
    const t3 = t3ByCode.get(cells[1]);
    const mismatch =
      !t3 ||
      t3[2] !== cells[2] ||
      [3, 4, 5].some((column) =>
        allGeneral ? differ(wan(cells[column]), wan(t3[column])) : wan(cells[column]).greaterThan(wan(t3[column])),
      );
    if (mismatch) {
      error('T5_NOT_GENERAL_BUDGET_SUBSET_OF_T3', `T5[${index}]`, `一般公共预算财政拨款支出表第${cells[0]}行（${cells[1] || cells[2]}）与支出总表不一致`);
    }
  });
  if (allGeneral && t5Rows.length !== t3ByCode.size) {
    error('T5_NOT_GENERAL_BUDGET_SUBSET_OF_T3', 'T5', `全部支出均为一般公共预算拨款，一般公共预算财政拨款支出表应与支出总表行数相同`);
  }

  // T9: 合计 = 小计 = 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费, and each group = its parts; every column.
  const t9Sums: Array<[string, string[]]> = [
    ['合计', ['“三公”经费小计']],
    ['“三公”经费小计', ['一、因公出国（境）费', '二、公务用车购置及运维费', '三、公务接待费']],
    ['一、因公出国（境）费', ['其中：教学科研人员因公出国（境）费', '其他因公出国（境）费']],
    ['二、公务用车购置及运维费', ['其中：公务用车购置费', '公务用车运行维护费']],
  ];
  checkTies('T9_TOTAL_NOT_SUM_OF_ITEMS', (reader) =>
    t9Sums.flatMap(([totalLabel, partLabels]) => {
      const total = reader.row('T9', 1, totalLabel);
      if (!total) return [];
      const byItem: Tie[] = [2, 3, 4, 5].map((column) => ({
        ref: `T9[${total.index}][${column}]`,
        total: total.cells[column],
        parts: partLabels.map((label) => reader.row('T9', 1, label)?.cells[column]),
        describe: (sumOf, parts) => `“三公”经费表${totalLabel}${shown(sumOf, reader.reading)}万元不等于各项之和${shown(parts, reader.reading)}万元`,
      }));
      // 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 across the row.
      const acrossFunds: Tie = {
        ref: `T9[${total.index}]`,
        total: total.cells[2],
        parts: [3, 4, 5].map((column) => total.cells[column]),
        describe: (_sumOf, parts) => `“三公”经费表${totalLabel}合计数不等于各资金性质之和${shown(parts, reader.reading)}万元`,
      };
      return [...byItem, acrossFunds];
    }),
  );

  // Each narrative figure that a table prints too must be the same number.
  for (const figure of narrative.figures) {
    if (!figure.ref) continue;
    const cell = printedRows(figure.ref.table as DisclosureTableId)[figure.ref.row]?.[figure.ref.column];
    // The sentence must print what the table prints (under 尾差 that is the table's adjusted cell, not the rounding).
    if (cell === undefined || differ(wan(cell), new Decimal(figure.printed))) {
      error(
        'NARRATIVE_FIGURE_DIFFERS_FROM_TABLE',
        `${figure.ref.table}[${figure.ref.row}][${figure.ref.column}]`,
        `情况说明中${figure.label}${figure.printed}万元与${figure.ref.table}表中的${cell || '0.00'}万元不一致`,
      );
    }
  }

  // 成本指标: a cost indicator in 万元 or 元 states what the project costs; it should agree with the amount (the
  // domain's rule; a warning here, never a draft warning besides).
  for (const { project, projectIndex, indicator, indicatorIndex } of costIndicatorMismatches(content)) {
    findings.push({
      code: 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT',
      severity: 'warning',
      ref: `projects[${projectIndex}].indicators[${indicatorIndex}]`,
      message: `项目“${project.name}”的成本指标“${indicator.name}”为${indicator.target.printed}，与项目预算数${formatWan(project.amount)}万元不一致`,
    });
  }

  return findings;
};

import { GENERAL_BUDGET } from './classification';
import type { DisclosureTable } from './disclosure-tables';
import { Decimal, formatWan, sum, yuanToWan, type BudgetContent, type Money } from './domain';
import { expenditureItems } from './expenditure-items';
import type { Narrative } from './narrative';
import type { DisclosureTableId } from './table-layouts';

/** 勾稽关系 finding: a figure that does not agree with another it must agree with. */
export interface ConsistencyFinding {
  code: ConsistencyCheckCode;
  /** `error`: the tables contradict each other; `warning`: the department should look again before submitting. */
  severity: 'error' | 'warning';
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
  | 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT';

/** A printed cell in 万元 as a number: blank is zero. */
const wan = (cell: string | undefined): Decimal => new Decimal((cell ?? '').trim() || 0);
const printedWan = (yuan: Money): Decimal => yuanToWan(yuan).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

class TableReader {
  constructor(private readonly tables: readonly DisclosureTable[]) {}

  table(id: DisclosureTableId): DisclosureTable | undefined {
    return this.tables.find((t) => t.id === id);
  }

  /** The row whose `labelColumn` reads `label`, whitespace ignored. */
  row(id: DisclosureTableId, labelColumn: number, label: string): { index: number; cells: string[] } | undefined {
    const rows = this.table(id)?.rows ?? [];
    const index = rows.findIndex((cells) => (cells[labelColumn] ?? '').replace(/\s+/g, '') === label);
    return index < 0 ? undefined : { index, cells: rows[index] };
  }
}

/**
 * 勾稽 — the cross-checks a published budget must pass: each table balances, the tables agree with each other,
 * the narrative repeats the tables' figures, and each cost indicator (成本指标) matches its project's amount.
 */
export const consistencyChecks = (
  content: BudgetContent,
  tables: readonly DisclosureTable[],
  narrative: Narrative,
): ConsistencyFinding[] => {
  const findings: ConsistencyFinding[] = [];
  const reader = new TableReader(tables);
  const error = (code: ConsistencyCheckCode, ref: string, message: string) =>
    findings.push({ code, severity: 'error', message, ref });
  const differ = (a: Decimal, b: Decimal) => !a.equals(b);

  for (const id of ['T1', 'T3', 'T4', 'T5', 'T6', 'T9'] as const) {
    if (!reader.table(id)) error('TABLE_MISSING', id, `缺少表 ${id}，无法核对勾稽关系`);
  }

  // T1: 收入总计 = 支出总计, 本年收入合计 = 本年支出合计.
  for (const [incomeLabel, spendingLabel] of [
    ['本年收入合计', '本年支出合计'],
    ['收入总计', '支出总计'],
  ] as const) {
    const row = reader.row('T1', 1, incomeLabel);
    if (row && differ(wan(row.cells[2]), wan(row.cells[4]))) {
      error(
        'T1_INCOME_EXPENDITURE_UNBALANCED',
        `T1[${row.index}]`,
        `收支总表${incomeLabel}${row.cells[2] || '0.00'}万元与${spendingLabel}${row.cells[4] || '0.00'}万元不相等`,
      );
    }
  }

  // T3: 合计 = 基本支出 + 项目支出 (+ 经营支出, 上解上级支出, 对附属单位补助支出) on every row.
  (reader.table('T3')?.rows ?? []).forEach((cells, index) => {
    const total = wan(cells[3]);
    const parts = sum(cells.slice(4).map(wan));
    if (differ(total, parts)) {
      error('T3_TOTAL_NOT_BASIC_PLUS_PROJECT', `T3[${index}]`, `支出总表第${cells[0]}行合计${cells[3] || '0.00'}万元不等于基本支出与项目支出之和${parts.toFixed(2)}万元`);
    }
  });

  // T6: 合计 = 人员经费 + 公用经费 on every row.
  (reader.table('T6')?.rows ?? []).forEach((cells, index) => {
    const parts = wan(cells[4]).plus(wan(cells[5]));
    if (differ(wan(cells[3]), parts)) {
      error('T6_TOTAL_NOT_PERSONNEL_PLUS_PUBLIC_USE', `T6[${index}]`, `基本支出表第${cells[0]}行合计${cells[3] || '0.00'}万元不等于人员经费与公用经费之和${parts.toFixed(2)}万元`);
    }
  });

  // T3 基本支出 = T6 合计, once basic spending from other funds (which T6 leaves out) is set aside.
  const t3Total = reader.row('T3', 2, '合计');
  const t6Total = reader.row('T6', 2, '合计');
  if (t3Total && t6Total) {
    const otherFundsBasic = printedWan(
      sum(content.basicExpenditureLines.filter((line) => line.fundSource !== GENERAL_BUDGET).map((line) => line.amount)),
    );
    const expected = wan(t3Total.cells[4]).minus(otherFundsBasic);
    if (differ(expected, wan(t6Total.cells[3]))) {
      error('T3_BASIC_NOT_T6_TOTAL', 'T6[0][3]', `支出总表一般公共预算基本支出${expected.toFixed(2)}万元与基本支出表合计${t6Total.cells[3] || '0.00'}万元不相等`);
    }
  }

  // T1 总计 = T4 总计 once the non-fiscal income (财政专户管理资金, 单位资金) that T4 leaves out is set aside.
  const t1Grand = reader.row('T1', 1, '收入总计');
  const t4Grand = reader.row('T4', 1, '收入总计');
  if (t1Grand && t4Grand) {
    const nonFiscal = sum(['四、财政专户管理资金收入', '五、单位资金'].map((label) => wan(reader.row('T1', 1, label)?.cells[2])));
    const expected = wan(t1Grand.cells[2]).minus(nonFiscal);
    for (const column of [2, 4]) {
      if (differ(expected, wan(t4Grand.cells[column]))) {
        error('T1_T4_TOTALS_DIFFER', `T4[${t4Grand.index}][${column}]`, `财政拨款收支总表总计${t4Grand.cells[column] || '0.00'}万元与收支总表财政拨款总计${expected.toFixed(2)}万元不相等`);
      }
    }
  }

  // T5 is T3 restricted to the general public budget: each T5 row is a T3 row and never exceeds it; with no
  // other funds the two are the same.
  const t3ByCode = new Map((reader.table('T3')?.rows ?? []).map((cells) => [cells[1], cells]));
  const allGeneral = expenditureItems(content).every((item) => item.fundSource === GENERAL_BUDGET);
  const t5Rows = (reader.table('T5')?.rows ?? []).filter((cells) => cells.some((cell) => cell !== ''));
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
  const t9 = (label: string) => reader.row('T9', 1, label);
  const t9Sums: Array<[string, string[]]> = [
    ['合计', ['“三公”经费小计']],
    ['“三公”经费小计', ['一、因公出国（境）费', '二、公务用车购置及运维费', '三、公务接待费']],
    ['一、因公出国（境）费', ['其中：教学科研人员因公出国（境）费', '其他因公出国（境）费']],
    ['二、公务用车购置及运维费', ['其中：公务用车购置费', '公务用车运行维护费']],
  ];
  for (const [totalLabel, partLabels] of t9Sums) {
    const total = t9(totalLabel);
    if (!total) continue;
    for (const column of [2, 3, 4, 5]) {
      const parts = sum(partLabels.map((label) => wan(t9(label)?.cells[column])));
      if (differ(wan(total.cells[column]), parts)) {
        error('T9_TOTAL_NOT_SUM_OF_ITEMS', `T9[${total.index}][${column}]`, `“三公”经费表${totalLabel}${total.cells[column] || '0.00'}万元不等于各项之和${parts.toFixed(2)}万元`);
      }
    }
    // 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 across the row.
    const acrossFunds = sum([3, 4, 5].map((column) => wan(total.cells[column])));
    if (differ(wan(total.cells[2]), acrossFunds)) {
      error('T9_TOTAL_NOT_SUM_OF_ITEMS', `T9[${total.index}][2]`, `“三公”经费表${totalLabel}合计数不等于各资金性质之和${acrossFunds.toFixed(2)}万元`);
    }
  }

  // Each narrative figure that a table prints too must be the same number.
  for (const figure of narrative.figures) {
    if (!figure.ref) continue;
    const cell = reader.table(figure.ref.table)?.rows[figure.ref.row]?.[figure.ref.column];
    if (cell === undefined || differ(wan(cell), printedWan(figure.amount))) {
      error(
        'NARRATIVE_FIGURE_DIFFERS_FROM_TABLE',
        `${figure.ref.table}[${figure.ref.row}][${figure.ref.column}]`,
        `情况说明中${figure.label}${figure.printed}万元与${figure.ref.table}表中的${cell || '0.00'}万元不一致`,
      );
    }
  }

  // 成本指标: a cost indicator in 万元 or 元 states what the project costs; it should agree with the amount.
  content.projects.forEach((project, projectIndex) => {
    project.indicators.forEach((indicator, indicatorIndex) => {
      const { target } = indicator;
      if (indicator.level2 !== '成本指标' || (target.unit !== '万元' && target.unit !== '元') || target.value === '') return;
      const targetYuan = new Decimal(target.value).times(target.unit === '万元' ? 10000 : 1);
      const agrees =
        target.comparator === '≤'
          ? project.amount.lessThanOrEqualTo(targetYuan)
          : target.comparator === '≥'
            ? project.amount.greaterThanOrEqualTo(targetYuan)
            : project.amount.equals(targetYuan);
      if (!agrees) {
        findings.push({
          code: 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT',
          severity: 'warning',
          ref: `projects[${projectIndex}].indicators[${indicatorIndex}]`,
          message: `项目“${project.name}”的成本指标“${indicator.name}”为${target.printed}，与项目预算数${formatWan(project.amount)}万元不一致`,
        });
      }
    });
  });

  return findings;
};

/** T1..T9: the nine published disclosure tables (部门预算公开表). */
export type DisclosureTableId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9';

export const DISCLOSURE_TABLE_IDS: readonly DisclosureTableId[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];

/** A merged header cell: rows `top..bottom`, columns `left..right`, all inclusive and 0-based. */
export interface HeaderMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * How a table is printed around its body: the header rows down to and including the 栏次 row, the merged header
 * cells, which body columns hold amounts (万元), and the note printed under a table with nothing to show.
 * Labels and layout only; no figures.
 */
export interface DisclosureTableLayout {
  id: DisclosureTableId;
  title: string;
  columnCount: number;
  header: string[][];
  merges: HeaderMerge[];
  amountColumns: number[];
  emptyNote?: string;
}

const merge = (top: number, left: number, bottom: number, right: number): HeaderMerge => ({ top, left, bottom, right });

/** `栏次` followed by 1..n, the numbering row that ends every header. */
const columnNumbers = (columnCount: number): string[] => [
  '栏次',
  ...Array.from({ length: columnCount - 1 }, (_, i) => String(i + 1)),
];

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * A layout from its two header rows (the width of the first is the table's); the 栏次 row follows them.
 * `merges` and `amountColumns` as in `DisclosureTableLayout`.
 */
const layout = (
  id: DisclosureTableId,
  title: string,
  header: [string[], string[]],
  merges: HeaderMerge[],
  amountColumns: number[],
  emptyNote?: string,
): DisclosureTableLayout => ({
  id,
  title,
  columnCount: header[0].length,
  header: [...header, columnNumbers(header[0].length)],
  merges,
  amountColumns,
  ...(emptyNote ? { emptyNote } : {}),
});

/** Tables 5, 7 and 8 share one layout: functional rows × 基本支出 / 项目支出. */
const fundExpenditureLayout = (id: DisclosureTableId, title: string, emptyNote?: string): DisclosureTableLayout =>
  layout(
    id,
    title,
    [
      ['序号', '功能分类科目', '', '合计', '基本支出', '项目支出'],
      ['', '科目编码', '科目名称', '', '', ''],
    ],
    [merge(0, 0, 1, 0), merge(0, 1, 0, 2), merge(0, 3, 1, 3), merge(0, 4, 1, 4), merge(0, 5, 1, 5)],
    range(3, 5),
    emptyNote,
  );

export const TABLE_LAYOUTS: Record<DisclosureTableId, DisclosureTableLayout> = {
  T1: layout(
    'T1',
    '部门预算收支总表',
    [
      ['序号', '收入', '', '支出', ''],
      ['', '项目', '预算数', '项目', '预算数'],
    ],
    [merge(0, 0, 1, 0), merge(0, 1, 0, 2), merge(0, 3, 0, 4)],
    [2, 4],
  ),
  T2: layout(
    'T2',
    '部门预算收入总表',
    [
      ['序号', '功能分类科目', '', '合计', '本年收入', '', '', '', '', '', '', '', '上年结转'],
      ['', '科目编码', '科目名称', '', '小计', '财政拨款收入', '财政专户收入', '事业收入', '经营收入', '上级补助收入', '附属单位上缴收入', '其他收入', ''],
    ],
    [merge(0, 0, 1, 0), merge(0, 1, 0, 2), merge(0, 3, 1, 3), merge(0, 4, 0, 11), merge(0, 12, 1, 12)],
    range(3, 12),
  ),
  T3: layout(
    'T3',
    '部门预算支出总表',
    [
      ['序号', '功能分类科目', '', '合计', '基本支出', '项目支出', '经营支出', '上解上级支出', '对附属单位补助支出'],
      ['', '科目编码', '科目名称', '', '', '', '', '', ''],
    ],
    [merge(0, 0, 1, 0), merge(0, 1, 0, 2), ...range(3, 8).map((c) => merge(0, c, 1, c))],
    range(3, 8),
  ),
  T4: layout(
    'T4',
    '部门预算财政拨款收支总表',
    [
      ['序号', '收入', '', '支出', '', '', '', ''],
      ['', '项目', '金额', '项目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'],
    ],
    [merge(0, 0, 1, 0), merge(0, 1, 0, 2), merge(0, 3, 0, 7)],
    [2, 4, 5, 6, 7],
  ),
  T5: fundExpenditureLayout('T5', '部门预算一般公共预算财政拨款支出表'),
  T6: layout(
    'T6',
    '部门预算一般公共预算财政拨款基本支出表',
    [
      ['序号', '支出部门经济分类科目', '', '一般公共预算基本支出', '', ''],
      ['', '科目编码', '科目名称', '合计', '人员经费', '公用经费'],
    ],
    [merge(0, 0, 1, 0), merge(0, 1, 0, 2), merge(0, 3, 0, 5)],
    range(3, 5),
  ),
  T7: fundExpenditureLayout('T7', '部门预算政府性基金预算财政拨款支出表', '注：无政府基金预算财政拨款预算，空表列示。'),
  T8: fundExpenditureLayout('T8', '部门预算国有资本经营预算财政拨款支出表', '注：无国有资本经营预算财政拨款预算，空表列示。'),
  T9: layout(
    'T9',
    '部门预算财政拨款“三公”经费支出表',
    [
      ['序号', '项目', '资金性质', '', '', ''],
      ['', '', '合计', '一般公共预算财政拨款', '政府性基金预算拨款', '国有资本经营预算财政拨款'],
    ],
    [merge(0, 0, 1, 0), merge(0, 1, 1, 1), merge(0, 2, 0, 5)],
    range(2, 5),
  ),
};

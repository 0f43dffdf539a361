import { expenditureSummary, incomeSummary, runningCosts, runningCostsAreAllPublicUse, threePublicExpenses } from './budget-figures';
import { GENERAL_BUDGET } from './classification';
import type { DisclosureTable } from './disclosure-tables';
import { formatWan, yuanToWan, type BudgetContent, type Money } from './domain';
import type { DisclosureTableId } from './table-layouts';

/** Where in the tables a narrative figure is printed too: body row and column, 0-based. */
export interface TableCellRef {
  table: DisclosureTableId;
  row: number;
  column: number;
}

/** A figure a narrative sentence carries, kept with the sentence so it can be checked against the tables. */
export interface NarrativeFigure {
  /** Stable key, e.g. `income.total`, `change.basic`, `project.13043324P00007510001B`. */
  key: string;
  /** What the figure is, in the narrative's words. */
  label: string;
  /** 元; signed for the 比上年增减 figures. */
  amount: Money;
  /** As the sentence prints it, in 万元 (a change without its sign). */
  printed: string;
  /** The table cell that must show the same figure, when there is one. */
  ref?: TableCellRef;
}

export interface NarrativeSection {
  /** Heading as in the published 情况说明, e.g. `1、收入说明`. */
  heading: string;
  paragraphs: string[];
}

/** 情况说明 — the sentences of the published explanation that carry figures. */
export interface Narrative {
  sections: NarrativeSection[];
  figures: NarrativeFigure[];
  /** All sections as plain text, headings on their own lines. */
  text: string;
}

/** 万元 without trailing zeros, as the narrative prints project amounts (`2.6万元`, `40万元`). */
const compactWan = (yuan: Money): string => {
  const wan = yuanToWan(yuan).toDecimalPlaces(2);
  return wan.isInteger() ? wan.toFixed(0) : wan.toFixed(2).replace(/0$/, '');
};

/** 增加 / 减少 with the absolute amount; 持平 when unchanged. */
const changeWords = (change: Money): string =>
  change.isZero() ? '持平' : `${change.isNegative() ? '减少' : '增加'}${formatWan(change.abs())}万元`;

const findRow = (tables: readonly DisclosureTable[], id: DisclosureTableId, match: (row: string[]) => boolean) => {
  const table = tables.find((t) => t.id === id);
  const row = table ? table.rows.findIndex(match) : -1;
  return row;
};

/** A ref to the cell in `column` of the row whose `labelColumn` reads `label` (whitespace ignored). */
const cellByLabel = (
  tables: readonly DisclosureTable[],
  table: DisclosureTableId,
  labelColumn: number,
  label: string,
  column: number,
): TableCellRef | undefined => {
  const plain = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');
  const row = findRow(tables, table, (cells) => plain(cells[labelColumn]) === label);
  return row < 0 ? undefined : { table, row, column };
};

/** A ref to the 合计 row (the first body row) of a classified table. */
const totalRow = (tables: readonly DisclosureTable[], table: DisclosureTableId, column: number) =>
  cellByLabel(tables, table, 2, '合计', column);

/**
 * The figure-carrying sentences of the 情况说明 (收入说明, 支出说明, 比上年增减, 机关运行经费, “三公”经费,
 * 国有资产), generated from the content; `tables` only tells each figure which table cell prints it.
 */
export const renderNarrative = (
  content: BudgetContent,
  tables: readonly DisclosureTable[],
  /** With 尾差 printing a table cell may differ from its exact amount rounded: the sentence then says what the table prints. */
  options: { printedFromTables?: boolean } = {},
): Narrative => {
  const year = content.fiscalYear;
  const figures: NarrativeFigure[] = [];
  const cellText = (ref: TableCellRef) => tables.find((table) => table.id === ref.table)?.rows[ref.row]?.[ref.column];
  const figure = (key: string, label: string, amount: Money, ref?: TableCellRef): string => {
    const fromTable = options.printedFromTables && ref ? cellText(ref) : undefined;
    const printed = fromTable !== undefined ? fromTable || '0.00' : formatWan(amount.abs());
    figures.push({ key, label, amount, printed, ...(ref ? { ref } : {}) });
    return printed;
  };
  const sections: NarrativeSection[] = [];

  const income = incomeSummary(content);
  const t1Income = (label: string) => cellByLabel(tables, 'T1', 1, label, 2);
  sections.push({
    heading: '1、收入说明',
    paragraphs: [
      `反映本部门当年全部收入。${year}年预算收入${figure('income.total', '预算收入', income.total, t1Income('收入总计'))}万元，` +
        `其中：一般公共预算收入${figure('income.generalBudget', '一般公共预算收入', income.generalBudget, t1Income('一、一般公共预算拨款收入'))}万元，` +
        `基金预算收入${figure('income.governmentFund', '基金预算收入', income.governmentFund, t1Income('二、政府性基金预算拨款收入'))}万元，` +
        `国有资本经营预算收入${figure('income.stateCapital', '国有资本经营预算收入', income.stateCapital, t1Income('三、国有资本经营预算拨款收入'))}万元，` +
        `财政专户核拨收入${figure('income.fiscalSpecialAccount', '财政专户核拨收入', income.fiscalSpecialAccount, t1Income('四、财政专户管理资金收入'))}万元，` +
        `单位资金收入${figure('income.unitFunds', '单位资金收入', income.unitFunds, t1Income('五、单位资金'))}万元，` +
        `上年结转结余${figure('income.carryOver', '上年结转结余', income.carryOver, t1Income('上年结转结余'))}万元。`,
    ],
  });

  const spending = expenditureSummary(content);
  // Table 6 splits general-budget basic spending only; it prints the same split when that is all there is.
  const basicAllGeneral = content.basicExpenditureLines.every((line) => line.fundSource === GENERAL_BUDGET);
  const projectList = content.projects
    .map((project) => {
      figures.push({ key: `project.${project.code}`, label: project.name, amount: project.amount, printed: formatWan(project.amount) });
      return `${project.name}${compactWan(project.amount)}万元`;
    })
    .join('，');
  sections.push({
    heading: '2、支出说明',
    paragraphs: [
      `收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映${content.department.name}年度部门预算中支出预算的总体情况。` +
        `${year}年支出预算${figure('expenditure.total', '支出预算', spending.total, totalRow(tables, 'T3', 3))}万元，` +
        `其中基本支出${figure('expenditure.basic', '基本支出', spending.basic, totalRow(tables, 'T3', 4))}万元，` +
        `包括人员经费${figure('expenditure.personnel', '人员经费', spending.personnel, basicAllGeneral ? totalRow(tables, 'T6', 4) : undefined)}万元` +
        `和日常公用经费${figure('expenditure.publicUse', '日常公用经费', spending.publicUse, basicAllGeneral ? totalRow(tables, 'T6', 5) : undefined)}万元；` +
        `项目支出${figure('expenditure.project', '项目支出', spending.project, totalRow(tables, 'T3', 5))}万元` +
        (projectList ? `，主要为${projectList}。` : '。'),
    ],
  });

  const prior = content.priorYear;
  if (prior) {
    const change = (key: string, label: string, now: Money, before: Money) => {
      const amount = now.minus(before);
      figure(key, label, amount);
      return changeWords(amount);
    };
    sections.push({
      heading: '3、比上年增减情况',
      paragraphs: [
        `${year}年预算收支安排${formatWan(spending.total)}万元，较${prior.fiscalYear}年预算` +
          `${change('change.total', '预算收支比上年增减', spending.total, prior.total)}，` +
          `其中：基本支出${change('change.basic', '基本支出比上年增减', spending.basic, prior.basic)}，` +
          `项目支出${change('change.project', '项目支出比上年增减', spending.project, prior.project)}。`,
      ],
    });
  }

  const running = runningCosts(content);
  if (running) {
    const use = content.text?.runningCostsUse;
    sections.push({
      heading: '三、机关运行经费安排情况',
      paragraphs: [
        // With 事业 units among the lines, 机关运行经费 is only part of Table 6's 公用经费: no cell to tie it to.
        `${year}年，我部门机关运行经费共计安排${figure('runningCosts', '机关运行经费', running, runningCostsAreAllPublicUse(content) ? totalRow(tables, 'T6', 5) : undefined)}万元` +
          (use ? `，${use}` : '。'),
      ],
    });
  }

  const threePublic = threePublicExpenses(content);
  const t9 = (label: string) => cellByLabel(tables, 'T9', 1, label, 2);
  const reason = content.text?.threePublicChangeReason;
  const threePublicChange = prior ? threePublic.total.minus(prior.threePublicExpenses) : undefined;
  if (threePublicChange) figure('threePublic.change', '“三公”经费比上年增减', threePublicChange);
  sections.push({
    heading: '四、财政拨款“三公”经费预算情况及增减变化原因',
    paragraphs: [
      `${year}年，我部门财政拨款“三公”经费预算安排${figure('threePublic.total', '“三公”经费', threePublic.total, t9('“三公”经费小计'))}万元，` +
        `其中因公出国（境）费${figure('threePublic.travelAbroad', '因公出国（境）费', threePublic.travelAbroad, t9('一、因公出国（境）费'))}万元；` +
        `公务用车购置及运维费${figure('threePublic.vehicles', '公务用车购置及运维费', threePublic.vehiclePurchase.plus(threePublic.vehicleOperation), t9('二、公务用车购置及运维费'))}万元` +
        `（其中：公务用车购置费为${figure('threePublic.vehiclePurchase', '公务用车购置费', threePublic.vehiclePurchase, t9('其中：公务用车购置费'))}万元，` +
        `公务用车运维费${figure('threePublic.vehicleOperation', '公务用车运维费', threePublic.vehicleOperation, t9('公务用车运行维护费'))}万元）；` +
        `公务接待费${figure('threePublic.reception', '公务接待费', threePublic.reception, t9('三、公务接待费'))}万元。` +
        (prior && threePublicChange
          ? `与${prior.fiscalYear}年相比${changeWords(threePublicChange)}` + (reason ? `，增减变化的主要原因是${reason}。` : '。')
          : ''),
    ],
  });

  const assets = content.fixedAssets;
  if (assets) {
    sections.push({
      heading: '九、国有资产信息',
      paragraphs: [
        `${content.department.name}（含所属单位）上年末固定资产金额为${figure('fixedAssets.total', '上年末固定资产金额', assets.total)}万元。`,
      ],
    });
  }

  const text = sections.map((section) => [section.heading, ...section.paragraphs].join('\n')).join('\n');
  return { sections, figures, text };
};

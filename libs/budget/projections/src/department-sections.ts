import type { SectionTableView } from '@budgetflow/contracts';
import { runningCosts } from './budget-figures';
import { Decimal, formatWan, formatWanCell, sum, type BudgetContent, type FundSource, type ProcurementItem } from './domain';

/**
 * The sections of the disclosure after the nine tables that carry figures of their own: 机关运行经费,
 * 政府采购预算 and 国有资产占用情况. Each is derived from the content, like the tables, with the fixture's layout.
 */

/** 三、机关运行经费 — the 公用经费 of a 行政 or 参公 unit's general-public-budget basic expenditure. */
export interface RunningCostsSection {
  heading: '三、机关运行经费安排情况';
  /** False for 事业 units, which do not report it. */
  applies: boolean;
  /** 万元, two decimals; `0.00` when there is none. */
  amount: string;
  /** What the department says the money is for (free text), when it says. */
  use?: string;
}

/** A section printed as a small table, exactly as `GET …/disclosure` answers it. */
export type SectionTable = SectionTableView;

export const renderRunningCosts = (content: BudgetContent): RunningCostsSection => {
  const amount = runningCosts(content);
  const use = content.text?.runningCostsUse;
  return {
    heading: '三、机关运行经费安排情况',
    applies: amount !== null,
    amount: formatWan(amount ?? new Decimal(0)),
    ...(use ? { use } : {}),
  };
};

const PROCUREMENT_COLUMNS = 15;
const PROCUREMENT_TOTAL_COLUMN = 7;
/** 政府采购金额 by fund: the column each fund source's money is printed in; carry-over money has its own. */
const PROCUREMENT_FUND_COLUMNS: Record<FundSource, number> = {
  一般公共预算拨款: 8,
  政府性基金预算拨款: 9,
  国有资本经营预算拨款: 10,
  财政专户管理资金: 11,
  单位资金: 12,
};
const PROCUREMENT_CARRY_OVER_COLUMN = 13;

/**
 * 八、政府采购预算 — one row per procurement item: the project it is bought for (项目名称, 预算资金) or none for basic
 * spending, the item, its catalogue number, and its amount under 合计 and under the column of the fund that pays
 * for it (上年结转结余 when paid from carry-over; an item without a fund source shows 合计 only). A 合计 row on top
 * sums every column. With no item the table is printed with one blank row and 注：无政府采购预算，空表列示。
 */
export const renderProcurement = (content: BudgetContent): SectionTable => {
  const items = content.procurement;
  const blank = () => Array.from({ length: PROCUREMENT_COLUMNS }, () => '');
  const fundColumn = (item: ProcurementItem): number | undefined =>
    item.fromCarryOver ? PROCUREMENT_CARRY_OVER_COLUMN : item.fundSource ? PROCUREMENT_FUND_COLUMNS[item.fundSource] : undefined;
  const rows = items.map((item) => {
    const row = blank();
    const project = item.project ? content.projects.find((candidate) => candidate.code === item.project) : undefined;
    if (project) {
      row[0] = project.name;
      row[1] = formatWanCell(project.amount);
    }
    row[2] = item.item;
    row[3] = item.category ?? '';
    row[PROCUREMENT_TOTAL_COLUMN] = formatWanCell(item.amount);
    const column = fundColumn(item);
    if (column !== undefined) row[column] = formatWanCell(item.amount);
    return row;
  });
  if (items.length > 0) {
    const total = blank();
    total[0] = '合计';
    total[PROCUREMENT_TOTAL_COLUMN] = formatWanCell(sum(items.map((item) => item.amount)));
    for (const column of [...Object.values(PROCUREMENT_FUND_COLUMNS), PROCUREMENT_CARRY_OVER_COLUMN]) {
      const paid = items.filter((item) => fundColumn(item) === column);
      if (paid.length > 0) total[column] = formatWanCell(sum(paid.map((item) => item.amount)));
    }
    rows.unshift(total);
  }
  return {
    heading: '八、政府采购预算情况',
    title: '部门政府采购预算',
    caption: [`${content.department.code}${content.department.name}`, '单位：万元'],
    header: [
      ['政府采购项目来源', '', '采购物品名称', '政府采购目录序号', '计量单位', '数量', '单价', '政府采购金额（当年部门预算安排资金）', '', '', '', '', '', '', `${content.fiscalYear}年预留中小微企业份额`],
      ['项目名称', '预算资金', '', '', '', '', '', '合计', '一般公共预算拨款', '基金预算拨款', '国有资本经营预算拨款', '财政专户核拨', '单位资金', '上年结转结余', ''],
    ],
    rows: rows.length > 0 ? rows : [blank()],
    notes: [
      '注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。',
      ...(items.length === 0 ? ['注：无政府采购预算，空表列示。'] : []),
    ],
  };
};

/** 九、国有资产信息 — 部门固定资产占用情况表 as of the end of the previous year; `null` when not recorded. */
export const renderFixedAssets = (content: BudgetContent): SectionTable | null => {
  const assets = content.fixedAssets;
  if (!assets) return null;
  const count = (n: number) => (n === 0 ? '' : String(n));
  return {
    heading: '九、国有资产信息',
    title: '部门固定资产占用情况表',
    caption: [`${content.department.code}${content.department.name}`, `截止时间：${assets.asOf}`],
    header: [['项目', '数量', '价值（金额单位：万元）']],
    rows: [
      ['资产总额', '', formatWanCell(assets.total)],
      ['1、房屋（平方米）', '', ''],
      ['其中：办公用房（平方米）', '', ''],
      ['2、车辆（台、辆）', count(assets.vehicles.count), formatWanCell(assets.vehicles.value)],
      ['3、单价在20万元以上的设备', count(assets.equipmentOver200k.count), formatWanCell(assets.equipmentOver200k.value)],
      ['4、其他固定资产', count(assets.other.count), formatWanCell(assets.other.value)],
    ],
    notes: [],
  };
};

import type ExcelJS from 'exceljs';

/** exceljs is large and only exports need it: loaded on the first export, not at start-up (api memory). */
const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
import { Decimal, yuanToWan } from '@budgetflow/budget-domain';
import type { DepartmentMonitoring, IndicatorStatus, WarningLevel } from '@budgetflow/execution-domain';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MONITORING_TABLE_COLUMNS = [
  '部门',
  '项目编码',
  '项目名称',
  '批复预算数（万元）',
  '实际支出数（万元）',
  '执行率（%）',
  '计划进度（%）',
  '序时进度（%）',
  '偏差（百分点）',
  '预警',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '截至目前完成值',
  '全年预计完成值',
  '偏差原因',
  '完成可能性',
  '指标状态',
] as const;

const WARNING_NAMES: Record<WarningLevel, string> = { none: '正常', yellow: '黄色预警', red: '红色预警' };
export const STATUS_NAMES: Record<IndicatorStatus, string> = { met: '已完成', 'on-track': '按进度', 'at-risk': '有风险', missed: '未完成', 'not-reported': '未填报' };

const wan = (yuan: string): string => yuanToWan(new Decimal(yuan)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Excel refuses these in a worksheet name (and exceljs throws on them, which answered 500 for a `/` in a department name). */
const SHEET_NAME_FORBIDDEN = /[\\/*?:[\]\u0000-\u001f]/g;
const SHEET_NAME_MAX = 31;

/**
 * A worksheet name Excel accepts for `wanted`: the forbidden characters become `_`, no leading or trailing
 * apostrophe, at most 31 characters (whole code points), and unique within the workbook (case-insensitively,
 * as Excel compares them) by a `~2`, `~3`… suffix. `taken` collects the names already given.
 */
export function worksheetName(wanted: string, taken: Set<string>): string {
  const cleaned = wanted.replace(SHEET_NAME_FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim();
  const base = cleaned === '' || cleaned.toLowerCase() === 'history' ? `Sheet ${cleaned}`.trim() : cleaned;
  // Excel counts UTF-16 units; whole code points are kept so a surrogate pair is never split.
  const cut = (text: string, max: number): string => {
    let out = '';
    for (const char of text) {
      if (out.length + char.length > max) break;
      out += char;
    }
    return out;
  };
  let name = cut(base, SHEET_NAME_MAX);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${cut(base, SHEET_NAME_MAX - `~${n}`.length)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * 绩效运行监控表 — one row per project indicator, the project's execution figures on each of its rows
 * (so the sheet filters and sorts cleanly), one sheet per department.
 */
export async function monitoringTableXlsx(departments: readonly DepartmentMonitoring[], asOf: string): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'budgetflow';
  const sheetNames = new Set<string>();
  for (const department of departments) {
    const sheet = workbook.addWorksheet(worksheetName(`${department.department} ${department.departmentName}`, sheetNames));
    sheet.addRow([`${department.departmentName} ${department.fiscalYear}年项目绩效运行监控表（截至 ${asOf}，批复第 ${department.budgetVersion} 版）`]);
    sheet.addRow([...MONITORING_TABLE_COLUMNS]);
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(2).font = { bold: true };
    for (const project of department.projects) {
      const execution = [
        department.departmentName,
        project.code,
        project.name,
        wan(project.approved),
        wan(project.executed),
        project.executedPercent,
        project.plannedPercent,
        project.timeElapsedPercent,
        project.gapPoints,
        WARNING_NAMES[project.warning],
      ];
      const indicators = project.indicators.length > 0 ? project.indicators : [undefined];
      for (const indicator of indicators) {
        sheet.addRow([
          ...execution,
          ...(indicator
            ? [
                indicator.level1,
                indicator.level2,
                indicator.name,
                indicator.target,
                indicator.actualToDate ?? '',
                indicator.forecast ?? '',
                indicator.deviationCause ?? '',
                indicator.likelihood ?? '',
                STATUS_NAMES[indicator.status],
              ]
            : []),
        ]);
      }
    }
    sheet.columns.forEach((column, i) => (column.width = i === 2 || i === 12 ? 28 : 14));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

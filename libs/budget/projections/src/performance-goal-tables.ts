import { formatWanCell, type BudgetContent, type Project } from './domain';

/** 项目绩效目标表 — one per project, as printed under 七、部门项目预算安排情况及绩效目标 (单位：万元). */
export interface PerformanceGoalTable {
  projectCode: string;
  /** e.g. `1、群众工作中心运维经费绩效目标表` */
  title: string;
  rows: string[][];
}

const goalTableRows = (project: Project): string[][] => {
  const rows: string[][] = [
    ['项目编码', project.code, '项目名称', project.name],
    [
      '预算规模及资金用途',
      '预算数',
      formatWanCell(project.amount),
      '其中：财政资金',
      formatWanCell(project.fiscalFunds),
      '其他资金',
      formatWanCell(project.otherFunds),
    ],
    ['', project.purpose],
    ['资金支出计划（%）', ...project.spendingPlan.map((checkpoint) => checkpoint.checkpoint)],
    ['', ...project.spendingPlan.map((checkpoint) => `${checkpoint.cumulativePercent}%`)],
    ['绩效目标', project.goal],
    ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
  ];
  // 一级指标 is a merged cell in print: only its first row carries the text.
  project.indicators.forEach((indicator, i) => {
    const sameLevel1 = i > 0 && project.indicators[i - 1].level1 === indicator.level1;
    rows.push([
      sameLevel1 ? '' : indicator.level1,
      indicator.level2,
      indicator.name,
      indicator.description,
      indicator.target.printed,
      indicator.basis,
    ]);
  });
  return rows;
};

export const renderPerformanceGoalTables = (content: BudgetContent): PerformanceGoalTable[] =>
  content.projects.map((project, i) => ({
    projectCode: project.code,
    title: `${i + 1}、${project.name}绩效目标表`,
    rows: goalTableRows(project),
  }));

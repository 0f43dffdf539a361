import type { IndicatorWire } from '@budgetflow/contracts';
import { type Column, DataTable } from './DataTable';

/** A project's 绩效指标: its three levels and target, then the page's own last column (the basis, or what was reported). */
export function IndicatorTable({ project, last }: { project: { name: string; indicators: readonly IndicatorWire[] }; last: Column<IndicatorWire> }) {
  return (
    <DataTable
      label={`${project.name}绩效指标（可横向滚动）`}
      caption={`${project.name}绩效指标`}
      rows={project.indicators}
      columns={[
        { header: '一级指标', cell: (i) => i.level1 },
        { header: '二级指标', cell: (i) => i.level2 },
        { header: '三级指标', cell: (i) => i.name },
        { header: '指标值', cell: (i) => i.target.printed },
        last,
      ]}
    />
  );
}

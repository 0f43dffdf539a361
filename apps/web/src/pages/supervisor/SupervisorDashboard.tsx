import type { CountyRow } from '@budgetflow/contracts';
import { countyOverview } from '../../api';
import { percentOf, spendingOf, yuanToWan } from '../../money';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../components/common';
import { type Column, DataTable, statusColumn } from '../../components/DataTable';
import { CountyExecution } from './CountyExecution';
import { Card } from '../../components/Card';
import { LoadStatus } from '../../components/LoadStatus';

/** 部门一览: each department opens its drill-down, a published one its public page too. */
const departmentColumns = (year: string, search: string): Array<Column<CountyRow>> => [
  // The address's query (the chosen checkpoint) goes along to the department.
  { header: '部门', cell: (r) => <Link to={`/supervisor/${year}/${r.department}${search}`}>{r.name}</Link> },
  statusColumn,
  { header: '支出合计（万元）', amount: true, cell: (r) => yuanToWan(spendingOf(r)) },
  { header: '已公开版本', cell: (r) => (r.publishedVersions > 0 ? <Link to={`/public/${r.department}/${year}`}>{r.publishedVersions} 个，查看公开页</Link> : '未公开') },
];

/** 监督: the county at a glance — every department's budget, a chart of basic vs project spending, drill-down. */
export function SupervisorDashboard({ year }: { year: string }) {
  const county = useLoad(() => countyOverview(year), [year]);
  const { search } = useRouter();
  const rows = county.data?.departments ?? [];
  const largest = rows.reduce((max, r) => {
    const total = spendingOf(r);
    return percentOf(total, max) > 100 ? total : max;
  }, '0.01');

  return (
    <div>
      <h1>{year}年全县预算监督</h1>
      <LoadStatus of={county} />
      <Card id="chart-title" title="各部门支出构成">
        <p className="legend">
          <span className="swatch swatch-basic" aria-hidden="true" /> 基本支出 <span className="swatch swatch-project" aria-hidden="true" /> 项目支出（万元）
        </p>
        <ul className="bars" aria-label="各部门支出构成（条形图）">
          {rows.map((r) => {
            const total = spendingOf(r);
            return (
              <li key={r.department}>
                <span className="bar-label">{r.name}</span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar bar-basic" style={{ width: `${percentOf(r.basic, largest)}%` }} />
                  <span className="bar bar-project" style={{ width: `${percentOf(r.project, largest)}%` }} />
                </span>
                <span className="bar-value">
                  {yuanToWan(total)}（基本 {yuanToWan(r.basic)}，项目 {yuanToWan(r.project)}）
                </span>
              </li>
            );
          })}
        </ul>
      </Card>
      <Card id="departments-title" title="部门一览">
        <DataTable label="部门一览（可横向滚动）" caption="各部门预算状态与金额（万元）" rows={rows} rowKey="department" columns={departmentColumns(year, search)} />
      </Card>
      <CountyExecution year={year} />
    </div>
  );
}

import { type CountyRow, api } from '../../api';
import { percentOf, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import { Loading, ProblemNotice, Scroll, StatusBadge, useLoad } from '../../components/common';
import { CountyExecution } from './CountyExecution';

/** 监督: the county at a glance — every department's budget, a chart of basic vs project spending, drill-down. */
export function SupervisorDashboard({ year }: { year: string }) {
  const county = useLoad(() => api<{ departments: CountyRow[] }>('GET', `/v1/budgets?year=${encodeURIComponent(year)}`), [year]);
  const rows = county.data?.departments ?? [];
  const largest = rows.reduce((max, r) => {
    const total = sumYuan([r.basic, r.project]);
    return percentOf(total, max) > 100 ? total : max;
  }, '0.01');

  return (
    <div>
      <h1>{year}年全县预算监督</h1>
      <Loading loading={county.loading} />
      <ProblemNotice problem={county.problem} />
      <section className="card" aria-labelledby="chart-title">
        <h2 id="chart-title">各部门支出构成</h2>
        <p className="legend">
          <span className="swatch swatch-basic" aria-hidden="true" /> 基本支出 <span className="swatch swatch-project" aria-hidden="true" /> 项目支出（万元）
        </p>
        <ul className="bars" aria-label="各部门支出构成（条形图）">
          {rows.map((r) => {
            const total = sumYuan([r.basic, r.project]);
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
      </section>
      <section className="card" aria-labelledby="departments-title">
        <h2 id="departments-title">部门一览</h2>
        <Scroll label="部门一览（可横向滚动）">
          <table>
            <caption className="sr-only">各部门预算状态与金额（万元）</caption>
            <thead>
              <tr>
                <th scope="col">部门</th>
                <th scope="col">状态</th>
                <th scope="col" className="amount">
                  支出合计（万元）
                </th>
                <th scope="col">已公开版本</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.department}>
                  <td>
                    <Link to={`/supervisor/${year}/${r.department}`}>{r.name}</Link>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="amount">{yuanToWan(sumYuan([r.basic, r.project]))}</td>
                  <td>{r.publishedVersions > 0 ? <Link to={`/public/${r.department}/${year}`}>{r.publishedVersions} 个，查看公开页</Link> : '未公开'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </section>
      <CountyExecution year={year} />
    </div>
  );
}

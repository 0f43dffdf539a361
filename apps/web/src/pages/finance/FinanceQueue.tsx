import { type Budget, type CountyRow, api, apiOrNull, budgetUrl } from '../../api';
import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import { Loading, ProblemNotice, Scroll, StatusBadge, useLoad } from '../../components/common';

/** 财政审核: the queue of submitted drafts and adjustment requests, and the county's totals. */
export function FinanceQueue({ year }: { year: string }) {
  const county = useLoad(async () => {
    const overview = await api<{ departments: CountyRow[] }>('GET', `/v1/budgets?year=${encodeURIComponent(year)}`);
    // Adjustment requests are part of each approved budget; the county listing does not carry them.
    const approved = overview.departments.filter((d) => d.status === 'approved' || d.status === 'published');
    const budgets = await Promise.all(approved.map((d) => apiOrNull<Budget>('GET', `${budgetUrl(d.department, year)}?version=draft`)));
    const adjustments = budgets.filter((b): b is Budget => !!b?.pendingAdjustment);
    return { departments: overview.departments, adjustments };
  }, [year]);
  const rows = county.data?.departments ?? [];
  const submitted = rows.filter((d) => d.status === 'submitted');
  const nameOf = (code: string) => rows.find((r) => r.department === code)?.name ?? code;

  return (
    <div>
      <h1>{year}年部门预算审核</h1>
      <Loading loading={county.loading} />
      <ProblemNotice problem={county.problem} />
      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">待审核</h2>
        {submitted.length === 0 && (county.data?.adjustments.length ?? 0) === 0 ? (
          <p>没有待审核的预算或调整申请。</p>
        ) : (
          <ul className="queue">
            {submitted.map((d) => (
              <li key={d.department}>
                <Link to={`/finance/${year}/${d.department}`}>
                  {d.name}（{d.department}）预算草案
                </Link>{' '}
                <StatusBadge status={d.status} /> 支出 {yuanToWan(sumYuan([d.basic, d.project]))} 万元
              </li>
            ))}
            {county.data?.adjustments.map((b) => (
              <li key={`adj-${b.department}`}>
                <Link to={`/finance/${year}/${b.department}`}>
                  {nameOf(b.department)}（{b.department}）调整申请
                </Link>
                ：{b.pendingAdjustment?.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="county-title">
        <h2 id="county-title">全县汇总</h2>
        <Scroll label="全县各部门预算（可横向滚动）">
          <table>
            <caption className="sr-only">全县各部门预算，金额单位万元</caption>
            <thead>
              <tr>
                <th scope="col">部门</th>
                <th scope="col">状态</th>
                <th scope="col" className="amount">
                  收入（万元）
                </th>
                <th scope="col" className="amount">
                  基本支出（万元）
                </th>
                <th scope="col" className="amount">
                  项目支出（万元）
                </th>
                <th scope="col">批复 / 公开</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.department}>
                  <td>
                    <Link to={`/finance/${year}/${d.department}`}>
                      {d.name}（{d.department}）
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td className="amount">{yuanToWan(d.income)}</td>
                  <td className="amount">{yuanToWan(d.basic)}</td>
                  <td className="amount">{yuanToWan(d.project)}</td>
                  <td>
                    {d.approvedVersions} / {d.publishedVersions}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">合计</th>
                <td />
                <td className="amount">{yuanToWan(sumYuan(rows.map((r) => r.income)))}</td>
                <td className="amount">{yuanToWan(sumYuan(rows.map((r) => r.basic)))}</td>
                <td className="amount">{yuanToWan(sumYuan(rows.map((r) => r.project)))}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </Scroll>
        <p className="hint">全县收入合计 {formatYuan(sumYuan(rows.map((r) => r.income)))} 元。</p>
      </section>
    </div>
  );
}

import type { BudgetView, CountyRow } from '@budgetflow/contracts';
import { countyOverview, client, orNull } from '../../api';
import { formatYuan, spendingOf, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import { StatusBadge, useLoad } from '../../components/common';
import { type Column, DataTable, statusColumn } from '../../components/DataTable';
import { Card } from '../../components/Card';
import { LoadStatus } from '../../components/LoadStatus';

/** 全县汇总 by department (万元), each opening its review. */
const countyColumns = (year: string): Array<Column<CountyRow>> => [
  {
    header: '部门',
    cell: (d) => (
      <Link to={`/finance/${year}/${d.department}`}>
        {d.name}（{d.department}）
      </Link>
    ),
  },
  statusColumn,
  { header: '收入（万元）', amount: true, cell: (d) => yuanToWan(d.income) },
  { header: '基本支出（万元）', amount: true, cell: (d) => yuanToWan(d.basic) },
  { header: '项目支出（万元）', amount: true, cell: (d) => yuanToWan(d.project) },
  { header: '批复 / 公开', cell: (d) => `${d.approvedVersions} / ${d.publishedVersions}` },
];

/** 合计 row under the county table. */
function CountyTotals({ rows }: { rows: CountyRow[] }) {
  const total = (pick: (row: CountyRow) => string) => yuanToWan(sumYuan(rows.map(pick)));
  return (
    <tr>
      <th scope="row">合计</th>
      <td />
      <td className="amount">{total((r) => r.income)}</td>
      <td className="amount">{total((r) => r.basic)}</td>
      <td className="amount">{total((r) => r.project)}</td>
      <td />
    </tr>
  );
}

/** 财政审核: the queue of submitted drafts and adjustment requests, and the county's totals. */
export function FinanceQueue({ year }: { year: string }) {
  const county = useLoad(async () => {
    const overview = await countyOverview(year);
    // Adjustment requests are part of each approved budget; the county listing does not carry them.
    const approved = overview.departments.filter((d) => d.status === 'approved' || d.status === 'published');
    const budgets = await Promise.all(approved.map((d) => orNull(client.budget({ department: d.department, year }, { version: 'draft' }))));
    const adjustments = budgets.filter((b): b is BudgetView => !!b?.pendingAdjustment);
    return { departments: overview.departments, adjustments };
  }, [year]);
  const rows = county.data?.departments ?? [];
  const submitted = rows.filter((d) => d.status === 'submitted');
  const nameOf = (code: string) => rows.find((r) => r.department === code)?.name ?? code;

  return (
    <div>
      <h1>{year}年部门预算审核</h1>
      <LoadStatus of={county} />
      <Card id="queue-title" title="待审核">
        {submitted.length === 0 && (county.data?.adjustments.length ?? 0) === 0 ? (
          <p>没有待审核的预算或调整申请。</p>
        ) : (
          <ul className="queue">
            {submitted.map((d) => (
              <li key={d.department}>
                <Link to={`/finance/${year}/${d.department}`}>
                  {d.name}（{d.department}）预算草案
                </Link>{' '}
                <StatusBadge status={d.status} /> 支出 {yuanToWan(spendingOf(d))} 万元
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
      </Card>
      <Card id="county-title" title="全县汇总">
        <DataTable label="全县各部门预算（可横向滚动）" caption="全县各部门预算，金额单位万元" rows={rows} rowKey="department" columns={countyColumns(year)} footer={<CountyTotals rows={rows} />} />
        <p className="hint">全县收入合计 {formatYuan(sumYuan(rows.map((r) => r.income)))} 元。</p>
      </Card>
    </div>
  );
}

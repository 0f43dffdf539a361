import { useEffect } from 'react';
import { client, orNull } from '../../api';
import type { CountyDepartmentMonitoring } from '@budgetflow/contracts';
import { LAST_CHECKPOINT, asOfQuery, download, isPastYear, useCheckpoint } from '../../execution';
import { formatYuan } from '../../money';
import { Link, useRouter } from '../../router';
import { CheckpointPicker, WarningBadge, progressColumns } from '../../components/Monitoring';
import { DataTable } from '../../components/DataTable';
import { Loading, ProblemNotice, useCommand, useLoad } from '../../components/common';
import { Card } from '../../components/Card';

/** 全县执行监控: departments sorted by gap, with how many projects lag (yellow / red), the warnings, the XLSX export. */
export function CountyExecution({ year }: { year: string }) {
  const chosen = useCheckpoint();
  const { search } = useRouter();
  const command = useCommand();
  const data = useLoad(async () => {
    const at = (checkpoint: string) =>
      Promise.all([orNull(client.countyMonitoring(year, checkpoint ? { checkpoint } : {})), orNull(client.monitoringWarnings(year, checkpoint ? { checkpoint } : {}))]);
    let checkpoint = chosen.checkpoint;
    let [county, warnings] = await at(checkpoint);
    // A past year opens at its last checkpoint: "today" would show every department far behind a finished plan.
    if (chosen.isDefault && county && isPastYear(county.asOf, year)) {
      checkpoint = LAST_CHECKPOINT;
      [county, warnings] = await at(checkpoint);
    }
    return { county, warnings: warnings?.warnings ?? [], checkpoint };
  }, [year, chosen.checkpoint, chosen.isDefault]);
  const settled = data.data?.checkpoint;
  useEffect(() => {
    if (settled !== undefined) chosen.settle(settled);
  }, [settled]);
  const checkpoint = chosen.isDefault ? (settled ?? '') : chosen.checkpoint;
  const county = data.data?.county;
  const [executedPercent, plannedPercent, bars, warning] = progressColumns((d: CountyDepartmentMonitoring) => d);

  return (
    <Card id="execution-title" title="执行进度监控">
      <CheckpointPicker value={checkpoint} onChange={chosen.choose} />
      <Loading loading={data.loading} />
      <ProblemNotice problem={data.problem ?? command.problem} />
      {data.data && !county && <p className="notice notice-info">执行监控尚未开放。</p>}
      {county && (
        <>
          <p>
            截至 {county.asOf}：全县已执行 {formatYuan(county.executed)} 元 / 批复 {formatYuan(county.approved)} 元，执行率 {county.executedPercent}%，计划进度 {county.plannedPercent}%。{' '}
            <WarningBadge level={county.warning} />{' '}
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={() => void command.run(() => download(`/v1/monitoring/${encodeURIComponent(year)}/monitoring-table.xlsx${asOfQuery(checkpoint)}`, `monitoring-${year}-${county.asOf}.xlsx`))}
            >
              下载监控表（XLSX）
            </button>
          </p>
          <DataTable
            label="各部门执行进度（可横向滚动）"
            caption="各部门执行与计划进度"
            className="monitoring"
            rows={county.departments}
            rowKey="department"
            rowClassName={(d) => `row-${d.warning}`}
            columns={[
              { header: '部门', rowHeader: true, cell: (d) => <Link to={`/supervisor/${year}/${d.department}${search}`}>{d.departmentName}</Link> },
              executedPercent,
              plannedPercent,
              bars,
              { header: '落后项目', cell: (d) => `黄 ${d.projectsBehind.yellow} / 红 ${d.projectsBehind.red}` },
              warning,
            ]}
          />
          {data.data && data.data.warnings.length > 0 && (
            <>
              <h3>预警清单</h3>
              <ul className="findings warnings-list">
                {data.data.warnings.map((w, i) => (
                  <li key={i} className={`warning-item warning-item-${w.level}`}>
                    <WarningBadge level={w.level} /> {w.departmentName}：{w.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Card>
  );
}

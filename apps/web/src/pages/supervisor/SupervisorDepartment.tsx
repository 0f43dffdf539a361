import { budgetUrl, client, orNull } from '../../api';
import { formatYuan } from '../../money';
import { Link, useRouter } from '../../router';
import { DisclosureTables } from '../../components/DisclosureTables';
import { IndicatorTable } from '../../components/IndicatorTable';
import { Loading, ProblemNotice, StatusBadge, useCommand, useLoad } from '../../components/common';
import { CheckpointPicker, DepartmentMonitoringView } from '../../components/Monitoring';
import { LAST_CHECKPOINT, asOfQuery, download, isPastYear, useCheckpoint } from '../../execution';
import { useEffect } from 'react';
import { Card } from '../../components/Card';
import { LoadStatus } from '../../components/LoadStatus';

/** 部门钻取: a department's latest approved budget (or its draft), its projects, plans and indicators. */
export function SupervisorDepartment({ department, year }: { department: string; year: string }) {
  const url = budgetUrl(department, year);
  const loaded = useLoad(async () => {
    const draft = await orNull(client.budget({ department, year }, { version: 'draft' }));
    if (!draft) return null;
    const spec = draft.versions.length > 0 ? 'approved' : 'draft';
    const budget = spec === 'approved' ? await client.budget({ department, year }, { version: 'approved' }) : draft;
    const [tables, consistency] = await Promise.all([
      client.tables({ department, year }, { version: spec }),
      orNull(client.consistency({ department, year }, { version: spec })).catch(() => null),
    ]);
    return { draft, budget, tables, spec, findings: consistency?.findings ?? [] };
  }, [url]);
  const data = loaded.data;
  const command = useCommand();
  const { search } = useRouter();

  return (
    <div>
      <p>
        <Link to={`/supervisor/${year}${search}`}>← 返回全县</Link>
      </p>
      <div className="page-head">
        <h1>
          {data?.budget.content.department.name ?? department} {year}年预算
        </h1>
        <StatusBadge status={data?.draft.status} />
      </div>
      <LoadStatus of={loaded} />
      {data === null && <p className="notice notice-info">该部门本年度尚未建立预算。</p>}
      {data && (
        <>
          <p>{data.spec === 'approved' ? `显示最近批复版本（版本 ${data.budget.version}）。` : '尚未批复，显示草案。'}</p>
          {(data.draft.warnings?.length ?? 0) + data.findings.length > 0 && (
            <Card id="warn-title" title="预警与提示">
              <ul className="findings">
                {data.draft.warnings?.map((w, i) => (
                  <li key={`w${i}`} className="finding-warning">
                    <span className="tag">提示</span> {w.message}
                  </li>
                ))}
                {data.findings.map((f, i) => (
                  <li key={`f${i}`} className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                    <span className="tag">{f.severity === 'error' ? '勾稽错误' : f.severity === 'info' ? '勾稽说明' : '勾稽提示'}</span> {f.message}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card id="projects-title" title="项目、支出计划与绩效指标">
            {data.budget.content.projects.map((p) => (
              <details key={p.code} className="project-detail">
                <summary>
                  {p.name}：{formatYuan(p.amount)} 元
                </summary>
                <p>支出计划：{p.spendingPlan.map((c) => `${c.checkpoint}累计 ${c.cumulativePercent}%`).join('；')}</p>
                <IndicatorTable project={p} last={{ header: '完成情况', cell: () => '待填报' }} />
              </details>
            ))}
          </Card>
          <Card id="dept-tables-title" title="公开表">
            <p>
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => void command.run(() => download(`${url}/tables.xlsx?version=${data.spec}`, `budget-${department}-${year}-${data.spec}.xlsx`))}
              >
                下载公开表（XLSX）
              </button>
            </p>
            <ProblemNotice problem={command.problem} />
            <DisclosureTables tables={data.tables.tables} unit={data.tables.unit} />
          </Card>
          {data.spec === 'approved' && <DepartmentExecution department={department} year={year} />}
        </>
      )}
    </div>
  );
}

/** The department's execution against plan, at a checkpoint, with the monitoring table as XLSX. */
function DepartmentExecution({ department, year }: { department: string; year: string }) {
  const chosen = useCheckpoint();
  const command = useCommand();
  const base = `/v1/execution/${encodeURIComponent(department)}/${encodeURIComponent(year)}`;
  const loaded = useLoad(async () => {
    const at = (checkpoint: string) => orNull(client.departmentMonitoring({ department, year }, checkpoint ? { checkpoint } : {}));
    let checkpoint = chosen.checkpoint;
    let monitoring = await at(checkpoint);
    // A past year opens at its last checkpoint, as the county page does.
    if (chosen.isDefault && monitoring && isPastYear(monitoring.asOf, year)) {
      checkpoint = LAST_CHECKPOINT;
      monitoring = await at(checkpoint);
    }
    return { monitoring, checkpoint };
  }, [base, year, chosen.checkpoint, chosen.isDefault]);
  const settled = loaded.data?.checkpoint;
  useEffect(() => {
    if (settled !== undefined) chosen.settle(settled);
  }, [settled]);
  const checkpoint = chosen.isDefault ? (settled ?? '') : chosen.checkpoint;
  const monitoring = { ...loaded, data: loaded.data === undefined ? undefined : loaded.data.monitoring };
  return (
    <Card id="dept-exec-title" title="执行与指标进度">
      <CheckpointPicker value={checkpoint} onChange={chosen.choose} />
      <Loading loading={monitoring.loading} />
      <ProblemNotice problem={monitoring.problem ?? command.problem} />
      {monitoring.data === null && <p className="notice notice-info">执行监控尚未开放。</p>}
      {monitoring.data && (
        <>
          <DepartmentMonitoringView monitoring={monitoring.data} />
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => void command.run(() => download(`${base}/monitoring-table.xlsx${asOfQuery(checkpoint)}`, `monitoring-${department}-${year}.xlsx`))}
          >
            下载部门监控表（XLSX）
          </button>
        </>
      )}
    </Card>
  );
}

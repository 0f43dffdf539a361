import type { DepartmentMonitoring, Progress, WarningLevel } from '@budgetflow/contracts';
import { CHECKPOINTS, INDICATOR_STATUS_NAMES, WARNING_NAMES } from '../execution';
import { formatYuan } from '../money';
import { SelectField } from './forms';
import { type Column, DataTable } from './DataTable';

/** A warning level in words and colour (never colour alone). */
export function WarningBadge({ level }: { level: WarningLevel }) {
  return <span className={`badge warning-${level}`}>{WARNING_NAMES[level] ?? level}</span>;
}

/** 截至: today or one of the spending plan's checkpoints. */
export function CheckpointPicker({ value, onChange }: { value: string; onChange: (checkpoint: string) => void }) {
  return <SelectField label="截至" value={value} onChange={onChange} placeholder="今天" options={CHECKPOINTS} />;
}

/** Executed vs planned as two bars with the figures in text. */
export function ProgressBars({ progress }: { progress: Progress }) {
  const width = (percent: string) => `${Math.min(100, Math.max(0, Number(percent)))}%`;
  return (
    <div className="progress" aria-hidden="true">
      <span className="progress-track">
        <span className="progress-plan" style={{ width: width(progress.plannedPercent) }} />
      </span>
      <span className="progress-track">
        <span className={`progress-done done-${progress.warning}`} style={{ width: width(progress.executedPercent) }} />
      </span>
    </div>
  );
}

/** 执行率, 计划进度, the two bars and the warning: the columns every monitoring table shares. */
export function progressColumns<Row>(progressOf: (row: Row) => Progress): Array<Column<Row>> {
  return [
    { header: '执行率', amount: true, cell: (row) => `${progressOf(row).executedPercent}%` },
    { header: '计划进度', amount: true, cell: (row) => `${progressOf(row).plannedPercent}%` },
    { header: '进度对比', cell: (row) => <ProgressBars progress={progressOf(row)} /> },
    { header: '预警', cell: (row) => <WarningBadge level={progressOf(row).warning} /> },
  ];
}

interface MonitoredLine {
  key: string;
  name: string;
  progress: Progress;
  className?: string;
}

/** 部门双监控: basic spending against 序时进度, each project against its plan, with its indicators' status. */
export function DepartmentMonitoringView({ monitoring }: { monitoring: DepartmentMonitoring }) {
  const lines: MonitoredLine[] = [
    // The basic budget has no plan of its own: its 计划进度 is 序时进度.
    { key: 'basic', name: '基本支出（对照序时进度）', progress: { ...monitoring.basic, plannedPercent: monitoring.basic.timeElapsedPercent } },
    ...monitoring.projects.map((p) => ({ key: p.code, name: p.name, progress: p, className: `row-${p.warning}` })),
  ];
  return (
    <div>
      <p>
        截至 {monitoring.asOf}（批复版本 {monitoring.budgetVersion}）：执行 {formatYuan(monitoring.executed)} 元 / 批复 {formatYuan(monitoring.approved)} 元，执行率 {monitoring.executedPercent}%，计划进度{' '}
        {monitoring.plannedPercent}%。 <WarningBadge level={monitoring.warning} />
      </p>
      <DataTable
        label="执行监控表（可横向滚动）"
        caption="执行与计划进度"
        className="monitoring"
        rows={lines}
        rowKey="key"
        rowClassName={(line) => line.className}
        columns={[
          { header: '支出', rowHeader: true, cell: (line) => line.name },
          { header: '批复（元）', amount: true, cell: (line) => formatYuan(line.progress.approved) },
          { header: '已执行（元）', amount: true, cell: (line) => formatYuan(line.progress.executed) },
          ...progressColumns((line: MonitoredLine) => line.progress),
        ]}
      />
      <details className="project-detail">
        <summary>绩效指标状态</summary>
        <ul>
          {monitoring.projects.flatMap((p) =>
            p.indicators.map((i) => (
              <li key={`${p.code}-${i.name}`}>
                {p.name} · {i.name}（目标 {i.target}）：{INDICATOR_STATUS_NAMES[i.status] ?? i.status}
              </li>
            )),
          )}
        </ul>
      </details>
    </div>
  );
}

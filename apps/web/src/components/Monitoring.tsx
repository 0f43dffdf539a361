import { CHECKPOINTS, type DepartmentMonitoring, INDICATOR_STATUS_NAMES, type Progress, WARNING_NAMES, type WarningLevel } from '../execution';
import { formatYuan } from '../money';
import { Field, Scroll } from './common';

/** A warning level in words and colour (never colour alone). */
export function WarningBadge({ level }: { level: WarningLevel }) {
  return <span className={`badge warning-${level}`}>{WARNING_NAMES[level] ?? level}</span>;
}

export function CheckpointPicker({ value, onChange }: { value: string; onChange: (checkpoint: string) => void }) {
  return (
    <Field label="截至">
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">今天</option>
          {CHECKPOINTS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
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

/** 部门双监控: basic spending against 序时进度, each project against its plan, with its indicators' status. */
export function DepartmentMonitoringView({ monitoring }: { monitoring: DepartmentMonitoring }) {
  return (
    <div>
      <p>
        截至 {monitoring.asOf}（批复版本 {monitoring.budgetVersion}）：执行 {formatYuan(monitoring.executed)} 元 / 批复 {formatYuan(monitoring.approved)} 元，执行率 {monitoring.executedPercent}%，计划进度{' '}
        {monitoring.plannedPercent}%。 <WarningBadge level={monitoring.warning} />
      </p>
      <Scroll label="执行监控表（可横向滚动）">
        <table className="monitoring">
          <caption className="sr-only">执行与计划进度</caption>
          <thead>
            <tr>
              <th scope="col">支出</th>
              <th scope="col" className="amount">
                批复（元）
              </th>
              <th scope="col" className="amount">
                已执行（元）
              </th>
              <th scope="col" className="amount">
                执行率
              </th>
              <th scope="col" className="amount">
                计划进度
              </th>
              <th scope="col">进度对比</th>
              <th scope="col">预警</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">基本支出（对照序时进度）</th>
              <td className="amount">{formatYuan(monitoring.basic.approved)}</td>
              <td className="amount">{formatYuan(monitoring.basic.executed)}</td>
              <td className="amount">{monitoring.basic.executedPercent}%</td>
              <td className="amount">{monitoring.basic.timeElapsedPercent}%</td>
              <td>
                <ProgressBars progress={{ ...monitoring.basic, plannedPercent: monitoring.basic.timeElapsedPercent }} />
              </td>
              <td>
                <WarningBadge level={monitoring.basic.warning} />
              </td>
            </tr>
            {monitoring.projects.map((p) => (
              <tr key={p.code} className={`row-${p.warning}`}>
                <th scope="row">{p.name}</th>
                <td className="amount">{formatYuan(p.approved)}</td>
                <td className="amount">{formatYuan(p.executed)}</td>
                <td className="amount">{p.executedPercent}%</td>
                <td className="amount">{p.plannedPercent}%</td>
                <td>
                  <ProgressBars progress={p} />
                </td>
                <td>
                  <WarningBadge level={p.warning} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
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

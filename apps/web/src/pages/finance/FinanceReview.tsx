import { useState } from 'react';
import { type Budget, type Content, api, apiOrNull, budgetUrl, loadSession } from '../../api';
import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import { Done, Field, Loading, ProblemNotice, Scroll, StatusBadge, useCommand, useLoad } from '../../components/common';
import { type DescribedChange, describeChange } from './changes';

interface HistoryEvent {
  version: number;
  type: string;
  at: string;
  userId: string;
  role: string;
  reason?: string;
  data: Record<string, unknown>;
}
interface DiffChange {
  section: string;
  key: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
  delta: string;
  changedFields?: string[];
}

const SECTION_NAMES: Record<string, string> = { income: '收入', carryOver: '结转结余', basicLine: '基本支出', project: '项目' };
const KIND_NAMES: Record<string, string> = { added: '新增', removed: '删除', changed: '修改' };

/** The content as it stood just before event `index` of the history, for the lines that event touches. */
const beforeInHistory = (events: HistoryEvent[], index: number): Content => {
  const content: Content = { department: { code: '', name: '', unitKind: '' }, fiscalYear: 0, income: [], carryOver: { fromLastYear: '0', toNextYear: '0' }, basicExpenditureLines: [], projects: [] };
  for (const event of events.slice(0, index)) {
    const data = event.data as Record<string, never>;
    if (event.type === 'IncomeDeclared') content.income = [...content.income.filter((i) => i.source !== data['source']), { source: data['source'], amount: data['amount'] }];
    if (event.type === 'BasicLineProposed' || event.type === 'BasicLineRevised') {
      const line = data['line'] as Content['basicExpenditureLines'][number];
      content.basicExpenditureLines = [...content.basicExpenditureLines.filter((l) => l.lineId !== line.lineId), line];
    }
    if (event.type === 'ProjectProposed' || event.type === 'ProjectAdjusted') {
      const project = data['project'] as Content['projects'][number];
      content.projects = [...content.projects.filter((p) => p.code !== project.code), project];
    }
  }
  return content;
};

function ChangeTable({ caption, changes }: { caption: string; changes: DescribedChange[] }) {
  return (
    <Scroll label={`${caption}（可横向滚动）`}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">类别</th>
            <th scope="col">内容</th>
            <th scope="col" className="amount">
              调整前（元）
            </th>
            <th scope="col" className="amount">
              调整后（元）
            </th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <tr key={i}>
              <td>{c.what}</td>
              <td>{c.label}</td>
              <td className="amount">{formatYuan(c.before)}</td>
              <td className="amount">{formatYuan(c.after)}</td>
              <td>{c.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** 审核: one department's budget for the finance bureau — changes, approve or return, control numbers, publish, adjustments. */
export function FinanceReview({ department, year }: { department: string; year: string }) {
  const url = budgetUrl(department, year);
  const command = useCommand();
  const [returnReason, setReturnReason] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const [controls, setControls] = useState({ total: '', basic: '', project: '' });
  const isFinance = loadSession()?.role === 'finance';

  const loaded = useLoad(async () => {
    const budget = await apiOrNull<Budget>('GET', `${url}?version=draft`);
    if (!budget) return null;
    const history = await api<{ events: HistoryEvent[] }>('GET', `${url}/history`);
    // Before/after: the draft against the last approved version while it is being reworked; otherwise the last
    // two approved versions (what the latest adjustment changed).
    const versions = budget.versions.map((v) => v.version);
    const latest = versions[versions.length - 1];
    const [from, to] =
      latest !== undefined && (budget.status === 'drafting' || budget.status === 'submitted') ? [String(latest), 'draft'] : versions.length >= 2 ? [String(versions[versions.length - 2]), String(latest)] : [];
    const diff = from && to ? { from, to, ...(await api<{ changes: DiffChange[] }>('GET', `${url}/diff?from=${from}&to=${to}`)) } : null;
    const approved = budget.pendingAdjustment ? await api<Budget>('GET', `${url}?version=approved`) : null;
    return { budget, history: history.events, diff, approved };
  }, [url]);

  const act = async (action: () => Promise<unknown>, message: string) => {
    if (await command.run(action, message)) await loaded.reload();
  };

  const data = loaded.data;
  const budget = data?.budget;
  const events = data?.history ?? [];
  const lastReturn = events.map((e) => e.type).lastIndexOf('DraftReturned');
  const sinceReturn: DescribedChange[] =
    lastReturn >= 0 && budget?.status === 'submitted'
      ? events
          .slice(lastReturn + 1)
          .map((e, i) => describeChange(e.type, e.data, beforeInHistory(events, lastReturn + 1 + i)))
          .filter((c): c is DescribedChange => c !== null)
      : [];
  const requested = budget?.pendingAdjustment ? events.find((e) => e.type === 'AdjustmentRequested' && e.data['adjustmentId'] === budget.pendingAdjustment?.adjustmentId) : undefined;
  const adjustmentChanges = ((requested?.data['changes'] as Array<{ type: string; data: unknown }> | undefined) ?? [])
    .map((change) => describeChange(change.type, change.data, data?.approved?.content))
    .filter((c): c is DescribedChange => c !== null);

  return (
    <div>
      <p>
        <Link to={`/finance/${year}`}>← 返回审核列表</Link>
      </p>
      <div className="page-head">
        <h1>
          {budget?.content.department.name ?? department} {year}年部门预算审核
        </h1>
        <StatusBadge status={budget?.status} />
      </div>
      <Loading loading={loaded.loading && !data} />
      <ProblemNotice problem={loaded.problem} />
      <ProblemNotice problem={command.problem} fieldsShownInline />
      <Done message={command.done} />
      {data === null && <p className="notice notice-info">该部门本年度尚未建立预算。</p>}
      {budget && (
        <>
          <section className="card" aria-labelledby="summary-title">
            <h2 id="summary-title">预算概况</h2>
            <dl className="figures">
              <div>
                <dt>收入合计</dt>
                <dd>{yuanToWan(sumYuan(budget.content.income.map((i) => i.amount)))} 万元</dd>
              </div>
              <div>
                <dt>基本支出</dt>
                <dd>{yuanToWan(sumYuan(budget.content.basicExpenditureLines.map((l) => l.amount)))} 万元</dd>
              </div>
              <div>
                <dt>项目支出</dt>
                <dd>{yuanToWan(sumYuan(budget.content.projects.map((p) => p.amount)))} 万元</dd>
              </div>
            </dl>
            {(budget.warnings?.length ?? 0) > 0 && (
              <ul className="findings">
                {budget.warnings?.map((w, i) => (
                  <li key={i} className="finding-warning">
                    <span className="tag">提示</span> {w.message}
                  </li>
                ))}
              </ul>
            )}
            {budget.lastReturnReason && <p>上次退回理由：{budget.lastReturnReason}</p>}
          </section>

          {sinceReturn.length > 0 && (
            <section className="card" aria-labelledby="since-return-title">
              <h2 id="since-return-title">退回后的修改</h2>
              <ChangeTable caption="退回后部门所作修改（修改前 → 修改后）" changes={sinceReturn} />
            </section>
          )}
          {data?.diff && data.diff.changes.length > 0 && (
            <section className="card" aria-labelledby="diff-title">
              <h2 id="diff-title">{data.diff.to === 'draft' ? `草案与批复版本 ${data.diff.from} 的差异` : `版本 ${data.diff.from} → 版本 ${data.diff.to} 的差异`}</h2>
              <ChangeTable
                caption="逐行差异"
                changes={data.diff.changes.map((c) => ({ what: SECTION_NAMES[c.section] ?? c.section, label: c.label, before: c.before, after: c.after, note: `${KIND_NAMES[c.kind]}${c.changedFields ? `：${c.changedFields.join('、')}` : ''}` }))}
              />
            </section>
          )}

          {isFinance && budget.status === 'submitted' && (
            <section className="card" aria-labelledby="decide-title">
              <h2 id="decide-title">审核意见</h2>
              <button type="button" className="button" disabled={command.busy} onClick={() => void act(() => api('POST', `${url}/approve`), '已批复')}>
                批复
              </button>
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void act(() => api('POST', `${url}/return`, { body: { reason: returnReason } }), '已退回部门');
                }}
              >
                <Field label="退回理由" error={command.fieldError('reason')} wide>
                  {(props) => <textarea {...props} rows={3} value={returnReason} onChange={(e) => setReturnReason(e.target.value)} />}
                </Field>
                <button type="submit" className="button button-danger" disabled={command.busy}>
                  退回
                </button>
              </form>
            </section>
          )}

          {budget.pendingAdjustment && (
            <section className="card" aria-labelledby="adjustment-title">
              <h2 id="adjustment-title">调整申请</h2>
              <p>
                理由：{budget.pendingAdjustment.reason}（{budget.pendingAdjustment.requestedBy}，{budget.pendingAdjustment.requestedAt.slice(0, 10)}）
              </p>
              <ChangeTable caption="调整前后对比" changes={adjustmentChanges} />
              {isFinance && (
                <>
                  <button type="button" className="button" disabled={command.busy} onClick={() => void act(() => api('POST', `${url}/adjustments/${encodeURIComponent(budget.pendingAdjustment!.adjustmentId)}/approve`), '调整已批准，形成新版本')}>
                    批准调整
                  </button>
                  <form
                    className="inline-form"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void act(() => api('POST', `${url}/adjustments/${encodeURIComponent(budget.pendingAdjustment!.adjustmentId)}/reject`, { body: { reason: rejectReason } }), '调整已驳回');
                    }}
                  >
                    <Field label="驳回理由" error={command.fieldError('reason')} wide>
                      {(props) => <textarea {...props} rows={2} value={rejectReason} onChange={(e) => setRejectReason(e.target.value)} />}
                    </Field>
                    <button type="submit" className="button button-danger" disabled={command.busy}>
                      驳回调整
                    </button>
                  </form>
                </>
              )}
            </section>
          )}

          <section className="card" aria-labelledby="versions-title">
            <h2 id="versions-title">批复版本与公开</h2>
            {budget.versions.length === 0 ? (
              <p>尚未批复。</p>
            ) : (
              <ul>
                {budget.versions.map((v) => (
                  <li key={v.version}>
                    版本 {v.version}（{v.approvedAt.slice(0, 10)}，{v.approvedBy}）{v.reason ? `：${v.reason}` : ''}{' '}
                    {v.published ? (
                      <>
                        已公开 <Link to={`/public/${department}/${year}`}>公开页面</Link>
                      </>
                    ) : isFinance ? (
                      <button type="button" className="button button-small" disabled={command.busy} onClick={() => void act(() => api('POST', `${url}/versions/${v.version}/publish`), `版本 ${v.version} 已公开`)}>
                        公开版本 {v.version}
                      </button>
                    ) : (
                      '未公开'
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {isFinance && (
            <section className="card" aria-labelledby="controls-title">
              <h2 id="controls-title">控制数</h2>
              <p>
                当前：
                {budget.controlNumbers
                  ? ['total', 'basic', 'project']
                      .map((cap) => {
                        const value = budget.controlNumbers?.[cap as 'total'];
                        return value ? `${{ total: '总额', basic: '基本支出', project: '项目支出' }[cap]} ${formatYuan(value)} 元` : null;
                      })
                      .filter(Boolean)
                      .join('，')
                  : '未设定'}
              </p>
              <form
                className="form-grid"
                onSubmit={(event) => {
                  event.preventDefault();
                  const body = Object.fromEntries(Object.entries(controls).filter(([, v]) => v.trim() !== ''));
                  void act(() => api('PUT', `${url}/control-numbers`, { body }), '控制数已设定');
                }}
              >
                <Field label="总额上限（元）" error={command.fieldError('total')}>
                  {(props) => <input {...props} inputMode="decimal" value={controls.total} onChange={(e) => setControls({ ...controls, total: e.target.value })} />}
                </Field>
                <Field label="基本支出上限（元）" error={command.fieldError('basic')}>
                  {(props) => <input {...props} inputMode="decimal" value={controls.basic} onChange={(e) => setControls({ ...controls, basic: e.target.value })} />}
                </Field>
                <Field label="项目支出上限（元）" error={command.fieldError('project')}>
                  {(props) => <input {...props} inputMode="decimal" value={controls.project} onChange={(e) => setControls({ ...controls, project: e.target.value })} />}
                </Field>
                <div className="actions">
                  <button type="submit" className="button button-secondary" disabled={command.busy}>
                    设定控制数
                  </button>
                </div>
              </form>
            </section>
          )}
        </>
      )}
    </div>
  );
}

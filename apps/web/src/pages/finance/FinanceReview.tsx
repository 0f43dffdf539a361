import { useState } from 'react';
import type { HistoryEntry } from '@budgetflow/contracts';
import { budgetUrl, loadSession, client, orNull } from '../../api';
import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import { Done, Loading, ProblemNotice, StatusBadge, useCommand, useLoad } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { Figures, Form, SubmitButton, TextField } from '../../components/forms';
import { type ChangedContent, type DescribedChange, describeChange } from './changes';
import { Card } from '../../components/Card';

const SECTION_NAMES: Record<string, string> = { income: '收入', carryOver: '结转结余', basicLine: '基本支出', project: '项目' };
const KIND_NAMES: Record<string, string> = { added: '新增', removed: '删除', changed: '修改' };

/** The content as it stood just before event `index` of the history, for the lines that event touches. */
const beforeInHistory = (events: HistoryEntry[], index: number): ChangedContent => {
  const content: ChangedContent = { income: [], basicExpenditureLines: [], projects: [] };
  for (const event of events.slice(0, index)) {
    const data = event.data as Record<string, never>;
    if (event.type === 'IncomeDeclared') content.income = [...content.income.filter((i) => i.source !== data['source']), { source: data['source'], amount: data['amount'] }];
    if (event.type === 'BasicLineProposed' || event.type === 'BasicLineRevised') {
      const line = data['line'] as ChangedContent['basicExpenditureLines'][number];
      content.basicExpenditureLines = [...content.basicExpenditureLines.filter((l) => l.lineId !== line.lineId), line];
    }
    if (event.type === 'ProjectProposed' || event.type === 'ProjectAdjusted') {
      const project = data['project'] as ChangedContent['projects'][number];
      content.projects = [...content.projects.filter((p) => p.code !== project.code), project];
    }
  }
  return content;
};

function ChangeTable({ caption, changes }: { caption: string; changes: DescribedChange[] }) {
  return (
    <DataTable
      label={`${caption}（可横向滚动）`}
      caption={caption}
      showCaption
      rows={changes}
      columns={[
        { header: '类别', cell: (c: DescribedChange) => c.what },
        { header: '内容', cell: (c) => c.label },
        { header: '调整前（元）', amount: true, cell: (c) => formatYuan(c.before) },
        { header: '调整后（元）', amount: true, cell: (c) => formatYuan(c.after) },
        { header: '说明', cell: (c) => c.note },
      ]}
    />
  );
}

/** 审核: one department's budget for the finance bureau — changes, approve or return, control numbers, publish, adjustments. */
export function FinanceReview({ department, year }: { department: string; year: string }) {
  const url = budgetUrl(department, year);
  const b = { department, year };
  const command = useCommand();
  const [returnReason, setReturnReason] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const [controls, setControls] = useState({ total: '', basic: '', project: '' });
  const isFinance = loadSession()?.role === 'finance';

  const loaded = useLoad(async () => {
    const budget = await orNull(client.budget(b, { version: 'draft' }));
    if (!budget) return null;
    const history = await client.history(b);
    // Before/after: the draft against the last approved version while it is being reworked; otherwise the last
    // two approved versions (what the latest adjustment changed).
    const versions = budget.versions.map((v) => v.version);
    const latest = versions[versions.length - 1];
    const [from, to] =
      latest !== undefined && (budget.status === 'drafting' || budget.status === 'submitted') ? [String(latest), 'draft'] : versions.length >= 2 ? [String(versions[versions.length - 2]), String(latest)] : [];
    // The answer names both versions as the server resolved them (`draft` or a number).
    const diff = from && to ? await client.diff(b, { from, to }) : null;
    const approved = budget.pendingAdjustment ? await client.budget(b, { version: 'approved' }) : null;
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
          <Card id="summary-title" title="预算概况">
            <Figures
              items={[
                { label: '收入合计', value: `${yuanToWan(sumYuan(budget.content.income.map((i) => i.amount)))} 万元` },
                { label: '基本支出', value: `${yuanToWan(sumYuan(budget.content.basicExpenditureLines.map((l) => l.amount)))} 万元` },
                { label: '项目支出', value: `${yuanToWan(sumYuan(budget.content.projects.map((p) => p.amount)))} 万元` },
              ]}
            />
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
          </Card>

          {sinceReturn.length > 0 && (
            <Card id="since-return-title" title="退回后的修改">
              <ChangeTable caption="退回后部门所作修改（修改前 → 修改后）" changes={sinceReturn} />
            </Card>
          )}
          {data?.diff && data.diff.changes.length > 0 && (
            <Card id="diff-title" title={data.diff.to === 'draft' ? `草案与批复版本 ${data.diff.from} 的差异` : `版本 ${data.diff.from} → 版本 ${data.diff.to} 的差异`}>
              <ChangeTable
                caption="逐行差异"
                changes={data.diff.changes.map((c) => ({ what: SECTION_NAMES[c.section] ?? c.section, label: c.label, before: c.before, after: c.after, note: `${KIND_NAMES[c.kind]}${c.changedFields ? `：${c.changedFields.join('、')}` : ''}` }))}
              />
            </Card>
          )}

          {isFinance && budget.status === 'submitted' && (
            <Card id="decide-title" title="审核意见">
              <button type="button" className="button" disabled={command.busy} onClick={() => void act(() => client.approve(b), '已批复')}>
                批复
              </button>
              <Form className="inline-form" onSubmit={() => act(() => client.returnDraft(b, { reason: returnReason }), '已退回部门')}>
                <TextField label="退回理由" error={command.fieldError('reason')} wide rows={3} value={returnReason} onChange={setReturnReason} />
                <button type="submit" className="button button-danger" disabled={command.busy}>
                  退回
                </button>
              </Form>
            </Card>
          )}

          {budget.pendingAdjustment && (
            <Card id="adjustment-title" title="调整申请">
              <p>
                理由：{budget.pendingAdjustment.reason}（{budget.pendingAdjustment.requestedBy}，{budget.pendingAdjustment.requestedAt.slice(0, 10)}）
              </p>
              <ChangeTable caption="调整前后对比" changes={adjustmentChanges} />
              {isFinance && (
                <>
                  <button type="button" className="button" disabled={command.busy} onClick={() => void act(() => client.approveAdjustment(b, budget.pendingAdjustment!.adjustmentId), '调整已批准，形成新版本')}>
                    批准调整
                  </button>
                  <Form
                    className="inline-form"
                    onSubmit={() => act(() => client.rejectAdjustment(b, budget.pendingAdjustment!.adjustmentId, { reason: rejectReason }), '调整已驳回')}
                  >
                    <TextField label="驳回理由" error={command.fieldError('reason')} wide rows={2} value={rejectReason} onChange={setRejectReason} />
                    <button type="submit" className="button button-danger" disabled={command.busy}>
                      驳回调整
                    </button>
                  </Form>
                </>
              )}
            </Card>
          )}

          <Card id="versions-title" title="批复版本与公开">
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
                      <button type="button" className="button button-small" disabled={command.busy} onClick={() => void act(() => client.publish(b, v.version), `版本 ${v.version} 已公开`)}>
                        公开版本 {v.version}
                      </button>
                    ) : (
                      '未公开'
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          {isFinance && (
            <Card id="controls-title" title="控制数">
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
              <Form
                className="form-grid"
                onSubmit={() => {
                  const body = Object.fromEntries(Object.entries(controls).filter(([, v]) => v.trim() !== ''));
                  return act(() => client.setControlNumbers(b, body), '控制数已设定');
                }}
              >
                <TextField label="总额上限（元）" error={command.fieldError('total')} inputMode="decimal" value={controls.total} onChange={(total) => setControls({ ...controls, total })} />
                <TextField label="基本支出上限（元）" error={command.fieldError('basic')} inputMode="decimal" value={controls.basic} onChange={(basic) => setControls({ ...controls, basic })} />
                <TextField label="项目支出上限（元）" error={command.fieldError('project')} inputMode="decimal" value={controls.project} onChange={(project) => setControls({ ...controls, project })} />
                <SubmitButton busy={command.busy} className="button button-secondary">
                  设定控制数
                </SubmitButton>
              </Form>
            </Card>
          )}
        </>
      )}
    </div>
  );
}

import { useState } from 'react';
import type { BudgetDiff, BudgetView } from '@budgetflow/contracts';
import { budgetUrl, loadSession, client, orNull } from '../../api';
import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import { Done, Loading, ProblemNotice, StatusBadge, useCommand, useLoad } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { Figures, Form, SubmitButton, TextField } from '../../components/forms';
import { type DescribedChange, describeChange } from './changes';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { download } from '../../execution';
import { SubmittedBudget } from './SubmittedBudget';

/** What finance is about to sign, named in the confirmation. */
type Signing = { kind: 'approve' } | { kind: 'return' } | { kind: 'publish'; version: number; approvedAt: string; total?: string };

/** 支出合计 of a content in 元: basic lines and projects. */
const spendingTotal = (content: BudgetView['content']): string => sumYuan([...content.basicExpenditureLines.map((l) => l.amount), ...content.projects.map((p) => p.amount)]);
const incomeTotal = (content: BudgetView['content']): string => sumYuan(content.income.map((i) => i.amount));
/** `6,542,400.00 元（654.24 万元）`: the amount as signed and as published. */
const bothUnits = (yuan: string): string => `${formatYuan(yuan)} 元（${yuanToWan(yuan)} 万元）`;

const SECTION_NAMES: Record<string, string> = { income: '收入', carryOver: '结转结余', basicLine: '基本支出', project: '项目' };
const KIND_NAMES: Record<string, string> = { added: '新增', removed: '删除', changed: '修改' };

/** The fields a change touched, as the editor pages call them. */
const FIELD_NAMES: Record<string, string> = {
  name: '名称',
  functionalCode: '功能分类',
  economicCode: '经济分类',
  fundSource: '资金来源',
  amount: '金额',
  fiscalFunds: '财政资金',
  otherFunds: '其他资金',
  purpose: '用途',
  spendingPlan: '支出计划',
  goal: '绩效目标',
  indicators: '绩效指标',
  lines: '支出明细',
  unit: '所属单位',
  fromCarryOver: '结转资金',
};

/** The lines of a `…/diff` answer as the change table shows them. */
const diffRows = (diff: BudgetDiff): DescribedChange[] =>
  diff.changes.map((c) => ({
    what: SECTION_NAMES[c.section] ?? c.section,
    label: c.label,
    before: c.before,
    after: c.after,
    note: `${KIND_NAMES[c.kind]}${c.changedFields ? `：${c.changedFields.map((field) => FIELD_NAMES[field] ?? field).join('、')}` : ''}`,
  }));

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
  const [signing, setSigning] = useState<Signing | null>(null);

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
    // What the department changed since finance last returned the draft (the API folds the stream to the return).
    const sinceReturn = budget.status === 'submitted' && history.events.some((e) => e.type === 'DraftReturned') ? await client.diff(b, { from: 'returned', to: 'draft' }) : null;
    // The whole budget as it would be signed: catalog names, the nine tables, the 勾稽 findings of the draft.
    const [catalog, tables, consistency] = await Promise.all([
      orNull(client.catalog(year)).catch(() => null),
      orNull(client.tables(b, { version: 'draft' })).catch(() => null),
      orNull(client.consistency(b, { version: 'draft' })).catch(() => null),
    ]);
    return { budget, history: history.events, diff, sinceReturn, approved, catalog, tables, findings: consistency?.findings ?? [] };
  }, [url]);

  const act = async (action: () => Promise<unknown>, message: string): Promise<boolean> => {
    const ok = await command.run(action, message);
    if (ok) await loaded.reload();
    return ok;
  };

  const data = loaded.data;
  const budget = data?.budget;
  const events = data?.history ?? [];
  const sinceReturn = data?.sinceReturn ? diffRows(data.sinceReturn) : [];
  const requested = budget?.pendingAdjustment ? events.find((e) => e.type === 'AdjustmentRequested' && e.data['adjustmentId'] === budget.pendingAdjustment?.adjustmentId) : undefined;
  const adjustmentChanges = ((requested?.data['changes'] as Array<{ type: string; data: unknown }> | undefined) ?? [])
    .map((change) => describeChange(change.type, change.data, data?.approved?.content))
    .filter((c): c is DescribedChange => c !== null);

  const findings = data?.findings ?? [];
  const departmentLabel = budget ? `${budget.content.department.code} ${budget.content.department.name}` : department;
  const nextVersion = (budget?.versions.reduce((max, v) => Math.max(max, v.version), 0) ?? 0) + 1;
  const signedFacts = (kind: Signing['kind']) =>
    budget
      ? [
          { label: '部门', value: departmentLabel },
          { label: '年度', value: `${year}年` },
          {
            label: '版本',
            value: kind === 'approve' ? `报送的草案，批复后形成第 ${nextVersion} 版（记录号 ${budget.streamVersion ?? '—'}）` : `报送的草案（记录号 ${budget.streamVersion ?? '—'}）`,
          },
          { label: '支出合计', value: bothUnits(spendingTotal(budget.content)) },
          { label: '收入合计', value: bothUnits(incomeTotal(budget.content)) },
          { label: '检查结果', value: `${(budget.warnings?.length ?? 0) + findings.length} 条提示${findings.some((f) => f.severity === 'error') ? '，含勾稽错误' : ''}` },
        ]
      : [];
  const openPublish = async (version: number, approvedAt: string) => {
    setSigning({ kind: 'publish', version, approvedAt });
    // The amount of the version being published (it may differ from the draft after adjustments).
    const content = await orNull(client.budget(b, { version })).catch(() => null);
    if (content) setSigning({ kind: 'publish', version, approvedAt, total: spendingTotal(content.content) });
  };
  const confirmSigning = async () => {
    if (!signing) return;
    // Finance signs exactly the draft it was shown: If-Match with its stream version (412 if it changed since).
    const shown = budget?.streamVersion;
    const done =
      signing.kind === 'approve'
        ? await act(() => client.approve(b, undefined, { ifMatch: shown }), `已批复，形成第 ${nextVersion} 版`)
        : signing.kind === 'return'
          ? await act(() => client.returnDraft(b, { reason: returnReason }, { ifMatch: shown }), '已退回部门')
          : await act(() => client.publish(b, signing.version), `第 ${signing.version} 版已公开`);
    if (done && signing.kind === 'return') setReturnReason('');
    // Refused (e.g. the draft changed meanwhile): show what stands now beside the refusal.
    if (!done) await loaded.reload();
    setSigning(null);
  };

  return (
    <div>
      <p>
        <Link to={`/finance/${year}`}>← 返回审核列表</Link>
        {(budget?.status === 'approved' || budget?.status === 'published') && (
          <>
            {' · '}
            <Link to={`/finance/${year}/${department}/year-end`}>年终结账与决算</Link>
          </>
        )}
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
                { label: '收入合计', value: `${yuanToWan(incomeTotal(budget.content))} 万元` },
                { label: '支出合计', value: `${yuanToWan(spendingTotal(budget.content))} 万元` },
                { label: '基本支出', value: `${yuanToWan(sumYuan(budget.content.basicExpenditureLines.map((l) => l.amount)))} 万元` },
                { label: '项目支出', value: `${yuanToWan(sumYuan(budget.content.projects.map((p) => p.amount)))} 万元` },
              ]}
            />
            {budget.lastReturnReason && <p>上次退回理由：{budget.lastReturnReason}</p>}
          </Card>

          <Card id="checks-title" title="提示与勾稽检查">
            {(budget.warnings?.length ?? 0) === 0 && findings.length === 0 ? (
              <p className="ok">没有提示，勾稽关系全部成立。</p>
            ) : (
              <ul className="findings">
                {budget.warnings?.map((w, i) => (
                  <li key={`w${i}`} className="finding-warning">
                    <span className="tag">提示</span> {w.message}
                  </li>
                ))}
                {findings.map((f, i) => (
                  <li key={`f${i}`} className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                    <span className="tag">{f.severity === 'error' ? '勾稽错误' : f.severity === 'info' ? '勾稽说明' : '勾稽提示'}</span> {f.message}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          {sinceReturn.length > 0 && (
            <Card id="since-return-title" title="退回后的修改">
              <ChangeTable caption="退回后部门所作修改（修改前 → 修改后）" changes={sinceReturn} />
            </Card>
          )}
          {data?.diff && data.diff.changes.length > 0 && (
            <Card id="diff-title" title={data.diff.to === 'draft' ? `草案与批复版本 ${data.diff.from} 的差异` : `版本 ${data.diff.from} → 版本 ${data.diff.to} 的差异`}>
              <ChangeTable caption="逐行差异" changes={diffRows(data.diff)} />
            </Card>
          )}

          <Card id="content-title" title={budget.status === 'submitted' ? '报送内容（全部）' : '预算内容（当前草案）'}>
            <SubmittedBudget content={budget.content} catalog={data?.catalog ?? null} tables={data?.tables?.tables} unit={data?.tables?.unit} />
          </Card>

          {isFinance && budget.status === 'submitted' && (
            <Card id="decide-title" title="审核意见">
              <p>批复或退回前会列出所签署的部门、年度、版本与金额，请核对后确认。</p>
              <button type="button" className="button" disabled={command.busy} onClick={() => setSigning({ kind: 'approve' })}>
                批复…
              </button>
              <Form
                className="inline-form"
                onSubmit={() => (returnReason.trim() === '' ? act(() => client.returnDraft(b, { reason: returnReason }), '已退回部门') : setSigning({ kind: 'return' }))}
              >
                <TextField label="退回理由" error={command.fieldError('reason')} wide rows={3} value={returnReason} onChange={setReturnReason} />
                <button type="submit" className="button button-danger" disabled={command.busy}>
                  退回…
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
                      <button type="button" className="button button-small" disabled={command.busy} onClick={() => void openPublish(v.version, v.approvedAt)}>
                        公开版本 {v.version}…
                      </button>
                    ) : (
                      '未公开'
                    )}{' '}
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      onClick={() => void command.run(() => download(`${url}/versions/${v.version}/document.pdf`, `budget-${department}-${year}-v${v.version}.pdf`))}
                    >
                      下载版本 {v.version} PDF
                    </button>
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
      <ConfirmDialog
        open={signing !== null}
        busy={command.busy}
        title={signing?.kind === 'approve' ? '确认批复' : signing?.kind === 'return' ? '确认退回' : `确认公开第 ${signing?.kind === 'publish' ? signing.version : ''} 版`}
        confirmLabel={signing?.kind === 'approve' ? `确认批复第 ${nextVersion} 版` : signing?.kind === 'return' ? '确认退回' : '确认公开'}
        danger={signing?.kind === 'return'}
        facts={
          signing?.kind === 'publish'
            ? [
                { label: '部门', value: departmentLabel },
                { label: '年度', value: `${year}年` },
                { label: '版本', value: `第 ${signing.version} 版（批复于 ${signing.approvedAt.slice(0, 10)}）` },
                { label: '支出合计', value: signing.total ? bothUnits(signing.total) : '正在读取…' },
              ]
            : signedFacts(signing?.kind ?? 'approve')
        }
        onConfirm={() => void confirmSigning()}
        onCancel={() => setSigning(null)}
      >
        {signing?.kind === 'return' && <p>退回理由：{returnReason}</p>}
        {signing?.kind === 'publish' && <p>公开后任何人无需登录即可查看、下载该版本，公开不可撤回。</p>}
        {signing?.kind === 'approve' && <p>批复后草案锁定为第 {nextVersion} 版，部门不能再修改，只能申请调整。</p>}
      </ConfirmDialog>
    </div>
  );
}

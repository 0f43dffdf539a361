import { useRef, useState } from 'react';
import type { UnitKind } from '@budgetflow/contracts';
import { api, budgetUrl, client, orNull } from '../../api';
import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Done, Field, ProblemNotice, useCommand, useLoad } from '../../components/common';
import { Figures, Form, SelectField, SubmitButton, TextField } from '../../components/forms';
import { Link } from '../../router';
import { type BudgetPageProps, isEditable } from './DepartmentPage';
import { Card } from '../../components/Card';
import { EntryWorkbook } from './EntryWorkbook';

/** 单位性质 a new draft may name. */
const UNIT_KINDS: readonly UnitKind[] = ['行政', '参公', '事业'];

/** 概况与报送: totals, the return reason, warnings and consistency findings before submitting, import, submit. */
export function Overview({ department, year, budget, reload }: BudgetPageProps) {
  const url = budgetUrl(department, year);
  const command = useCommand();
  const [confirming, setConfirming] = useState(false);
  const findings = useLoad(async () => (budget ? ((await orNull(client.consistency({ department, year }, { version: 'draft' })))?.findings ?? []) : []), [url, budget?.streamVersion]);
  const fileInput = useRef<HTMLInputElement>(null);
  const [openForm, setOpenForm] = useState({ name: '', unitKind: '行政' });

  const importFile = async (file: File) => {
    const text = await file.text();
    if (await command.run(() => api('POST', `${url}/import`, { raw: { text, contentType: 'application/json' } }), `已导入 ${file.name}`)) await reload();
    if (fileInput.current) fileInput.current.value = '';
  };

  const importSection = (
    <Card id="import-title" title="导入预算数据">
      <p>选择 budget-facts/1 格式的 JSON 文件（整份文档一次导入；有错误时不导入任何内容，重复导入不会重复记录）。</p>
      <Field label="预算数据文件（JSON）">
        {(props) => <input {...props} ref={fileInput} type="file" accept="application/json,.json" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />}
      </Field>
    </Card>
  );

  if (!budget) {
    return (
      <div>
        <p className="notice notice-info">本年度尚未建立预算草案。可以导入预算数据，或新建空白草案后逐项录入。</p>
        <ProblemNotice problem={command.problem} fieldsShownInline />
        <Done message={command.done} />
        <Card id="from-last-year-title" title="以上年预算为基础建立">
          <p>
            从 {Number(year) - 1} 年度最后批复的预算建立本年度草案：基本支出逐项带入，跨年度项目按本年度分年预算安排，年终结转资金列为上年结转，上年数自动计算。
          </p>
          <button
            type="button"
            onClick={async () => {
              if (await command.run(() => api('POST', url, { body: { fromYear: Number(year) - 1 } }), `已从 ${Number(year) - 1} 年度建立草案`)) await reload();
            }}
          >
            从 {Number(year) - 1} 年度建立
          </button>
        </Card>
        <EntryWorkbook department={department} year={year} budget={budget} reload={reload} />
        {importSection}
        <Card id="open-title" title="新建空白草案">
          <Form
            className="form-grid"
            onSubmit={async () => {
              if (await command.run(() => client.openDraft({ department, year }, openForm), '草案已建立')) await reload();
            }}
          >
            <TextField label="部门名称" error={command.fieldError('name') ?? command.fieldError('department.name')} value={openForm.name} onChange={(name) => setOpenForm({ ...openForm, name })} />
            <SelectField
              label="单位性质"
              error={command.fieldError('unitKind') ?? command.fieldError('department.unitKind')}
              options={UNIT_KINDS}
              value={openForm.unitKind}
              onChange={(unitKind) => setOpenForm({ ...openForm, unitKind })}
            />
            <SubmitButton>建立草案</SubmitButton>
          </Form>
        </Card>
      </div>
    );
  }

  const content = budget.content;
  const income = sumYuan([...content.income.map((i) => i.amount), content.carryOver.fromLastYear]);
  const basic = sumYuan(content.basicExpenditureLines.map((l) => l.amount));
  const project = sumYuan(content.projects.map((p) => p.amount));
  const expenditure = sumYuan([basic, project, content.carryOver.toNextYear]);
  const balanced = income === expenditure;
  const warnings = budget.warnings ?? [];
  const consistency = findings.data ?? [];

  const submit = async () => {
    if (await command.run(() => client.submit({ department, year }), '已报送财政部门审核')) {
      setConfirming(false);
      await reload();
    }
  };

  return (
    <div>
      <ProblemNotice problem={command.problem} />
      <Done message={command.done} />
      {budget.status === 'drafting' && budget.lastReturnReason && (
        <div className="notice notice-warn" role="note" aria-label="退回理由">
          <strong>财政部门已退回：</strong>
          <span className="return-reason">{budget.lastReturnReason}</span>
          <p>请按理由修改后重新报送。</p>
        </div>
      )}
      {budget.status === 'submitted' && <p className="notice notice-info">已报送，等待财政部门审核；审核期间草案不能修改。</p>}
      {budget.round && (
        <p className="notice notice-info" aria-label="编制轮次">
          编制轮次：{budget.round}（一上 → 一下 → 二上 → 二下）
        </p>
      )}
      {budget.carriedFrom && (
        <Card id="carried-title" title={`以 ${budget.carriedFrom.fiscalYear} 年度第 ${budget.carriedFrom.version} 版批复预算为基础`}>
          {budget.carriedFrom.carriedOver.length > 0 && (
            <p>上年结转：{budget.carriedFrom.carriedOver.map((c) => `${c.projectCode} ${yuanToWan(c.amount)} 万元`).join('；')}</p>
          )}
          {budget.carriedFrom.warnings.length > 0 ? (
            <ul aria-label="带入时需核实的事项">
              {budget.carriedFrom.warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          ) : (
            <p>带入内容无需特别核实。</p>
          )}
        </Card>
      )}
      {budget.pendingAdjustment && (
        <p className="notice notice-info">
          调整申请待财政审核：{budget.pendingAdjustment.reason}（{budget.pendingAdjustment.requestedBy}）
        </p>
      )}

      <Card id="totals-title" title="收支总览">
        <Figures
          items={[
            { label: '收入合计', value: `${yuanToWan(income)} 万元` },
            { label: '基本支出', value: `${yuanToWan(basic)} 万元` },
            { label: '项目支出', value: `${yuanToWan(project)} 万元` },
            { label: '收支平衡', value: balanced ? '平衡' : `不平衡（收入 ${formatYuan(income)} 元，支出 ${formatYuan(expenditure)} 元）`, className: balanced ? 'ok' : 'bad' },
          ]}
        />
        {budget.controlNumbers && (
          <p>
            控制数：
            {budget.controlNumbers.total && `总额 ${yuanToWan(budget.controlNumbers.total)} 万元 `}
            {budget.controlNumbers.basic && `基本支出 ${yuanToWan(budget.controlNumbers.basic)} 万元 `}
            {budget.controlNumbers.project && `项目支出 ${yuanToWan(budget.controlNumbers.project)} 万元`}
          </p>
        )}
      </Card>

      <Card id="checks-title" title="报送前检查">
        {warnings.length === 0 && consistency.length === 0 ? (
          <p className="ok">没有提示。</p>
        ) : (
          <ul className="findings">
            {warnings.map((w, i) => (
              <li key={`w${i}`} className="finding-warning">
                <span className="tag">提示</span> {w.message}
                {w.projectCode && (
                  <>
                    {' '}
                    <Link to={`/department/${department}/${year}/projects/${encodeURIComponent(w.projectCode)}`}>去修改</Link>
                  </>
                )}
              </li>
            ))}
            {consistency.map((f, i) => {
              // A finding about a project (`projects[1].indicators[3]`) leads to that project's editor.
              const project = /^projects\[(\d+)\]/.exec(f.ref);
              const code = project ? budget.content.projects[Number(project[1])]?.code : undefined;
              return (
                <li key={`c${i}`} className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                  <span className="tag">{f.severity === 'error' ? '勾稽错误' : '勾稽提示'}</span> {f.message}
                  {code && (
                    <>
                      {' '}
                      <Link to={`/department/${department}/${year}/projects/${encodeURIComponent(code)}`}>去修改</Link>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {isEditable(budget) &&
          (confirming ? (
            <div className="confirm" role="group" aria-label="确认报送">
              <p>
                确认报送？{warnings.length + consistency.length > 0 ? `尚有 ${warnings.length + consistency.length} 条提示，报送后由财政部门审核。` : ''}报送后草案不能修改，直到财政退回。
              </p>
              <button type="button" className="button" disabled={command.busy} onClick={() => void submit()}>
                确认报送
              </button>{' '}
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                取消
              </button>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              报送财政部门
            </button>
          ))}
      </Card>

      {budget.versions.length > 0 && (
        <Card id="versions-title" title="批复版本">
          <ul>
            {budget.versions.map((v) => (
              <li key={v.version}>
                版本 {v.version}：{v.approvedAt.slice(0, 10)} 批复（{v.approvedBy}）{v.reason ? `，调整理由：${v.reason}` : ''}
                {v.published ? (
                  <>
                    ，已公开 <Link to={`/public/${department}/${year}`}>查看公开页面</Link>
                  </>
                ) : (
                  '，未公开'
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <EntryWorkbook department={department} year={year} budget={budget} reload={reload} />
      {isEditable(budget) && importSection}
    </div>
  );
}

import { useState } from 'react';
import { api, loadSession } from '../../api';
import { yuanToWan } from '../../money';
import { Done, ProblemNotice, useCommand, useLoad } from '../../components/common';
import { Form, SubmitButton, TextField } from '../../components/forms';
import { Card } from '../../components/Card';
import { LoadStatus } from '../../components/LoadStatus';

/** One row of `GET /v1/project-library`. */
interface LibraryRow {
  department: string;
  code: string;
  name: string;
  functionalCode: string;
  totalAmount: string;
  startYear: number;
  endYear: number;
  status: string;
  statusName: string;
  lastReason?: string;
  history: { type: string; at: string; by: string; reason?: string }[];
}

const EMPTY = { code: '', name: '', functionalCode: '', totalAmount: '', startYear: '', endYear: '', purpose: '', goal: '' };

/**
 * 项目库: a department proposes projects and follows them (withdraws its own); finance reviews the queue (入库, 退回 with
 * a reason, 不予入库). Both read `GET /v1/project-library` (a department sees its own only).
 */
export function ProjectLibrary() {
  const session = loadSession();
  const isFinance = session?.role === 'finance';
  const [status, setStatus] = useState(isFinance ? 'proposed' : '');
  const command = useCommand();
  const list = useLoad(async () => (await api<{ projects: LibraryRow[] }>('GET', `/v1/project-library${status ? `?status=${status}` : ''}`)).projects, [status]);
  const [form, setForm] = useState(EMPTY);
  const act = async (row: LibraryRow, action: 'approve' | 'return' | 'reject' | 'withdraw', done: string) => {
    const reason = action === 'return' || action === 'reject' ? window.prompt(action === 'return' ? '退回理由' : '不予入库的理由') : undefined;
    if (reason === null) return;
    const url = `/v1/project-library/${encodeURIComponent(row.department)}/${encodeURIComponent(row.code)}/${action}`;
    if (await command.run(() => api('POST', url, reason !== undefined ? { body: { reason } } : {}), done)) await list.reload();
  };

  return (
    <div>
      <h1>项目库</h1>
      <ProblemNotice problem={command.problem} fieldsShownInline={!isFinance} />
      <Done message={command.done} />
      <Card id="library-list-title" title={isFinance ? '项目库审核' : '本部门项目库'}>
        <label>
          状态{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">全部</option>
            <option value="proposed">待审核</option>
            <option value="returned">已退回</option>
            <option value="pooled">已入库</option>
            <option value="rejected">未通过</option>
            <option value="withdrawn">已撤回</option>
          </select>
        </label>
        <LoadStatus of={list} />
        {list.data && list.data.length === 0 && <p>没有项目。</p>}
        {list.data && list.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">部门</th>
                <th scope="col">项目</th>
                <th scope="col">功能科目</th>
                <th scope="col">年度</th>
                <th scope="col">总金额（万元）</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((row) => (
                <tr key={`${row.department}-${row.code}`}>
                  <td>{row.department}</td>
                  <td>
                    {row.name}（{row.code}）
                  </td>
                  <td>{row.functionalCode}</td>
                  <td>
                    {row.startYear}–{row.endYear}
                  </td>
                  <td className="amount">{yuanToWan(row.totalAmount)}</td>
                  <td title={row.history.map((h) => `${h.at} ${h.by} ${h.type}${h.reason ? `：${h.reason}` : ''}`).join('\n')}>
                    {row.statusName}
                    {row.lastReason ? `（${row.lastReason}）` : ''}
                  </td>
                  <td>
                    {isFinance && row.status === 'proposed' && (
                      <>
                        <button type="button" onClick={() => void act(row, 'approve', `${row.name} 已入库`)}>
                          入库
                        </button>{' '}
                        <button type="button" onClick={() => void act(row, 'return', `${row.name} 已退回`)}>
                          退回
                        </button>{' '}
                        <button type="button" onClick={() => void act(row, 'reject', `${row.name} 不予入库`)}>
                          不予入库
                        </button>
                      </>
                    )}
                    {!isFinance && ['proposed', 'returned', 'pooled'].includes(row.status) && (
                      <button type="button" onClick={() => void act(row, 'withdraw', `${row.name} 已撤回`)}>
                        撤回
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {session?.role === 'department' && session.department && (
        <Card id="library-propose-title" title="申报项目入库">
          <Form
            className="form-grid"
            onSubmit={async () => {
              const body = {
                code: form.code,
                name: form.name,
                functionalCode: form.functionalCode,
                totalAmount: form.totalAmount,
                startYear: Number(form.startYear),
                endYear: Number(form.endYear),
                purpose: form.purpose,
                goal: form.goal,
              };
              if (await command.run(() => api('POST', `/v1/project-library/${encodeURIComponent(session.department!)}`, { body }), `${form.name} 已申报`)) {
                setForm(EMPTY);
                await list.reload();
              }
            }}
          >
            <TextField label="项目编码" error={command.fieldError('code')} value={form.code} onChange={(code) => setForm({ ...form, code })} />
            <TextField label="项目名称" error={command.fieldError('name')} value={form.name} onChange={(name) => setForm({ ...form, name })} />
            <TextField label="功能科目（项）" error={command.fieldError('functionalCode')} value={form.functionalCode} onChange={(functionalCode) => setForm({ ...form, functionalCode })} />
            <TextField label="项目总金额（元）" inputMode="decimal" error={command.fieldError('totalAmount')} value={form.totalAmount} onChange={(totalAmount) => setForm({ ...form, totalAmount })} />
            <TextField label="起始年度" inputMode="numeric" error={command.fieldError('startYear')} value={form.startYear} onChange={(startYear) => setForm({ ...form, startYear })} />
            <TextField label="结束年度" inputMode="numeric" error={command.fieldError('endYear')} value={form.endYear} onChange={(endYear) => setForm({ ...form, endYear })} />
            <TextField label="立项依据及用途" rows={3} error={command.fieldError('purpose')} value={form.purpose} onChange={(purpose) => setForm({ ...form, purpose })} />
            <TextField label="绩效目标" rows={3} error={command.fieldError('goal')} value={form.goal} onChange={(goal) => setForm({ ...form, goal })} />
            <SubmitButton busy={command.busy}>申报入库</SubmitButton>
          </Form>
        </Card>
      )}
    </div>
  );
}

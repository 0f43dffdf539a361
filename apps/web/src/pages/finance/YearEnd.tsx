import { useState } from 'react';
import type { BudgetView } from '@budgetflow/contracts';
import { api, apiOrNull, budgetUrl, loadSession } from '../../api';
import { formatYuan } from '../../money';
import { Link } from '../../router';
import { download } from '../../execution';
import { LoadStatus } from '../../components/LoadStatus';
import { useCommand, useLoad } from '../../components/common';
import { Card } from '../../components/Card';
import { DataTable } from '../../components/DataTable';
import { CommandCard, Figures, Form, FormRows, SelectField, SubmitButton, TextField } from '../../components/forms';

/** The part of `GET …/final-accounts` this page shows (the full answer: docs/architecture.md "Year-end"). */
interface FinalAccountsFigures {
  initialBudget: string;
  finalBudget: string;
  actual: string;
  variance: string;
  executionRate: string;
}
interface FinalAccountsView {
  status: 'closed' | 'provisional';
  closedAt?: string;
  totals: FinalAccountsFigures & { carriedOver: string; returned: string };
  byProject: Array<FinalAccountsFigures & { projectCode: string; name: string; carriedOver: string }>;
  selfEvaluation: Array<{ projectCode: string; name: string; score: string; grade: string }>;
}

interface CarryOverRow {
  projectCode: string;
  amount: string;
  reason: string;
}

/** 年终结账与决算: finance decides each project's carry-over and closes the year; then the final accounts and their exports. */
export function YearEnd({ department, year }: { department: string; year: string }) {
  const url = budgetUrl(department, year);
  const command = useCommand();
  const isFinance = loadSession()?.role === 'finance';
  const [rows, setRows] = useState<CarryOverRow[]>([{ projectCode: '', amount: '', reason: '' }]);
  const loaded = useLoad(async () => {
    const [budget, accounts] = await Promise.all([apiOrNull<BudgetView>('GET', `${url}?version=approved`), apiOrNull<FinalAccountsView>('GET', `${url}/final-accounts?provisional=true`)]);
    return { budget, accounts };
  }, [url]);
  const accounts = loaded.data?.accounts;
  const budget = loaded.data?.budget;
  const errorOf = command.errorAt;
  const close = async () => {
    const carryOver = rows.filter((r) => r.projectCode !== '').map((r) => ({ projectCode: r.projectCode, amount: r.amount, ...(r.reason.trim() ? { reason: r.reason } : {}) }));
    if (await command.run(() => api('POST', `${url}/close`, { body: { carryOver } }), '已年终结账')) await loaded.reload();
  };
  const unspentOf = (code: string) => accounts?.byProject.find((p) => p.projectCode === code)?.variance;

  return (
    <div>
      <p>
        <Link to={`/finance/${year}/${department}`}>← 返回审核页</Link>
      </p>
      <h1>
        {department} {year}年 年终结账与决算
      </h1>
      <LoadStatus of={loaded} />
      {accounts && (
        <Card id="final-title" title={accounts.status === 'closed' ? `决算（已于 ${accounts.closedAt?.slice(0, 10)} 结账）` : '决算临时数（尚未结账）'}>
          <Figures
            items={[
              { label: '年初预算（元）', value: formatYuan(accounts.totals.initialBudget) },
              { label: '调整后预算（元）', value: formatYuan(accounts.totals.finalBudget) },
              { label: '决算数（元）', value: formatYuan(accounts.totals.actual) },
              { label: '执行率', value: `${accounts.totals.executionRate}%` },
              { label: '结转（元）', value: formatYuan(accounts.totals.carriedOver) },
              { label: '结余（元）', value: formatYuan(accounts.totals.returned) },
            ]}
          />
          <DataTable
            label="项目支出决算（可横向滚动）"
            caption="项目支出决算，金额单位元"
            rows={accounts.byProject}
            rowKey="projectCode"
            columns={[
              { header: '项目', rowHeader: true, cell: (p) => p.name },
              { header: '年初预算', amount: true, cell: (p) => formatYuan(p.initialBudget) },
              { header: '调整后预算', amount: true, cell: (p) => formatYuan(p.finalBudget) },
              { header: '决算数', amount: true, cell: (p) => formatYuan(p.actual) },
              { header: '未支出', amount: true, cell: (p) => formatYuan(p.variance) },
              { header: '结转', amount: true, cell: (p) => formatYuan(p.carriedOver) },
              { header: '绩效自评', cell: (p) => { const e = accounts.selfEvaluation.find((s) => s.projectCode === p.projectCode); return e ? `${e.score}（${e.grade}）` : ''; } },
            ]}
          />
          <p className="row-actions">
            {(['xlsx', 'csv', 'html'] as const).map((format) => (
              <button
                key={format}
                type="button"
                className="button button-secondary"
                onClick={() => void command.run(() => download(`${url}/final-accounts.${format}${accounts.status === 'closed' ? '' : '?provisional=true'}`, `final-accounts-${department}-${year}.${format}`))}
              >
                导出 {format === 'html' ? '打印页' : format.toUpperCase()}
              </button>
            ))}
          </p>
        </Card>
      )}
      {isFinance && budget && accounts?.status === 'provisional' && (
        <CommandCard id="close-title" title="年终结账（12月31日及以后）" command={command}>
          <Form onSubmit={close}>
            <FormRows rows={rows} onChange={setRows} empty={{ projectCode: '', amount: '', reason: '' }} addLabel="再结转一个项目">
              {(row, i, setRow) => (
                <>
                  <SelectField
                    label={`结转项目 ${i + 1}`}
                    error={errorOf(`carryOver[${i}].projectCode`)}
                    placeholder="不结转"
                    options={budget.content.projects.map((p) => ({ value: p.code, label: `${p.name}（未支出 ${formatYuan(unspentOf(p.code))} 元）` }))}
                    value={row.projectCode}
                    onChange={(projectCode) => setRow({ projectCode })}
                  />
                  <TextField label={`结转金额 ${i + 1}（元）`} error={errorOf(`carryOver[${i}].amount`)} inputMode="decimal" value={row.amount} onChange={(amount) => setRow({ amount })} />
                  <TextField label={`结转理由 ${i + 1}`} error={errorOf(`carryOver[${i}].reason`)} value={row.reason} onChange={(reason) => setRow({ reason })} />
                </>
              )}
            </FormRows>
            <p className="hint">未列入结转的未支出资金全部作为结余收回。结账后本年度不能再登记或更正支出。</p>
            <SubmitButton busy={command.busy}>确认年终结账</SubmitButton>
          </Form>
        </CommandCard>
      )}
    </div>
  );
}

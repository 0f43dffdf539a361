import { useState } from 'react';
import { client } from '../../api';
import { formatYuan } from '../../money';
import { useCommand } from '../../components/common';
import { CommandCard, Form, FormRows, SelectField, SubmitButton, TextField } from '../../components/forms';
import type { BudgetPageProps } from './DepartmentPage';

interface Change {
  code: string;
  amount: string;
}

/**
 * 预算调整申请 (after approval): new amounts for projects and for an income source, with the reason.
 * The whole change set is one request; finance approves it into a new version or rejects it with a reason.
 */
export function AdjustmentRequest({ department, year, budget, reload }: BudgetPageProps) {
  const command = useCommand();
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState('adjustment');
  const [documentNumber, setDocumentNumber] = useState('');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [changes, setChanges] = useState<Change[]>([{ code: '', amount: '' }]);
  const firstIncome = budget?.content.income[0];
  const [income, setIncome] = useState<{ source: string; amount: string }>({ source: firstIncome?.source ?? '一般公共预算拨款收入', amount: '' });

  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  if (budget.status !== 'approved' && budget.status !== 'published') return <p className="notice notice-info">预算批复后才能申请调整（当前：{budget.status === 'submitted' ? '已报送' : '编制中'}）。</p>;
  if (budget.pendingAdjustment)
    return (
      <p className="notice notice-info">
        已有调整申请待财政审核：{budget.pendingAdjustment.reason}（{budget.pendingAdjustment.requestedAt.slice(0, 10)}）
      </p>
    );

  const request = async () => {
    const projectChanges = changes.filter((c) => c.code !== '');
    const body = {
      reason,
      kind,
      ...(documentNumber.trim() !== '' ? { documentNumber } : {}),
      ...(effectiveDate.trim() !== '' ? { effectiveDate } : {}),
      changeSet: {
        ...(income.amount !== '' ? { income: [{ source: income.source, amount: income.amount }] } : {}),
        ...(projectChanges.length > 0 ? { projects: { changed: projectChanges.map((c) => ({ code: c.code, changes: { amount: c.amount } })) } } : {}),
      },
    };
    if (await command.run(() => client.requestAdjustment({ department, year }, body), '调整申请已提交')) await reload();
  };
  const errorOf = command.errorAt;

  return (
    <CommandCard id="adjust-title" title="申请预算调整" command={command}>
      <Form onSubmit={request}>
        <FormRows rows={changes} onChange={setChanges} empty={{ code: '', amount: '' }} addLabel="再调整一个项目">
          {(change, i, setChange) => (
            <>
              <SelectField
                label={`调整项目 ${i + 1}`}
                error={errorOf(`projects.changed[${i}].code`)}
                placeholder="请选择项目"
                options={budget.content.projects.map((p) => ({ value: p.code, label: `${p.name}（现 ${formatYuan(p.amount)} 元）` }))}
                value={change.code}
                onChange={(code) => setChange({ code })}
              />
              <TextField label={`调整后金额 ${i + 1}（元）`} error={errorOf(`projects.changed[${i}].changes.amount`)} inputMode="decimal" value={change.amount} onChange={(amount) => setChange({ amount })} />
            </>
          )}
        </FormRows>
        <div className="row-form">
          <SelectField label="收入来源" options={budget.content.income.map((i) => i.source)} value={income.source} onChange={(source) => setIncome({ ...income, source })} />
          <TextField label="调整后收入（元，不变则留空）" error={errorOf('income[0].amount')} inputMode="decimal" value={income.amount} onChange={(amount) => setIncome({ ...income, amount })} />
        </div>
        <div className="row-form">
          <SelectField
            label="变动类型"
            error={errorOf('kind')}
            options={[
              { value: 'adjustment', label: '调整（正式预算调整）' },
              { value: 'addition', label: '追加（新增资金，须同时增加收入）' },
              { value: 'transfer', label: '调剂（批复总额内调剂，已支付的资金不能调出）' },
            ]}
            value={kind}
            onChange={setKind}
          />
          <TextField label="文号（可选）" error={errorOf('documentNumber')} value={documentNumber} onChange={setDocumentNumber} />
          <TextField label="生效日期（YYYY-MM-DD，留空为批准当日）" error={errorOf('effectiveDate')} placeholder={`${year}-08-01`} value={effectiveDate} onChange={setEffectiveDate} />
        </div>
        <TextField label="调整理由" error={errorOf('reason')} wide rows={3} value={reason} onChange={setReason} />
        <SubmitButton busy={command.busy}>提交调整申请</SubmitButton>
      </Form>
    </CommandCard>
  );
}

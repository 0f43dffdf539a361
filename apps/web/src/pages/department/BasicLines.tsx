import { useState } from 'react';
import { type BasicLineRequest, type BasicLineWire, FUND_SOURCES, type FundSource } from '@budgetflow/contracts';
import { client } from '../../api';
import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Done, Field, ProblemNotice, useCommand } from '../../components/common';
import { type Column, DataTable } from '../../components/DataTable';
import { Form, SelectField, TextField } from '../../components/forms';
import { type BudgetPageProps, codeName, isEditable } from './DepartmentPage';
import { CodeSelect } from './CodeSelect';
import { Card } from '../../components/Card';

const emptyLine = (): BasicLineRequest => ({ functionalCode: '', economicCode: '', fundSource: '一般公共预算拨款', amount: '' });

export function BasicLines({ department, year, budget, catalog, reload }: BudgetPageProps) {
  const command = useCommand();
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<BasicLineRequest>(emptyLine());
  const editable = isEditable(budget);
  const lines = budget?.content.basicExpenditureLines ?? [];

  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;

  const startEdit = (line: BasicLineWire) => {
    command.clear();
    setEditing(line.lineId);
    setForm({ functionalCode: line.functionalCode, economicCode: line.economicCode, fundSource: line.fundSource, amount: line.amount });
  };
  const save = async () => {
    const ok =
      editing === 'new'
        ? await command.run(() => client.proposeBasicLine({ department, year }, form), '已新增基本支出明细')
        : await command.run(() => client.reviseBasicLine({ department, year }, editing ?? '', form), '已保存修改');
    if (ok) {
      setEditing(null);
      await reload();
    }
  };
  const remove = async (line: BasicLineWire) => {
    if (await command.run(() => client.withdrawBasicLine({ department, year }, line.lineId), '已撤回该明细')) await reload();
  };

  const columns: Array<Column<BasicLineWire> | false> = [
    { header: '功能分类', cell: (line) => `${line.functionalCode} ${codeName(catalog, 'functional', line.functionalCode)}` },
    { header: '经济分类', cell: (line) => `${line.economicCode} ${codeName(catalog, 'economic', line.economicCode)}` },
    { header: '资金来源', cell: (line) => line.fundSource },
    { header: '金额（元）', amount: true, cell: (line) => formatYuan(line.amount) },
    editable && {
      header: '操作',
      className: 'row-actions',
      cell: (line) => (
        <>
          <button type="button" className="linklike" onClick={() => startEdit(line)} aria-label={`修改 ${line.economicCode} ${codeName(catalog, 'economic', line.economicCode)}`}>
            修改
          </button>{' '}
          <button type="button" className="linklike danger" onClick={() => void remove(line)} aria-label={`撤回 ${line.economicCode} ${codeName(catalog, 'economic', line.economicCode)}`}>
            撤回
          </button>
        </>
      ),
    },
  ];

  const editor = (
    <Form className="form-grid editor" label={editing === 'new' ? '新增基本支出明细' : '修改基本支出明细'} onSubmit={save}>
      <Field label="功能分类科目" error={command.fieldError('functionalCode')}>
        {(props) => <CodeSelect {...props} catalog={catalog} scheme="functional" value={form.functionalCode} onChange={(functionalCode) => setForm({ ...form, functionalCode })} />}
      </Field>
      <Field label="经济分类科目" error={command.fieldError('economicCode')}>
        {(props) => <CodeSelect {...props} catalog={catalog} scheme="economic" value={form.economicCode} onChange={(economicCode) => setForm({ ...form, economicCode })} />}
      </Field>
      {/* The choices are the API's own list, so the value is always one of them. */}
      <SelectField label="资金来源" error={command.fieldError('fundSource')} value={form.fundSource} onChange={(fundSource) => setForm({ ...form, fundSource: fundSource as FundSource })} options={FUND_SOURCES} />
      <TextField label="金额（元）" error={command.fieldError('amount')} hint="如 6100.00" inputMode="decimal" value={form.amount} onChange={(amount) => setForm({ ...form, amount })} />
      <div className="actions">
        <button type="submit" className="button" disabled={command.busy}>
          保存
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={() => (setEditing(null), command.clear())}>
          取消
        </button>
      </div>
    </Form>
  );

  return (
    <Card id="lines-title" title="基本支出明细">
      <p>
        共 {lines.length} 条，合计 {yuanToWan(sumYuan(lines.map((l) => l.amount)))} 万元。{!editable && '当前状态不能修改。'}
      </p>
      <ProblemNotice problem={command.problem} fieldsShownInline />
      <Done message={command.done} />
      <DataTable label="基本支出明细表（可横向滚动）" caption="基本支出明细" rows={lines} rowKey="lineId" columns={columns} />
      {editable && editing !== null && editor}
      {editable && editing === null && (
        <button
          type="button"
          className="button"
          onClick={() => {
            command.clear();
            setForm(emptyLine());
            setEditing('new');
          }}
        >
          新增明细
        </button>
      )}
    </Card>
  );
}

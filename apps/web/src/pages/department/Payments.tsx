import { useRef, useState } from 'react';
import { api, client, orNull } from '../../api';
import { type BulkPaymentsAnswer, DEVIATION_CAUSES, LIKELIHOODS, type LedgerEntry } from '@budgetflow/contracts';
import { formatYuan } from '../../money';
import { CheckpointPicker, DepartmentMonitoringView } from '../../components/Monitoring';
import { Field, ProblemNotice, useCommand, useLoad } from '../../components/common';
import { type Column, DataTable } from '../../components/DataTable';
import { CommandCard, Form, SelectField, SubmitButton, TextField } from '../../components/forms';
import type { BudgetPageProps } from './DepartmentPage';
import { Card } from '../../components/Card';
import { LoadStatus } from '../../components/LoadStatus';

/** 支付登记与指标进度: execution against the approved budget — one payment, a CSV of many, the ledger, indicator progress. */
export function Payments({ department, year, budget }: BudgetPageProps) {
  const base = `/v1/execution/${encodeURIComponent(department)}/${encodeURIComponent(year)}`;
  const [checkpoint, setCheckpoint] = useState('');
  /** The position the last payment, upload or report answered: the monitoring read waits for it (read-your-writes). */
  const [written, setWritten] = useState<string>();
  /** After a write: a new position reloads through `written` (the read waits for it); an answer without one reloads as it is. */
  const afterWrite = async (answer: { position?: string } | undefined) => {
    if (answer?.position !== undefined && answer.position !== written) setWritten(answer.position);
    else await data.reload();
  };
  const payment = useCommand();
  const bulk = useCommand();
  const progress = useCommand();
  const [bulkAnswer, setBulkAnswer] = useState<BulkPaymentsAnswer>();
  const csvInput = useRef<HTMLInputElement>(null);
  const approved = budget && budget.versions.length > 0;
  const [form, setForm] = useState({ voucher: '', date: '', amount: '', target: '', payee: '', note: '' });
  const [report, setReport] = useState({ projectCode: '', indicator: '', date: '', actualToDate: '', forecast: '', likelihood: '确定能', deviationCause: '', deviationNote: '' });

  const data = useLoad(async () => {
    if (!approved) return null;
    const [monitoring, ledger] = await Promise.all([
      orNull(client.departmentMonitoring({ department, year }, { ...(checkpoint ? { checkpoint } : {}), ...(written ? { after: written } : {}) })),
      orNull(client.ledger({ department, year })),
    ]);
    return { monitoring, ledger: ledger?.entries ?? [] };
  }, [base, checkpoint, approved, written]);

  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  if (!approved) return <p className="notice notice-info">预算批复后才能登记支出和填报指标进度。</p>;
  const monitoring = data.data?.monitoring;
  const projects = monitoring?.projects ?? [];
  const lines = budget.content.basicExpenditureLines;
  const indicatorsOf = (code: string) => projects.find((p) => p.code === code)?.indicators ?? [];

  const ledgerColumns: Array<Column<LedgerEntry>> = [
    { header: '凭证', cell: (e: LedgerEntry) => `${e.voucher}${e.entry !== 'payment' ? '（冲销）' : ''}` },
    { header: '日期', cell: (e) => e.date },
    { header: '对象', cell: (e) => (e.projectCode ? (budget.content.projects.find((p) => p.code === e.projectCode)?.name ?? e.projectCode) : `基本支出 ${e.basicLineId}`) },
    { header: '金额（元）', amount: true, cell: (e) => formatYuan(e.amount) },
    { header: '收款人 / 说明', cell: (e) => e.payee ?? e.reason ?? '' },
  ];

  const record = async () => {
    const target = form.target.startsWith('line:') ? { basicLineId: form.target.slice(5) } : form.target.startsWith('project:') ? { projectCode: form.target.slice(8) } : {};
    const body = { voucher: form.voucher, date: form.date, amount: form.amount, payee: form.payee, ...(form.note ? { note: form.note } : {}), ...target };
    let answer: { position?: string } | undefined;
    if (await payment.run(async () => (answer = await client.recordPayment({ department, year }, body)), `凭证 ${form.voucher} 已登记`)) {
      setForm({ ...form, voucher: '', amount: '', note: '' });
      await afterWrite(answer);
    }
  };
  const upload = async (file: File) => {
    const text = await file.text();
    let answer: BulkPaymentsAnswer | undefined;
    const ok = await bulk.run(async () => {
      answer = await api<BulkPaymentsAnswer>('POST', `${base}/payments/bulk`, { raw: { text, contentType: 'text/csv' } });
    });
    if (csvInput.current) csvInput.current.value = '';
    if (ok && answer) {
      setBulkAnswer(answer);
      await afterWrite(answer);
    }
  };
  const reportProgress = async () => {
    const body = { ...report, ...(report.deviationCause ? {} : { deviationCause: undefined }), ...(report.deviationNote ? {} : { deviationNote: undefined }) };
    let answer: { position?: string } | undefined;
    if (await progress.run(async () => (answer = await client.recordIndicatorProgress({ department, year }, body)), '指标进度已填报')) await afterWrite(answer);
  };

  return (
    <div>
      <Card id="monitor-title" title="执行进度">
        <CheckpointPicker value={checkpoint} onChange={setCheckpoint} />
        <LoadStatus of={data} />
        {monitoring ? <DepartmentMonitoringView monitoring={monitoring} /> : !data.loading && <p className="notice notice-info">执行监控尚未开放。</p>}
      </Card>

      <CommandCard id="payment-title" title="登记一笔支出" command={payment}>
        <Form className="form-grid" onSubmit={record}>
          <TextField label="凭证号" error={payment.fieldError('voucher')} value={form.voucher} onChange={(voucher) => setForm({ ...form, voucher })} />
          <TextField label="支付日期" error={payment.fieldError('date')} hint="YYYY-MM-DD" placeholder={`${year}-06-30`} value={form.date} onChange={(date) => setForm({ ...form, date })} />
          <TextField label="支付金额（元）" error={payment.fieldError('amount')} inputMode="decimal" value={form.amount} onChange={(amount) => setForm({ ...form, amount })} />
          <Field label="支出对象" error={payment.fieldError('projectCode') ?? payment.fieldError('basicLineId') ?? payment.fieldError('target')}>
            {(props) => (
              <select {...props} value={form.target} onChange={(e) => setForm({ ...form, target: e.target.value })}>
                <option value="">请选择项目或基本支出明细</option>
                <optgroup label="项目">
                  {budget.content.projects.map((p) => (
                    <option key={p.code} value={`project:${p.code}`}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="基本支出">
                  {lines.map((l) => (
                    <option key={l.lineId} value={`line:${l.lineId}`}>
                      {l.functionalCode}/{l.economicCode}（{formatYuan(l.amount)} 元）
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
          <TextField label="收款人" error={payment.fieldError('payee')} value={form.payee} onChange={(payee) => setForm({ ...form, payee })} />
          <TextField label="摘要" error={payment.fieldError('note')} value={form.note} onChange={(note) => setForm({ ...form, note })} />
          <SubmitButton busy={payment.busy}>登记支出</SubmitButton>
        </Form>
      </CommandCard>

      <Card id="bulk-title" title="批量导入支出（CSV）">
        <p className="hint">
          表头：voucher,date,amount,basicLineId,projectCode,payee,note（voucher、date、amount、payee 必填；basicLineId 与 projectCode 二选一）。整批全部成功或全部不登记。
        </p>
        <ProblemNotice problem={bulk.problem} />
        {bulkAnswer && (
          <p className="notice notice-ok" role="status">
            共 {bulkAnswer.received} 笔：新登记 {bulkAnswer.recorded} 笔，已存在 {bulkAnswer.unchanged} 笔。
            {bulkAnswer.warnings.map((w) => ` 第 ${w.line ?? w.row + 1} 行：${w.message}`).join('')}
          </p>
        )}
        <Field label="支出 CSV 文件">
          {(props) => <input {...props} ref={csvInput} type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />}
        </Field>
      </Card>

      <CommandCard id="indicator-title" title="填报绩效指标进度" command={progress}>
        <Form className="form-grid" onSubmit={reportProgress}>
          <SelectField
            label="项目"
            error={progress.fieldError('projectCode')}
            placeholder="请选择项目"
            options={budget.content.projects.map((p) => ({ value: p.code, label: p.name }))}
            value={report.projectCode}
            onChange={(projectCode) => setReport({ ...report, projectCode, indicator: indicatorsOf(projectCode)[0]?.name ?? '' })}
          />
          <SelectField
            label="指标"
            error={progress.fieldError('indicator')}
            placeholder="请选择指标"
            options={indicatorsOf(report.projectCode).map((i) => ({ value: i.name, label: `${i.name}（目标 ${i.target}）` }))}
            value={report.indicator}
            onChange={(indicator) => setReport({ ...report, indicator })}
          />
          <TextField label="填报日期" error={progress.fieldError('date')} hint="YYYY-MM-DD" value={report.date} onChange={(date) => setReport({ ...report, date })} />
          <TextField label="截至目前完成值" error={progress.fieldError('actualToDate')} inputMode="decimal" value={report.actualToDate} onChange={(actualToDate) => setReport({ ...report, actualToDate })} />
          <TextField label="全年预计完成值" error={progress.fieldError('forecast')} inputMode="decimal" value={report.forecast} onChange={(forecast) => setReport({ ...report, forecast })} />
          <SelectField label="完成可能性" error={progress.fieldError('likelihood')} options={LIKELIHOODS} value={report.likelihood} onChange={(likelihood) => setReport({ ...report, likelihood })} />
          <SelectField label="偏差原因" error={progress.fieldError('deviationCause')} placeholder="无偏差" options={DEVIATION_CAUSES} value={report.deviationCause} onChange={(deviationCause) => setReport({ ...report, deviationCause })} />
          <TextField label="偏差说明" error={progress.fieldError('deviationNote')} value={report.deviationNote} onChange={(deviationNote) => setReport({ ...report, deviationNote })} />
          <SubmitButton busy={progress.busy}>填报进度</SubmitButton>
        </Form>
      </CommandCard>

      <Card id="ledger-title" title="支出台账">
        {(data.data?.ledger.length ?? 0) === 0 ? (
          <p>尚无支出记录。</p>
        ) : (
          <DataTable label="支出台账（可横向滚动）" caption="支出台账" rows={data.data?.ledger ?? []} rowKey={(e, i) => `${e.voucher}-${e.entry}-${i}`} columns={ledgerColumns} />
        )}
      </Card>
    </div>
  );
}

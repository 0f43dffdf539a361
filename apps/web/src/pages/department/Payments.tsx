import { useRef, useState } from 'react';
import { api, apiOrNull } from '../../api';
import { type DepartmentMonitoring, asOfQuery } from '../../execution';
import { formatYuan } from '../../money';
import { CheckpointPicker, DepartmentMonitoringView } from '../../components/Monitoring';
import { Done, Field, Loading, ProblemNotice, Scroll, useCommand, useLoad } from '../../components/common';
import type { BudgetPageProps } from './DepartmentPage';

interface LedgerEntry {
  voucher: string;
  entry: string;
  date: string;
  amount: string;
  basicLineId?: string;
  projectCode?: string;
  payee?: string;
  note?: string;
  reason?: string;
}
interface BulkAnswer {
  received: number;
  recorded: number;
  unchanged: number;
  warnings: Array<{ row: number; message: string }>;
}

const LIKELIHOODS = ['确定能', '有可能', '完全不可能'];
const CAUSES = ['经费', '制度', '人员', '硬件', '其他'];

/** 支付登记与指标进度: execution against the approved budget — one payment, a CSV of many, the ledger, indicator progress. */
export function Payments({ department, year, budget }: BudgetPageProps) {
  const base = `/v1/execution/${encodeURIComponent(department)}/${encodeURIComponent(year)}`;
  const [checkpoint, setCheckpoint] = useState('');
  const payment = useCommand();
  const bulk = useCommand();
  const progress = useCommand();
  const [bulkAnswer, setBulkAnswer] = useState<BulkAnswer>();
  const csvInput = useRef<HTMLInputElement>(null);
  const approved = budget && budget.versions.length > 0;
  const [form, setForm] = useState({ voucher: '', date: '', amount: '', target: '', payee: '', note: '' });
  const [report, setReport] = useState({ projectCode: '', indicator: '', date: '', actualToDate: '', forecast: '', likelihood: '确定能', deviationCause: '', deviationNote: '' });

  const data = useLoad(async () => {
    if (!approved) return null;
    const [monitoring, ledger] = await Promise.all([
      apiOrNull<DepartmentMonitoring>('GET', `${base}/monitoring${asOfQuery(checkpoint)}`),
      apiOrNull<{ entries: LedgerEntry[] }>('GET', `${base}/payments`),
    ]);
    return { monitoring, ledger: ledger?.entries ?? [] };
  }, [base, checkpoint, approved]);

  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  if (!approved) return <p className="notice notice-info">预算批复后才能登记支出和填报指标进度。</p>;
  const monitoring = data.data?.monitoring;
  const projects = monitoring?.projects ?? [];
  const lines = budget.content.basicExpenditureLines;
  const indicatorsOf = (code: string) => projects.find((p) => p.code === code)?.indicators ?? [];

  const record = async () => {
    const target = form.target.startsWith('line:') ? { basicLineId: form.target.slice(5) } : form.target.startsWith('project:') ? { projectCode: form.target.slice(8) } : {};
    const body = { voucher: form.voucher, date: form.date, amount: form.amount, payee: form.payee, ...(form.note ? { note: form.note } : {}), ...target };
    if (await payment.run(() => api('POST', `${base}/payments`, { body }), `凭证 ${form.voucher} 已登记`)) {
      setForm({ ...form, voucher: '', amount: '', note: '' });
      await data.reload();
    }
  };
  const upload = async (file: File) => {
    const text = await file.text();
    let answer: BulkAnswer | undefined;
    const ok = await bulk.run(async () => {
      answer = await api<BulkAnswer>('POST', `${base}/payments/bulk`, { raw: { text, contentType: 'text/csv' } });
    });
    if (csvInput.current) csvInput.current.value = '';
    if (ok && answer) {
      setBulkAnswer(answer);
      await data.reload();
    }
  };
  const reportProgress = async () => {
    const body = { ...report, ...(report.deviationCause ? {} : { deviationCause: undefined }), ...(report.deviationNote ? {} : { deviationNote: undefined }) };
    if (await progress.run(() => api('POST', `${base}/indicator-progress`, { body }), '指标进度已填报')) await data.reload();
  };

  return (
    <div>
      <section className="card" aria-labelledby="monitor-title">
        <h2 id="monitor-title">执行进度</h2>
        <CheckpointPicker value={checkpoint} onChange={setCheckpoint} />
        <Loading loading={data.loading} />
        <ProblemNotice problem={data.problem} />
        {monitoring ? <DepartmentMonitoringView monitoring={monitoring} /> : !data.loading && <p className="notice notice-info">执行监控尚未开放。</p>}
      </section>

      <section className="card" aria-labelledby="payment-title">
        <h2 id="payment-title">登记一笔支出</h2>
        <ProblemNotice problem={payment.problem} fieldsShownInline />
        <Done message={payment.done} />
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void record();
          }}
        >
          <Field label="凭证号" error={payment.fieldError('voucher')}>
            {(props) => <input {...props} value={form.voucher} onChange={(e) => setForm({ ...form, voucher: e.target.value })} />}
          </Field>
          <Field label="支付日期" error={payment.fieldError('date')} hint="YYYY-MM-DD">
            {(props) => <input {...props} value={form.date} placeholder={`${year}-06-30`} onChange={(e) => setForm({ ...form, date: e.target.value })} />}
          </Field>
          <Field label="支付金额（元）" error={payment.fieldError('amount')}>
            {(props) => <input {...props} inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />}
          </Field>
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
          <Field label="收款人" error={payment.fieldError('payee')}>
            {(props) => <input {...props} value={form.payee} onChange={(e) => setForm({ ...form, payee: e.target.value })} />}
          </Field>
          <Field label="摘要" error={payment.fieldError('note')}>
            {(props) => <input {...props} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />}
          </Field>
          <div className="actions">
            <button type="submit" className="button" disabled={payment.busy}>
              登记支出
            </button>
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby="bulk-title">
        <h2 id="bulk-title">批量导入支出（CSV）</h2>
        <p className="hint">
          表头：voucher,date,amount,basicLineId,projectCode,payee,note（voucher、date、amount、payee 必填；basicLineId 与 projectCode 二选一）。整批全部成功或全部不登记。
        </p>
        <ProblemNotice problem={bulk.problem} />
        {bulkAnswer && (
          <p className="notice notice-ok" role="status">
            共 {bulkAnswer.received} 笔：新登记 {bulkAnswer.recorded} 笔，已存在 {bulkAnswer.unchanged} 笔。
            {bulkAnswer.warnings.map((w) => ` 第 ${w.row + 1} 行：${w.message}`).join('')}
          </p>
        )}
        <Field label="支出 CSV 文件">
          {(props) => <input {...props} ref={csvInput} type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />}
        </Field>
      </section>

      <section className="card" aria-labelledby="indicator-title">
        <h2 id="indicator-title">填报绩效指标进度</h2>
        <ProblemNotice problem={progress.problem} fieldsShownInline />
        <Done message={progress.done} />
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void reportProgress();
          }}
        >
          <Field label="项目" error={progress.fieldError('projectCode')}>
            {(props) => (
              <select {...props} value={report.projectCode} onChange={(e) => setReport({ ...report, projectCode: e.target.value, indicator: indicatorsOf(e.target.value)[0]?.name ?? '' })}>
                <option value="">请选择项目</option>
                {budget.content.projects.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="指标" error={progress.fieldError('indicator')}>
            {(props) => (
              <select {...props} value={report.indicator} onChange={(e) => setReport({ ...report, indicator: e.target.value })}>
                <option value="">请选择指标</option>
                {indicatorsOf(report.projectCode).map((i) => (
                  <option key={i.name} value={i.name}>
                    {i.name}（目标 {i.target}）
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="填报日期" error={progress.fieldError('date')} hint="YYYY-MM-DD">
            {(props) => <input {...props} value={report.date} onChange={(e) => setReport({ ...report, date: e.target.value })} />}
          </Field>
          <Field label="截至目前完成值" error={progress.fieldError('actualToDate')}>
            {(props) => <input {...props} inputMode="decimal" value={report.actualToDate} onChange={(e) => setReport({ ...report, actualToDate: e.target.value })} />}
          </Field>
          <Field label="全年预计完成值" error={progress.fieldError('forecast')}>
            {(props) => <input {...props} inputMode="decimal" value={report.forecast} onChange={(e) => setReport({ ...report, forecast: e.target.value })} />}
          </Field>
          <Field label="完成可能性" error={progress.fieldError('likelihood')}>
            {(props) => (
              <select {...props} value={report.likelihood} onChange={(e) => setReport({ ...report, likelihood: e.target.value })}>
                {LIKELIHOODS.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="偏差原因" error={progress.fieldError('deviationCause')}>
            {(props) => (
              <select {...props} value={report.deviationCause} onChange={(e) => setReport({ ...report, deviationCause: e.target.value })}>
                <option value="">无偏差</option>
                {CAUSES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="偏差说明" error={progress.fieldError('deviationNote')}>
            {(props) => <input {...props} value={report.deviationNote} onChange={(e) => setReport({ ...report, deviationNote: e.target.value })} />}
          </Field>
          <div className="actions">
            <button type="submit" className="button" disabled={progress.busy}>
              填报进度
            </button>
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title">支出台账</h2>
        {(data.data?.ledger.length ?? 0) === 0 ? (
          <p>尚无支出记录。</p>
        ) : (
          <Scroll label="支出台账（可横向滚动）">
            <table>
              <caption className="sr-only">支出台账</caption>
              <thead>
                <tr>
                  <th scope="col">凭证</th>
                  <th scope="col">日期</th>
                  <th scope="col">对象</th>
                  <th scope="col" className="amount">
                    金额（元）
                  </th>
                  <th scope="col">收款人 / 说明</th>
                </tr>
              </thead>
              <tbody>
                {data.data?.ledger.map((e, i) => (
                  <tr key={`${e.voucher}-${e.entry}-${i}`}>
                    <td>
                      {e.voucher}
                      {e.entry !== 'payment' ? '（冲销）' : ''}
                    </td>
                    <td>{e.date}</td>
                    <td>{e.projectCode ? (budget.content.projects.find((p) => p.code === e.projectCode)?.name ?? e.projectCode) : `基本支出 ${e.basicLineId}`}</td>
                    <td className="amount">{formatYuan(e.amount)}</td>
                    <td>{e.payee ?? e.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </section>
    </div>
  );
}

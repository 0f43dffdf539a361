import { useState } from 'react';
import { FUND_SOURCES, type IndicatorEntry, type ProjectRequest, type ProjectWire } from '@budgetflow/contracts';
import { client } from '../../api';
import { Done, Field, ProblemNotice, useCommand } from '../../components/common';
import { Form, SelectField, TextField } from '../../components/forms';
import { Link, useRouter } from '../../router';
import { CodeSelect } from './CodeSelect';
import { type BudgetPageProps, isEditable } from './DepartmentPage';

/** An indicator in the form is exactly what the request carries (target as printed). */
type IndicatorForm = IndicatorEntry;
interface ProjectForm {
  code: string;
  name: string;
  functionalCode: string;
  fundSource: string;
  amount: string;
  otherFunds: string;
  purpose: string;
  goal: string;
  spendingPlan: Array<{ checkpoint: string; cumulativePercent: string }>;
  indicators: IndicatorForm[];
}

const LEVEL1 = ['产出指标', '效益指标', '满意度指标'];
const LEVEL2: Record<string, string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

const formOf = (project: ProjectWire | undefined): ProjectForm =>
  project
    ? {
        code: project.code,
        name: project.name,
        functionalCode: project.functionalCode,
        fundSource: project.fundSource,
        amount: project.amount,
        otherFunds: project.otherFunds,
        purpose: project.purpose,
        goal: project.goal,
        spendingPlan: project.spendingPlan.map((c) => ({ checkpoint: c.checkpoint, cumulativePercent: String(c.cumulativePercent) })),
        indicators: project.indicators.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, description: i.description, target: i.target.printed, basis: i.basis })),
      }
    : {
        code: '',
        name: '',
        functionalCode: '',
        fundSource: '一般公共预算拨款',
        amount: '',
        otherFunds: '0.00',
        purpose: '',
        goal: '',
        spendingPlan: [
          { checkpoint: '3月底', cumulativePercent: '25' },
          { checkpoint: '6月底', cumulativePercent: '50' },
          { checkpoint: '10月底', cumulativePercent: '75' },
          { checkpoint: '12月底', cumulativePercent: '100' },
        ],
        indicators: [],
      };

/** Every editable field as the API reads it (percent as a JSON number, money as a decimal string). */
const fieldsOf = (form: ProjectForm): Record<string, unknown> => ({
  name: form.name,
  functionalCode: form.functionalCode,
  fundSource: form.fundSource,
  amount: form.amount,
  otherFunds: form.otherFunds,
  purpose: form.purpose,
  goal: form.goal,
  spendingPlan: form.spendingPlan.map((c) => ({ checkpoint: c.checkpoint, cumulativePercent: /^\d+(\.\d+)?$/.test(c.cumulativePercent.trim()) ? Number(c.cumulativePercent) : c.cumulativePercent })),
  indicators: form.indicators.map((i) => ({ ...i })),
});

/** The request body: the whole proposal for a new project, only the changed fields for an existing one. */
const bodyOf = (form: ProjectForm, original: ProjectForm | null): Record<string, unknown> => {
  const full = fieldsOf(form);
  if (!original) return { code: form.code, ...full };
  const before = fieldsOf(original);
  return Object.fromEntries(Object.entries(full).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])));
};

/** 项目编辑: amounts, 资金支出计划 and 绩效指标, with the API's field errors next to each field. */
export function ProjectEditor({ department, year, budget, catalog, reload, code, base }: BudgetPageProps & { code: string; base: string }) {
  const { navigate } = useRouter();
  const isNew = code === 'new';
  const project = budget?.content.projects.find((p) => p.code === code);
  const [form, setForm] = useState<ProjectForm>(() => formOf(project));
  const command = useCommand();
  const editable = isEditable(budget);
  const index = budget?.content.projects.findIndex((p) => p.code === code) ?? -1;

  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  if (!isNew && !project) return <p className="notice notice-error">没有编码为 {code} 的项目。</p>;

  /** A field's error: the request's own path, or the decider's path inside the budget (projects[i].…). */
  const errorOf = (path: string) => command.problem?.errors?.find((e) => e.field === path || (index >= 0 && e.field === `projects[${index}].${path}`))?.message;
  const warningOf = (path: string) => budget.warnings?.find((w) => w.projectCode === code && w.field === `projects[${index}].${path}`)?.message;

  const save = async () => {
    const body = bodyOf(form, isNew ? null : formOf(project));
    if (!isNew && Object.keys(body).length === 0) return;
    const ok = isNew
      ? await command.run(() => client.proposeProject({ department, year }, body as ProjectRequest), '项目已新增')
      : await command.run(() => client.adjustProject({ department, year }, code, body), '项目已保存');
    if (ok) {
      await reload();
      if (isNew) navigate(`${base}/projects/${encodeURIComponent(form.code)}`);
    }
  };
  const withdraw = async () => {
    if (await command.run(() => client.withdrawProject({ department, year }, code), '项目已撤回')) {
      await reload();
      navigate(`${base}/projects`);
    }
  };
  const set = (patch: Partial<ProjectForm>) => setForm({ ...form, ...patch });
  const setPlan = (i: number, patch: Partial<ProjectForm['spendingPlan'][number]>) => set({ spendingPlan: form.spendingPlan.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setIndicator = (i: number, patch: Partial<IndicatorForm>) => set({ indicators: form.indicators.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  return (
    <section className="card" aria-labelledby="project-title">
      <p>
        <Link to={`${base}/projects`}>← 返回项目列表</Link>
      </p>
      <h2 id="project-title">{isNew ? '新增项目' : project?.name}</h2>
      <ProblemNotice problem={command.problem} fieldsShownInline />
      <Done message={command.done} />
      <Form onSubmit={save}>
        <fieldset disabled={!editable} className="form-grid">
          <legend>基本信息</legend>
          <TextField label="项目编码" error={errorOf('code')} readOnly={!isNew} value={form.code} onChange={(code) => set({ code })} />
          <TextField label="项目名称" error={errorOf('name')} wide value={form.name} onChange={(name) => set({ name })} />
          <Field label="功能分类科目" error={errorOf('functionalCode')}>
            {(props) => <CodeSelect {...props} catalog={catalog} scheme="functional" value={form.functionalCode} onChange={(functionalCode) => set({ functionalCode })} />}
          </Field>
          <SelectField label="资金来源" error={errorOf('fundSource')} options={FUND_SOURCES} value={form.fundSource} onChange={(fundSource) => set({ fundSource })} />
          <TextField label="项目金额（元）" error={errorOf('amount') ?? errorOf('fiscalFunds')} hint="财政资金 = 项目金额 − 其他资金" inputMode="decimal" value={form.amount} onChange={(amount) => set({ amount })} />
          <TextField label="其他资金（元）" error={errorOf('otherFunds')} inputMode="decimal" value={form.otherFunds} onChange={(otherFunds) => set({ otherFunds })} />
          <TextField label="项目用途" error={errorOf('purpose')} wide rows={2} value={form.purpose} onChange={(purpose) => set({ purpose })} />
          <TextField label="绩效目标" error={errorOf('goal')} wide rows={2} value={form.goal} onChange={(goal) => set({ goal })} />
        </fieldset>

        <fieldset disabled={!editable} className="subform">
          <legend>资金支出计划（累计支出进度）</legend>
          {errorOf('spendingPlan') && <p className="field-error">{errorOf('spendingPlan')}</p>}
          {form.spendingPlan.map((checkpoint, i) => (
            <div className="row-form" key={i}>
              <TextField label={`时间节点 ${i + 1}`} error={errorOf(`spendingPlan[${i}].checkpoint`)} value={checkpoint.checkpoint} onChange={(text) => setPlan(i, { checkpoint: text })} />
              <TextField
                label={`累计进度 ${i + 1}（%）`}
                error={errorOf(`spendingPlan[${i}].cumulativePercent`)}
                inputMode="numeric"
                value={checkpoint.cumulativePercent}
                onChange={(cumulativePercent) => setPlan(i, { cumulativePercent })}
              />
              <button type="button" className="linklike danger" onClick={() => set({ spendingPlan: form.spendingPlan.filter((_, j) => j !== i) })}>
                删除节点 {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary" onClick={() => set({ spendingPlan: [...form.spendingPlan, { checkpoint: '', cumulativePercent: '' }] })}>
            增加时间节点
          </button>
        </fieldset>

        <fieldset disabled={!editable} className="subform">
          <legend>绩效指标</legend>
          {errorOf('indicators') && <p className="field-error">{errorOf('indicators')}</p>}
          {form.indicators.map((indicator, i) => (
            <div className="indicator" key={i}>
              <div className="row-form">
                <Field label={`一级指标 ${i + 1}`} error={errorOf(`indicators[${i}].level1`)}>
                  {(props) => (
                    <select {...props} value={indicator.level1} onChange={(e) => setIndicator(i, { level1: e.target.value, level2: LEVEL2[e.target.value]?.[0] ?? '' })}>
                      {!LEVEL1.includes(indicator.level1) && <option>{indicator.level1}</option>}
                      {LEVEL1.map((level) => (
                        <option key={level}>{level}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={`二级指标 ${i + 1}`} error={errorOf(`indicators[${i}].level2`)}>
                  {(props) => (
                    <select {...props} value={indicator.level2} onChange={(e) => setIndicator(i, { level2: e.target.value })}>
                      {!(LEVEL2[indicator.level1] ?? []).includes(indicator.level2) && <option>{indicator.level2}</option>}
                      {(LEVEL2[indicator.level1] ?? []).map((level) => (
                        <option key={level}>{level}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <TextField label={`指标名称 ${i + 1}`} error={errorOf(`indicators[${i}].name`)} value={indicator.name} onChange={(name) => setIndicator(i, { name })} />
                <TextField
                  label={`指标值 ${i + 1}`}
                  error={errorOf(`indicators[${i}].target`) ?? warningOf(`indicators[${i}].target`)}
                  hint="如 ≥95%、8 个、7.8万元"
                  value={indicator.target}
                  onChange={(target) => setIndicator(i, { target })}
                />
              </div>
              <div className="row-form">
                <TextField label={`指标解释 ${i + 1}`} error={errorOf(`indicators[${i}].description`)} wide value={indicator.description ?? ''} onChange={(description) => setIndicator(i, { description })} />
                <TextField label={`评（扣）分依据 ${i + 1}`} error={errorOf(`indicators[${i}].basis`)} wide value={indicator.basis ?? ''} onChange={(basis) => setIndicator(i, { basis })} />
                <button type="button" className="linklike danger" onClick={() => set({ indicators: form.indicators.filter((_, j) => j !== i) })}>
                  删除指标 {i + 1}
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => set({ indicators: [...form.indicators, { level1: '产出指标', level2: '数量指标', name: '', description: '', target: '', basis: '' }] })}
          >
            增加指标
          </button>
        </fieldset>
        {editable && (
          <div className="actions">
            <button type="submit" className="button" disabled={command.busy}>
              保存项目
            </button>{' '}
            {!isNew && (
              <button type="button" className="button button-danger" disabled={command.busy} onClick={() => void withdraw()}>
                撤回项目
              </button>
            )}
          </div>
        )}
      </Form>
    </section>
  );
}

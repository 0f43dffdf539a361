import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Problem } from '@budgetflow/contracts';
import { ApiError, STATUS_NAMES } from '../api';

/** Loads data for a page; `reload` after a command. Errors are kept as problems to show. */
export function useLoad<T>(loader: () => Promise<T>, deps: unknown[]): { data: T | undefined; problem: Problem | undefined; loading: boolean; reload: () => Promise<void> } {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(true);
  const load = useCallback(loader, deps);
  /** Only the latest load's answer is shown: an earlier one that answers later (older inputs) is dropped. */
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const loaded = await load();
      if (call !== latest.current) return;
      setData(loaded);
      setProblem(undefined);
    } catch (error) {
      if (call !== latest.current) return;
      setProblem(error instanceof ApiError ? error.problem : { status: 0, code: 'CLIENT', title: '页面出错', detail: String(error) });
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, problem, loading, reload };
}

/** Runs a command and keeps its problem (with field errors) for the form. */
/** What a failed call says: the API's problem, or the client's own failure in the same shape. */
export const problemOf = (error: unknown): Problem => (error instanceof ApiError ? error.problem : { status: 0, code: 'CLIENT', title: '操作失败', detail: String(error) });

export function useCommand() {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const run = async (action: () => Promise<unknown>, success?: string): Promise<boolean> => {
    setBusy(true);
    setDone(undefined);
    try {
      await action();
      setProblem(undefined);
      if (success) setDone(success);
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string): string | undefined => problem?.errors?.find((e) => e.field === field)?.message;
  /** The error of a field inside the request's body, by the end of its path (`projects.changed[0].code`). */
  const errorAt = (path: string): string | undefined => problem?.errors?.find((e) => e.field === path || e.field.endsWith(path))?.message;
  return { problem, busy, done, run, fieldError, errorAt, clear: () => setProblem(undefined) };
}

/** What the fields of the API's requests are called on the pages (a problem names the field by its path). */
const FIELD_LABELS: Record<string, string> = {
  reason: '理由',
  amount: '金额',
  functionalCode: '功能分类科目',
  economicCode: '经济分类科目',
  fundSource: '资金来源',
  source: '收入来源',
  name: '名称',
  code: '编码',
  purpose: '用途',
  total: '总额上限',
  basic: '基本支出上限',
  project: '项目支出上限',
  checkpoint: '截至',
  asOf: '日期',
  version: '版本',
  voucher: '凭证号',
  date: '日期',
  password: '密码',
  newPassword: '新密码',
  login: '登录名',
  spendingPlan: '支出计划',
  indicators: '绩效指标',
};

/** A field problem in the clerk's words: the field's Chinese name when the page knows it, and the API's message. */
export const fieldProblemText = (error: { field?: string; message: string }): string => {
  const last = error.field?.split('.').pop()?.replace(/\[\d+\]$/, '');
  const label = last ? FIELD_LABELS[last] : undefined;
  return label ? `${label}：${error.message}` : error.message;
};

/**
 * A refusal as the user reads it: the API's Chinese title, its detail or its field messages — never the stable
 * code (`FIELD_REQUIRED`, `VALIDATION_FAILED`…), which stays in `data-problem-code` for support and tests.
 */
export function ProblemNotice({ problem, fieldsShownInline = false }: { problem?: Problem; fieldsShownInline?: boolean }) {
  if (!problem) return null;
  const errors = problem.errors ?? [];
  // A detail made of a field path and a message (`reason：必填项缺失`) is said again, in words, by the field list.
  const summary =
    errors.length === 0
      ? (problem.detail ?? '')
      : errors.length === 1
        ? fieldProblemText(errors[0])
        : fieldsShownInline
          ? `${fieldProblemText(errors[0])}等 ${errors.length} 处，已在各字段旁标出`
          : '';
  return (
    <div className="notice notice-error" role="alert" data-problem-code={problem.code}>
      <p>
        <strong>{problem.title}</strong>
        {summary ? `：${summary}` : ''}
      </p>
      {!fieldsShownInline && errors.length > 1 && (
        <ul>
          {errors.map((e, i) => (
            <li key={i}>{fieldProblemText(e)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Done({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="notice notice-ok" role="status">
      {message}
    </p>
  );
}

/** A labelled form control with its inline error (from the API's problem+json field errors). */
export function Field({
  label,
  error,
  children,
  hint,
  wide,
}: {
  label: string;
  error?: string;
  hint?: string;
  wide?: boolean;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${wide ? ' field-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true } : {}), 'aria-describedby': describedBy })}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status?: string }) {
  if (!status) return <span className="badge badge-none">未建立</span>;
  return <span className={`badge badge-${status}`}>{STATUS_NAMES[status] ?? status}</span>;
}

export function Loading({ loading }: { loading: boolean }) {
  return loading ? (
    <p className="loading" role="status">
      正在加载…
    </p>
  ) : null;
}

/** A page the other parts of the service will fill (payments, reminders, execution): says so plainly. */
export function NotYetOpen({ title, what }: { title: string; what: string }) {
  return (
    <section className="card" aria-labelledby="not-open">
      <h2 id="not-open">{title}</h2>
      <p className="notice notice-info">尚未开放：{what}</p>
    </section>
  );
}

/** Scrollable wide content (tables on a phone): focusable so keyboard users can scroll it. */
export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

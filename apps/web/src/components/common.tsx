import { type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import type { Problem } from '@budgetflow/contracts';
import { ApiError, STATUS_NAMES } from '../api';

/** Loads data for a page; `reload` after a command. Errors are kept as problems to show. */
export function useLoad<T>(loader: () => Promise<T>, deps: unknown[]): { data: T | undefined; problem: Problem | undefined; loading: boolean; reload: () => Promise<void> } {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(true);
  const load = useCallback(loader, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { status: 0, code: 'CLIENT', title: '页面出错', detail: String(error) });
    } finally {
      setLoading(false);
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, problem, loading, reload };
}

/** Runs a command and keeps its problem (with field errors) for the form. */
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
      setProblem(error instanceof ApiError ? error.problem : { status: 0, code: 'CLIENT', title: '操作失败', detail: String(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string): string | undefined => problem?.errors?.find((e) => e.field === field)?.message;
  return { problem, busy, done, run, fieldError, clear: () => setProblem(undefined) };
}

export function ProblemNotice({ problem, fieldsShownInline = false }: { problem?: Problem; fieldsShownInline?: boolean }) {
  if (!problem) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{problem.title}</strong>
        {problem.detail ? `：${problem.detail}` : ''}
      </p>
      {!fieldsShownInline && problem.errors && problem.errors.length > 1 && (
        <ul>
          {problem.errors.map((e, i) => (
            <li key={i}>
              {e.field ? `${e.field}：` : ''}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      <p className="problem-code">错误代码 {problem.code}</p>
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

import type { FormEvent, ReactNode } from 'react';
import { Card } from './Card';
import { Done, Field, ProblemNotice, type useCommand } from './common';

/** A form that runs `onSubmit` instead of navigating (every console form sends its command through the API). */
export function Form({ onSubmit, className, label, children }: { onSubmit: () => unknown; className?: string; label?: string; children: ReactNode }) {
  return (
    <form
      className={className}
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A card holding one command's form: its heading, the API's problem (field errors shown inline) and the success note. */
export function CommandCard({ id, title, command, children }: { id: string; title: ReactNode; command: ReturnType<typeof useCommand>; children: ReactNode }) {
  return (
    <Card id={id} title={title}>
      <ProblemNotice problem={command.problem} fieldsShownInline />
      <Done message={command.done} />
      {children}
    </Card>
  );
}

/** The submit button of a form, disabled while its command runs. */
export function SubmitButton({ busy, children, className = 'button' }: { busy?: boolean; children: ReactNode; className?: string }) {
  return (
    <div className="actions">
      <button type="submit" className={className} disabled={busy}>
        {children}
      </button>
    </div>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  wide?: boolean;
}

/** A labelled text input (or a textarea of `rows` lines) with its inline error. */
export function TextField({
  value,
  onChange,
  inputMode,
  placeholder,
  readOnly,
  rows,
  ...field
}: FieldProps & { value: string; onChange: (value: string) => void; inputMode?: 'decimal' | 'numeric'; placeholder?: string; readOnly?: boolean; rows?: number }) {
  return (
    <Field {...field}>
      {(props) =>
        rows ? (
          <textarea {...props} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...props} inputMode={inputMode} placeholder={placeholder} readOnly={readOnly} value={value} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

/** A choice: plain strings are their own label; `placeholder` is the empty choice. */
export type Choice = string | { value: string; label: ReactNode };

/** A labelled select with its inline error. */
export function SelectField({ value, onChange, options, placeholder, ...field }: FieldProps & { value: string; onChange: (value: string) => void; options: readonly Choice[]; placeholder?: string }) {
  return (
    <Field {...field}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) =>
            typeof option === 'string' ? (
              <option key={option}>{option}</option>
            ) : (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ),
          )}
        </select>
      )}
    </Field>
  );
}

/** Figures side by side (收入合计, 基本支出 …): label and value, a class on the value when it needs one. */
export function Figures({ items }: { items: ReadonlyArray<{ label: string; value: ReactNode; className?: string }> }) {
  return (
    <dl className="figures">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd className={item.className}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Repeated rows of a form (one project each, say), edited in place, with a button that adds an empty row; `children`
 * draws a row's fields and changes it with `change(patch)`.
 */
export function FormRows<Row>({
  rows,
  onChange,
  empty,
  addLabel,
  children,
}: {
  rows: readonly Row[];
  onChange: (rows: Row[]) => void;
  empty: Row;
  addLabel: string;
  children: (row: Row, i: number, change: (patch: Partial<Row>) => void) => ReactNode;
}) {
  const change = (i: number) => (patch: Partial<Row>) => onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <>
      {rows.map((row, i) => (
        <div className="row-form" key={i}>
          {children(row, i, change(i))}
        </div>
      ))}
      <button type="button" className="button button-secondary" onClick={() => onChange([...rows, empty])}>
        {addLabel}
      </button>
    </>
  );
}

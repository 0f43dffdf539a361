import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal confirmation (the browser's `<dialog>`: focus stays inside, Esc cancels) that lists what is being
 * signed — department, year, version, amounts — before a command that cannot be taken back.
 */
export function ConfirmDialog({
  open,
  title,
  facts,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  facts: ReadonlyArray<{ label: string; value: ReactNode }>;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <dl className="confirm-facts">
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {children}
      <div className="confirm-actions">
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          取消
        </button>
        <button type="button" className={danger ? 'button button-danger' : 'button'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

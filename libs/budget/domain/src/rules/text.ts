import { refuse } from '../errors';

/** A required free-text field: not blank. */
export const requireText = (value: string | undefined, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '') refuse('FIELD_REQUIRED', field);
};

/** A reason (退回理由, 调整理由, 驳回理由): not blank. */
export const requireReason = (value: string | undefined, field = 'reason'): void => {
  if (typeof value !== 'string' || value.trim() === '') refuse('REASON_REQUIRED', field);
};

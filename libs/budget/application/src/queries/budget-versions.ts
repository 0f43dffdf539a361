import type { Budget, BudgetContent } from '@budgetflow/budget-domain';
import { type Actor, httpProblem } from '@budgetflow/platform';

/** Which content of a budget a reader asks for: the working draft, the latest approved or published, or a number. */
export type VersionSpec = 'draft' | 'approved' | 'published' | number;

export interface SelectedVersion {
  /** `draft`, or the approved version number. */
  version: 'draft' | number;
  content: BudgetContent;
  published: boolean;
}

export function parseVersionSpec(raw: string | undefined, fallback: VersionSpec): VersionSpec {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'draft' || raw === 'approved' || raw === 'published') return raw;
  if (/^\d{1,6}$/.test(raw) && Number(raw) > 0) return Number(raw);
  throw httpProblem('VALIDATION_FAILED', 'version 应为 draft、approved、published 或版本号', [
    { field: 'version', code: 'VERSION_SPEC_INVALID', message: `无效的版本 ${raw}` },
  ]);
}

const notFound = () => httpProblem('NOT_FOUND', '预算或该版本不存在');

/**
 * Published budgets are public by law; everything else is for the department itself, the finance bureau,
 * supervisors and admins. A department user asking for another department's unpublished budget learns
 * nothing, not even that it exists (404).
 */
export function selectVersion(state: Budget, department: string, spec: VersionSpec, actor: Actor | undefined): SelectedVersion {
  const mayReadDrafts = actor !== undefined && (actor.role !== 'department' || actor.department === department);
  if (state.status === 'none' || !state.content) throw notFound();
  let selected: SelectedVersion | undefined;
  if (spec === 'draft') {
    selected = { version: 'draft', content: state.content, published: false };
  } else {
    const candidates = state.versions.filter((version) => (spec === 'published' ? version.published : true));
    const chosen = typeof spec === 'number' ? state.versions.find((version) => version.version === spec) : candidates[candidates.length - 1];
    if (chosen) selected = { version: chosen.version, content: chosen.content, published: chosen.published };
  }
  if (!selected) throw notFound();
  if (!selected.published && !mayReadDrafts) throw notFound();
  return selected;
}

/** Reading anything but published versions (history, warnings, diffs of drafts) needs the same right as drafts. */
export function assertMayReadUnpublished(department: string, actor: Actor | undefined): void {
  if (!actor || (actor.role === 'department' && actor.department !== department)) throw notFound();
}

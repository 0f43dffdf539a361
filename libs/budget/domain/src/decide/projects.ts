import type { AdjustProject, ProjectProposal, ProposeProject, WithdrawProject } from '../commands/draft-commands';
import type { BudgetContent } from '../content/budget-content';
import type { DecideContext } from '../context';
import { refuse } from '../errors';
import type { ProjectAdjusted, ProjectProposed, ProjectWithdrawn } from '../events/draft-events';
import type { EventStamp } from '../events/event';
import { buildProject, proposalOf } from '../rules/project';
import { normalisedUnit, requireKnownUnit } from '../rules/units';
import { projectToWire, sameJson } from '../wire/content-wire';

/** Proposing a project identical to one already in the draft changes nothing (imports are repeatable). */
export const proposeProject = (
  command: ProposeProject,
  content: BudgetContent,
  ctx: DecideContext,
  stamp: EventStamp,
): ProjectProposed[] => {
  requireKnownUnit(command.project.unit, content, 'project.unit');
  const project = projectToWire(buildProject({ ...command.project, unit: normalisedUnit(command.project.unit, content) }, ctx.catalog, 'project', content.department.code));
  const existing = content.projects.find((p) => p.code === project.code);
  if (existing) {
    if (sameJson(projectToWire(existing), project)) return [];
    refuse('DUPLICATE_PROJECT_CODE', 'project.code', `项目编码 ${project.code} 已存在`);
  }
  return [{ type: 'ProjectProposed', data: { project, ...stamp } }];
};

/** Changes any fields but the code; the whole project is checked again as it will stand. */
export const adjustProject = (
  command: AdjustProject,
  content: BudgetContent,
  ctx: DecideContext,
  stamp: EventStamp,
): ProjectAdjusted[] => {
  const existing = content.projects.find((p) => p.code === command.code);
  if (!existing) return refuse('PROJECT_NOT_FOUND', 'code', `项目 ${command.code} 不存在`);
  const changes = Object.fromEntries(Object.entries(command.changes ?? {}).filter(([, v]) => v !== undefined));
  const proposal: ProjectProposal = { ...proposalOf(existing), ...changes, code: existing.code };
  // A new amount without a new split keeps the other funds and lets the fiscal funds take up the change.
  if (changes['amount'] !== undefined && changes['fiscalFunds'] === undefined && changes['otherFunds'] === undefined) {
    proposal.fiscalFunds = proposal.amount.minus(proposal.otherFunds);
  }
  const before = projectToWire(existing);
  requireKnownUnit(proposal.unit, content, 'changes.unit');
  const after = projectToWire(buildProject({ ...proposal, unit: normalisedUnit(proposal.unit, content) }, ctx.catalog, 'changes', content.department.code));
  const changedFields = (Object.keys(after) as (keyof typeof after)[]).filter((k) => !sameJson(before[k], after[k]));
  if (changedFields.length === 0) return [];
  return [{ type: 'ProjectAdjusted', data: { project: after, changedFields, ...stamp } }];
};

/** Withdrawing a project that is not there is already done. */
export const withdrawProject = (command: WithdrawProject, content: BudgetContent, stamp: EventStamp): ProjectWithdrawn[] =>
  content.projects.some((p) => p.code === command.code)
    ? [{ type: 'ProjectWithdrawn', data: { code: command.code, ...stamp } }]
    : [];

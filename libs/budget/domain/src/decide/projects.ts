import type { AdjustProject, ProjectProposal, ProposeProject, ScheduleProject, WithdrawProject } from '../commands/draft-commands';
import { Decimal } from '../money/money';
import { libraryAmountFor } from '../project-library/project-library';
import type { DecideContext } from '../context';
import { refuse } from '../errors';
import type { ProjectAdjusted, ProjectProposed, ProjectScheduled, ProjectWithdrawn } from '../events/draft-events';
import { buildProject, proposalOf } from '../rules/project';
import { normalisedUnit, requireKnownUnit } from '../rules/units';
import { projectToWire, sameJson } from '../wire/content-wire';
import type { ContentDecider } from './decider';

/** In a year whose projects come from the library, a project is scheduled from it, never proposed outright. */
export const requireNotLibraryYear = (ctx: DecideContext, field = 'project.code'): void => {
  if (ctx.settings?.projectsFromLibrary)
    refuse('PROJECT_NOT_IN_LIBRARY', field, '本年度项目须从项目库中选取已入库的项目（POST …/projects/from-library）');
};

/**
 * A pooled library project (of this department, its years covering the budget year) into the draft: its code, name,
 * class, fund, purpose, goal and indicators come along; amount from the command or its yearly amount.
 */
export const scheduleProject: ContentDecider<ScheduleProject, ProjectScheduled> = (command, content, ctx, stamp) => {
  const entry = command.library.project;
  const library = entry.project;
  if (entry.status !== 'pooled' || !library || entry.departmentCode !== content.department.code || library.code !== command.code)
    refuse('PROJECT_NOT_IN_LIBRARY', 'code', `项目 ${command.code} 不是本部门项目库中已入库的项目`);
  const year = content.fiscalYear;
  if (year < library!.startYear || year > library!.endYear)
    refuse('PROJECT_NOT_IN_LIBRARY', 'code', `项目库项目 ${command.code} 的实施年度为 ${library!.startYear}–${library!.endYear}，不含 ${year} 年`);
  const amount = command.amount ?? libraryAmountFor(library!, year);
  if (amount === undefined) refuse('FIELD_REQUIRED', 'amount', `项目库项目 ${command.code} 没有 ${year} 年度的分年度预算，请填写金额`);
  requireKnownUnit(command.unit, content, 'unit');
  const proposal: ProjectProposal = {
    code: library!.code,
    name: library!.name,
    functionalCode: library!.functionalCode,
    fundSource: library!.fundSource,
    amount: amount!,
    fiscalFunds: amount!,
    otherFunds: new Decimal(0),
    purpose: library!.purpose,
    spendingPlan: command.spendingPlan ?? [{ checkpoint: '12月底', cumulativePercent: 100 }],
    goal: library!.goal,
    indicators: library!.indicators,
    ...(command.lines ? { lines: command.lines } : {}),
    ...(command.fromCarryOver ? { fromCarryOver: true } : {}),
    ...(command.unit !== undefined ? { unit: normalisedUnit(command.unit, content) } : {}),
    startYear: library!.startYear,
    endYear: library!.endYear,
    yearlyAmounts: library!.yearlyAmounts.map((y) => ({ fiscalYear: y.fiscalYear, amount: new Decimal(y.amount) })),
  };
  const project = projectToWire(buildProject(proposal, ctx.catalog, 'project', content.department.code));
  const existing = content.projects.find((p) => p.code === project.code);
  if (existing) {
    if (sameJson(projectToWire(existing), project)) return [];
    refuse('DUPLICATE_PROJECT_CODE', 'code', `项目编码 ${project.code} 已在预算中`);
  }
  return [{ type: 'ProjectScheduled', data: { project, libraryStreamId: command.library.streamId, ...stamp } }];
};

/** Proposing a project identical to one already in the draft changes nothing (imports are repeatable). */
export const proposeProject: ContentDecider<ProposeProject, ProjectProposed> = (command, content, ctx, stamp) => {
  requireKnownUnit(command.project.unit, content, 'project.unit');
  requireNotLibraryYear(ctx);
  const project = projectToWire(buildProject({ ...command.project, unit: normalisedUnit(command.project.unit, content) }, ctx.catalog, 'project', content.department.code));
  const existing = content.projects.find((p) => p.code === project.code);
  if (existing) {
    if (sameJson(projectToWire(existing), project)) return [];
    refuse('DUPLICATE_PROJECT_CODE', 'project.code', `项目编码 ${project.code} 已存在`);
  }
  return [{ type: 'ProjectProposed', data: { project, ...stamp } }];
};

/** Changes any fields but the code; the whole project is checked again as it will stand. */
export const adjustProject: ContentDecider<AdjustProject, ProjectAdjusted> = (command, content, ctx, stamp) => {
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
export const withdrawProject: ContentDecider<WithdrawProject, ProjectWithdrawn> = (command, content, _ctx, stamp) =>
  content.projects.some((p) => p.code === command.code)
    ? [{ type: 'ProjectWithdrawn', data: { code: command.code, ...stamp } }]
    : [];

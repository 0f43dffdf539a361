import type { SpendingPlanCheckpoint } from '@budgetflow/budget-domain';
import { digestTime, leadReminderTime, warningTime } from './checkpoint-calendar';

/**
 * What the planner schedules: one job per (department, project, checkpoint, lead time), one warning per
 * (department, project, checkpoint) the day after it, and one digest per (fiscal year, checkpoint).
 */
export type ReminderJob = SpendingReminderJob | CheckpointDigestJob;

/** 提前提醒 (`lead`) or 节点后预警 (`warning`) to one department about one project. */
export interface SpendingReminderJob {
  type: 'reminder';
  fiscalYear: number;
  department: string;
  projectCode: string;
  checkpointMonth: number;
  kind: 'lead' | 'warning';
  /** For `lead`: how many days before the checkpoint. */
  leadDays?: number;
}

/** 节点汇总 — every project behind plan at a checkpoint, for the finance bureau and supervisors. */
export interface CheckpointDigestJob {
  type: 'digest';
  fiscalYear: number;
  checkpointMonth: number;
}

export interface ScheduledReminder {
  /** Deterministic: the same reminder always gets the same id, so re-planning never duplicates it. */
  jobId: string;
  fireAt: Date;
  job: ReminderJob;
}

/** A project of an approved budget as the planner sees it. */
export interface PlannedProject {
  department: string;
  fiscalYear: number;
  projectCode: string;
  projectName: string;
  spendingPlan: readonly SpendingPlanCheckpoint[];
}

const part = (value: string | number): string => encodeURIComponent(String(value));
const monthPart = (month: number): string => String(month).padStart(2, '0');

/**
 * The job id and reminder key of a job: `/`-separated, each part URI-encoded (so distinct reminders never
 * share an id, and no `:` reaches BullMQ, which refuses it in custom ids).
 */
export const reminderJobId = (job: ReminderJob): string => {
  if (job.type === 'digest') return ['digest', part(job.fiscalYear), monthPart(job.checkpointMonth)].join('/');
  const slot = job.kind === 'lead' ? `lead-${job.leadDays}` : 'warning';
  return ['reminder', part(job.fiscalYear), part(job.department), part(job.projectCode), monthPart(job.checkpointMonth), slot].join('/');
};

export const reminderFireTime = (job: ReminderJob): Date => {
  if (job.type === 'digest') return digestTime(job.fiscalYear, job.checkpointMonth);
  return job.kind === 'lead' ? leadReminderTime(job.fiscalYear, job.checkpointMonth, job.leadDays ?? 0) : warningTime(job.fiscalYear, job.checkpointMonth);
};

const scheduled = (job: ReminderJob): ScheduledReminder => ({ jobId: reminderJobId(job), fireAt: reminderFireTime(job), job });

/**
 * Every reminder the approved projects call for: for each checkpoint that asks for spending (percent > 0),
 * one reminder per lead time, a warning the day after, and one digest per (fiscal year, checkpoint month).
 * Sorted by fire time, then id.
 */
export const plannedReminders = (projects: readonly PlannedProject[], leadDays: readonly number[]): ScheduledReminder[] => {
  const reminders = new Map<string, ScheduledReminder>();
  const add = (job: ReminderJob) => {
    const entry = scheduled(job);
    reminders.set(entry.jobId, entry);
  };
  for (const project of projects) {
    for (const checkpoint of project.spendingPlan) {
      if (checkpoint.cumulativePercent <= 0) continue;
      const base = { type: 'reminder' as const, fiscalYear: project.fiscalYear, department: project.department, projectCode: project.projectCode, checkpointMonth: checkpoint.month };
      for (const lead of leadDays) add({ ...base, kind: 'lead', leadDays: lead });
      add({ ...base, kind: 'warning' });
      add({ type: 'digest', fiscalYear: project.fiscalYear, checkpointMonth: checkpoint.month });
    }
  }
  return [...reminders.values()].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
};

/**
 * Which planned reminders still belong in the queue at `now`: not fired yet, and not further in the past
 * than `graceMs` (a reminder missed during an outage still goes out late; one from long before the budget
 * was approved does not).
 */
export const pendingReminders = (
  planned: readonly ScheduledReminder[],
  fired: ReadonlySet<string>,
  now: Date,
  graceMs: number,
): ScheduledReminder[] => planned.filter((entry) => !fired.has(entry.jobId) && entry.fireAt.getTime() >= now.getTime() - graceMs);

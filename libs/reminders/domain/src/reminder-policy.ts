import { Decimal, type Money, formatYuan } from '@budgetflow/budget-domain';
import { checkpointLabel, daysLeft, shanghaiDateText } from './checkpoint-calendar';
import type { CheckpointDigestJob, SpendingReminderJob } from './reminder-jobs';

/** 预警等级 as the execution monitoring reports it (thresholds set by the finance bureau). */
export type WarningLevel = 'none' | 'yellow' | 'red';
export const WARNING_LEVELS: readonly WarningLevel[] = ['red', 'yellow', 'none'];
const WARNING_LEVEL_NAMES: Record<WarningLevel, string> = { red: '红色预警', yellow: '黄色预警', none: '进度滞后' };

/** Who a notice is for: a department's users, or every user of the finance bureau / supervisors. */
export type Audience = `department:${string}` | 'finance' | 'supervisor';
export const departmentAudience = (department: string): Audience => `department:${department}`;
export const DIGEST_AUDIENCES: readonly Audience[] = ['finance', 'supervisor'];

/** The latest execution figures of one project (from the execution monitoring), as of some instant. */
export interface ProjectProgress {
  /** The project's amount in the latest approved version, 元. */
  approvedAmount: Money;
  /** Paid so far (reversals netted), 元. */
  executedAmount: Money;
  warningLevel: WarningLevel;
}

export interface ReminderPreferences {
  /** Send a short confirmation to a department that is on plan (default: send nothing). */
  confirmOnPlan: boolean;
}

/** Figures a reminder carries, money and percents as decimal strings. */
export interface ReminderFigures {
  checkpoint: string;
  plannedPercent: string;
  executedPercent: string;
  approvedAmount: string;
  executedAmount: string;
  /** 还需支出: what is still to be paid to reach the checkpoint's cumulative percent; 0 when on plan. */
  amountToPlan: string;
  daysLeft: number;
  warningLevel: WarningLevel;
}

export interface ReminderNotice {
  audience: Audience;
  /** `behind-plan` (提醒 / 预警) or `on-plan` (a confirmation, only when configured). */
  outcome: 'behind-plan' | 'on-plan';
  title: string;
  body: string;
  department: string;
  projectCode: string;
  projectName: string;
  figures: ReminderFigures;
}

const HUNDRED = new Decimal(100);
const percentText = (value: Decimal): string => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Executed share of the approved amount in percent; a project with nothing approved has nothing left to spend. */
export const executedPercent = (progress: Pick<ProjectProgress, 'approvedAmount' | 'executedAmount'>): Decimal =>
  progress.approvedAmount.isZero() ? HUNDRED : progress.executedAmount.dividedBy(progress.approvedAmount).times(HUNDRED);

/** 按计划应支出: the cumulative amount the plan asks for by the checkpoint, to the cent. */
export const plannedAmount = (approvedAmount: Money, plannedPercent: number): Money =>
  approvedAmount.times(plannedPercent).dividedBy(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export interface SpendingReminderInput {
  job: SpendingReminderJob;
  projectName: string;
  /** The checkpoint's cumulative percent in the project's current spending plan. */
  plannedPercent: number;
  progress: ProjectProgress;
  now: Date;
  preferences: ReminderPreferences;
}

/**
 * What one department hears about one project at a reminder or warning: nothing when it is on plan (or a
 * short confirmation if configured); otherwise the planned vs executed percent, the amount still to spend
 * to reach the plan and the days left.
 */
export const decideSpendingReminder = (input: SpendingReminderInput): ReminderNotice | null => {
  const { job, projectName, plannedPercent, progress, now } = input;
  const target = plannedAmount(progress.approvedAmount, plannedPercent);
  const gap = Decimal.max(target.minus(progress.executedAmount), 0);
  const onPlan = gap.isZero();
  if (onPlan && !input.preferences.confirmOnPlan) return null;

  const checkpoint = checkpointLabel(job.fiscalYear, job.checkpointMonth);
  const figures: ReminderFigures = {
    checkpoint,
    plannedPercent: percentText(new Decimal(plannedPercent)),
    executedPercent: percentText(executedPercent(progress)),
    approvedAmount: formatYuan(progress.approvedAmount),
    executedAmount: formatYuan(progress.executedAmount),
    amountToPlan: formatYuan(gap),
    daysLeft: Math.max(daysLeft(now, job.fiscalYear, job.checkpointMonth), 0),
    warningLevel: progress.warningLevel,
  };
  const base = { audience: departmentAudience(job.department), department: job.department, projectCode: job.projectCode, projectName, figures };
  const asOf = shanghaiDateText(now);
  const subject = `项目「${projectName}」（${job.projectCode}）`;

  if (onPlan) {
    return {
      ...base,
      outcome: 'on-plan',
      title: `资金支出进度正常：${projectName}`,
      body: `${subject}截至${asOf}已支出${figures.executedAmount}元（${figures.executedPercent}%），已达到${checkpoint}累计支出${figures.plannedPercent}%的计划。`,
    };
  }
  if (job.kind === 'lead') {
    return {
      ...base,
      outcome: 'behind-plan',
      title: `资金支出进度提醒：${projectName}`,
      body:
        `${subject}按资金支出计划应于${checkpoint}前累计支出${figures.plannedPercent}%（${formatYuan(target)}元），` +
        `截至${asOf}已支出${figures.executedAmount}元（${figures.executedPercent}%），` +
        `尚需支出${figures.amountToPlan}元，距节点还有${figures.daysLeft}天。`,
    };
  }
  return {
    ...base,
    outcome: 'behind-plan',
    title: `资金支出进度${WARNING_LEVEL_NAMES[progress.warningLevel]}：${projectName}`,
    body:
      `${subject}未达到${checkpoint}累计支出${figures.plannedPercent}%（${formatYuan(target)}元）的计划：` +
      `实际支出${figures.executedAmount}元（${figures.executedPercent}%），差额${figures.amountToPlan}元。请尽快加快执行进度。`,
  };
};

/** A project behind plan at a checkpoint, as the execution monitoring lists it for the digest. */
export interface BehindPlanProject {
  department: string;
  departmentName?: string;
  projectCode: string;
  projectName: string;
  approvedAmount: Money;
  executedAmount: Money;
  /** Planned cumulative percent at the checkpoint. */
  plannedPercent: number;
  warningLevel: WarningLevel;
}

export interface DigestEntry {
  department: string;
  departmentName?: string;
  projectCode: string;
  projectName: string;
  plannedPercent: string;
  executedPercent: string;
  /** 差距 in percentage points. */
  gapPoints: string;
  amountToPlan: string;
  warningLevel: WarningLevel;
}

export interface DigestNotice {
  audiences: readonly Audience[];
  title: string;
  body: string;
  checkpoint: string;
  /** Every project behind plan, grouped by warning level (red, yellow, then merely behind). */
  levels: { level: WarningLevel; projects: DigestEntry[] }[];
}

/**
 * 节点汇总: one digest for the finance bureau and supervisors of every project behind plan at a checkpoint,
 * by warning level, largest gap first; `null` when every project is on plan.
 */
export const composeCheckpointDigest = (job: CheckpointDigestJob, projects: readonly BehindPlanProject[]): DigestNotice | null => {
  const entries = projects
    .map((project) => {
      const target = plannedAmount(project.approvedAmount, project.plannedPercent);
      const gap = target.minus(project.executedAmount);
      const executed = executedPercent(project);
      return {
        sortGap: new Decimal(project.plannedPercent).minus(executed),
        entry: {
          department: project.department,
          ...(project.departmentName ? { departmentName: project.departmentName } : {}),
          projectCode: project.projectCode,
          projectName: project.projectName,
          plannedPercent: percentText(new Decimal(project.plannedPercent)),
          executedPercent: percentText(executed),
          gapPoints: percentText(new Decimal(project.plannedPercent).minus(executed)),
          amountToPlan: formatYuan(gap),
          warningLevel: project.warningLevel,
        } satisfies DigestEntry,
        behind: gap.greaterThan(0),
      };
    })
    .filter((row) => row.behind)
    .sort(
      (a, b) =>
        b.sortGap.comparedTo(a.sortGap) ||
        a.entry.department.localeCompare(b.entry.department) ||
        a.entry.projectCode.localeCompare(b.entry.projectCode),
    );
  if (entries.length === 0) return null;

  const checkpoint = checkpointLabel(job.fiscalYear, job.checkpointMonth);
  const levels = WARNING_LEVELS.map((level) => ({ level, projects: entries.filter((row) => row.entry.warningLevel === level).map((row) => row.entry) })).filter(
    (group) => group.projects.length > 0,
  );
  const lines = levels.flatMap((group) => [
    `${WARNING_LEVEL_NAMES[group.level]}（${group.projects.length}个）：`,
    ...group.projects.map(
      (p) => `- ${p.departmentName ?? p.department} ${p.projectName}（${p.projectCode}）：计划${p.plannedPercent}%，实际${p.executedPercent}%，差${p.gapPoints}个百分点，差额${p.amountToPlan}元`,
    ),
  ]);
  return {
    audiences: DIGEST_AUDIENCES,
    title: `${checkpoint}资金支出进度汇总：${entries.length}个项目未达计划`,
    body: lines.join('\n'),
    checkpoint,
    levels,
  };
};

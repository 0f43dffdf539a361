import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import {
  type Audience,
  type CheckpointDigestJob,
  type SpendingReminderJob,
  checkpointEnd,
  composeCheckpointDigest,
  decideSpendingReminder,
  reminderJobId,
} from '@budgetflow/reminders-domain';
import { EXECUTION_FIGURES } from '../tokens';
import type { ExecutionFigures } from '../execution-figures/execution-figures.port';
import type { QueuedJob } from '../scheduling/reminder-scheduler.port';
import { ReminderPlanner } from '../planning/reminder-planner';
import { ReminderSettingsStore, type ReminderSettings } from '../settings/reminder-settings';
import { EmailChannel } from '../delivery/email-channel';
import { InboxChannel } from '../delivery/inbox-channel';
import type { OutgoingNotice } from '../delivery/outgoing-notice';
import { Recipients } from '../delivery/recipients';
import { WebhookChannel } from '../delivery/webhook-channel';
import { type Clock, CLOCK, SQL_CLIENT } from '@budgetflow/platform';

/**
 * What happens when a job fires: a reminder reads the project's latest execution figures and the policy
 * decides whether and what the department hears; a digest lists every project behind plan for finance and
 * supervisors; a webhook job makes its next try. Safe to run twice: the ledger keeps every delivery to one.
 */
@Injectable()
export class ReminderFiring {
  private readonly logger = new Logger('ReminderFiring');

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EXECUTION_FIGURES) private readonly figures: ExecutionFigures,
    private readonly planner: ReminderPlanner,
    private readonly settings: ReminderSettingsStore,
    private readonly recipients: Recipients,
    private readonly inbox: InboxChannel,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
  ) {}

  async handle(job: QueuedJob): Promise<void> {
    if (job.type === 'webhook') return this.webhooks.attempt(job.reminderKey, job.endpointId, job.attempt);
    const jobId = reminderJobId(job);
    const fired = await this.sql.query('SELECT 1 FROM reminder_firings WHERE job_id = $1', [jobId]);
    if (fired.rows.length > 0) return;
    const settings = await this.settings.current();
    const outcome = job.type === 'digest' ? await this.fireDigest(jobId, job, settings) : await this.fireReminder(jobId, job, settings);
    await this.sql.query('INSERT INTO reminder_firings (job_id, outcome, fired_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [jobId, outcome, this.clock()]);
  }

  private async fireReminder(jobId: string, job: SpendingReminderJob, settings: ReminderSettings): Promise<string> {
    // The plan as it stands now: a job left over from before an adjustment (or a lead time no longer set) does nothing.
    const [project] = await this.planner.plannedProjects({ fiscalYear: job.fiscalYear, department: job.department, projectCode: job.projectCode });
    const checkpoint = project?.spendingPlan.find((c) => c.month === job.checkpointMonth);
    if (!project || !checkpoint || checkpoint.cumulativePercent <= 0) return 'obsolete';
    if (job.kind === 'lead' && !settings.leadDays.includes(job.leadDays ?? -1)) return 'obsolete';

    const now = this.clock();
    const asOf = job.kind === 'warning' ? checkpointEnd(job.fiscalYear, job.checkpointMonth) : now;
    const progress = await this.figures.projectProgress(job.department, job.fiscalYear, job.projectCode, asOf);
    if (!progress) return 'no-figures';
    const notice = decideSpendingReminder({ job, projectName: project.projectName, plannedPercent: checkpoint.cumulativePercent, progress, now, preferences: settings });
    if (!notice) return 'on-plan';
    await this.deliver(
      {
        reminderKey: jobId,
        audience: notice.audience,
        kind: notice.outcome === 'on-plan' ? 'confirmation' : job.kind === 'lead' ? 'reminder' : 'warning',
        title: notice.title,
        body: notice.body,
        figures: { department: notice.department, fiscalYear: job.fiscalYear, projectCode: notice.projectCode, projectName: notice.projectName, ...notice.figures },
      },
      settings,
    );
    return notice.outcome;
  }

  private async fireDigest(jobId: string, job: CheckpointDigestJob, settings: ReminderSettings): Promise<string> {
    const behind = await this.figures.behindPlan(job.fiscalYear, checkpointEnd(job.fiscalYear, job.checkpointMonth));
    const digest = composeCheckpointDigest(job, behind);
    if (!digest) return 'all-on-plan';
    for (const audience of digest.audiences) {
      await this.deliver(
        {
          reminderKey: jobId,
          audience,
          kind: 'digest',
          title: digest.title,
          body: digest.body,
          figures: { fiscalYear: job.fiscalYear, checkpoint: digest.checkpoint, levels: digest.levels },
        },
        settings,
      );
    }
    return 'digest';
  }

  private async deliver(notice: OutgoingNotice, settings: ReminderSettings): Promise<void> {
    const audience: Audience = notice.audience;
    if (settings.channels.inbox) await this.inbox.deliver(notice);
    if (settings.channels.email) await this.email.deliver(notice, await this.recipients.contacts(audience));
    if (settings.channels.webhook) await this.webhooks.deliver(notice, await this.recipients.webhooks(audience));
    this.logger.debug(`${notice.reminderKey} → ${audience}`);
  }
}

import { type DynamicModule, Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap, Optional, type Type } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { ServiceConfig } from '@budgetflow/platform';
import { EXECUTION_FIGURES, MAIL_SENDER, REMINDER_SCHEDULER, REMINDERS_OPTIONS } from './tokens';
import { type RemindersOptions, remindersOptionsFrom } from './reminders-options';
import type { ExecutionFigures } from './execution-figures/execution-figures.port';
import { InProcessScheduler } from './scheduling/in-process-scheduler';
import { BullmqScheduler, DELIVERIES_QUEUE, REMINDERS_QUEUE, redisConnection } from './scheduling/bullmq-scheduler';
import { DeliveriesQueueProcessor, RemindersQueueProcessor } from './scheduling/queue-processors';
import type { ReminderScheduler } from './scheduling/reminder-scheduler.port';
import { ReminderPlanner } from './planning/reminder-planner';
import { ReminderFiring } from './firing/reminder-firing';
import { ReminderSettingsStore } from './settings/reminder-settings';
import { ReminderSettingsController } from './settings/reminder-settings.http';
import { NotificationsController } from './notifications/notifications.http';
import { Recipients } from './delivery/recipients';
import { InboxChannel } from './delivery/inbox-channel';
import { EmailChannel, type MailSender } from './delivery/email-channel';
import { WebhookChannel } from './delivery/webhook-channel';
import { NodemailerSender } from './delivery/nodemailer-sender';
import { QueueDashboard } from './dashboard/queue-dashboard';
import { type Clock, CLOCK } from '@budgetflow/platform';

/** Starts the planner and (in-process) the scheduler where `RUN_WORKER` is on; stops them before the store closes. */
@Injectable()
class RemindersLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(REMINDERS_OPTIONS) private readonly options: RemindersOptions,
    @Inject(REMINDER_SCHEDULER) private readonly scheduler: ReminderScheduler,
    private readonly planner: ReminderPlanner,
    private readonly firing: ReminderFiring,
    @Optional() @Inject(MAIL_SENDER) private readonly mail?: MailSender,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.scheduler instanceof InProcessScheduler ? 'in-process scheduler' : `BullMQ on Redis (prefix ${this.options.queuePrefix})`;
    new Logger('reminders').log(`${queue}; planner and deliveries ${this.options.runWorker ? 'run here' : 'left to workers (RUN_WORKER=false)'}`);
    if (!this.options.runWorker) return;
    if (this.scheduler instanceof InProcessScheduler) this.scheduler.start((job) => this.firing.handle(job), this.options.tickMs);
    this.planner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.planner.stop();
    if (this.scheduler instanceof InProcessScheduler) await this.scheduler.close();
    this.mail?.close?.();
  }
}

/**
 * 支出计划提醒 (issue 6). With `REDIS_URL`: BullMQ queues through @nestjs/bullmq (processors only where
 * `RUN_WORKER` is on, Bull Board at /admin/queues); without: the in-process scheduler behind the same port.
 * Needs `SQL_CLIENT`, `CLOCK`, `PROJECTION_RUNNER` and `TOKEN_VERIFIER` from the app, and the adapter that reads
 * execution figures (`executionFigures`, implemented over the execution context and wired by the app).
 */
@Module({})
export class RemindersModule {
  static forRoot(config: ServiceConfig, ports: { executionFigures: Type<ExecutionFigures> }): DynamicModule {
    const options = remindersOptionsFrom(config);
    const bullmq = options.redisUrl !== undefined;
    return {
      module: RemindersModule,
      imports: bullmq
        ? [
            BullModule.forRoot({ connection: redisConnection(options.redisUrl!), prefix: options.queuePrefix }),
            BullModule.registerQueue({ name: REMINDERS_QUEUE }, { name: DELIVERIES_QUEUE }),
          ]
        : [],
      controllers: [ReminderSettingsController, NotificationsController],
      providers: [
        { provide: REMINDERS_OPTIONS, useValue: options },
        { provide: EXECUTION_FIGURES, useClass: ports.executionFigures },
        { provide: MAIL_SENDER, useFactory: () => (options.smtpUrl ? new NodemailerSender(options.smtpUrl) : undefined) },
        bullmq
          ? {
              provide: REMINDER_SCHEDULER,
              inject: [getQueueToken(REMINDERS_QUEUE), getQueueToken(DELIVERIES_QUEUE), CLOCK],
              useFactory: (reminders: Queue, deliveries: Queue, clock: Clock) => new BullmqScheduler(reminders, deliveries, clock),
            }
          : { provide: REMINDER_SCHEDULER, inject: [CLOCK], useFactory: (clock: Clock) => new InProcessScheduler(clock) },
        ReminderSettingsStore,
        ReminderPlanner,
        Recipients,
        InboxChannel,
        EmailChannel,
        WebhookChannel,
        ReminderFiring,
        RemindersLifecycle,
        ...(bullmq && options.runWorker ? [RemindersQueueProcessor, DeliveriesQueueProcessor] : []),
        ...(bullmq ? [QueueDashboard] : []),
      ],
      exports: [ReminderPlanner, ReminderFiring, REMINDER_SCHEDULER, EXECUTION_FIGURES, REMINDERS_OPTIONS],
    };
  }
}

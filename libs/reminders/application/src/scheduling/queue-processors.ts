import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ReminderFiring } from '../firing/reminder-firing';
import type { QueuedJob } from './reminder-scheduler.port';
import { DELIVERIES_QUEUE, REMINDERS_QUEUE } from './bullmq-scheduler';

/** BullMQ processors (only where `RUN_WORKER` is on): each job goes to the same handler as in-process. */
@Processor(REMINDERS_QUEUE, { concurrency: 8 })
export class RemindersQueueProcessor extends WorkerHost {
  constructor(private readonly firing: ReminderFiring) {
    super();
  }

  async process(job: Job<{ job: QueuedJob }>): Promise<void> {
    await this.firing.handle(job.data.job);
  }
}

@Processor(DELIVERIES_QUEUE, { concurrency: 8 })
export class DeliveriesQueueProcessor extends WorkerHost {
  constructor(private readonly firing: ReminderFiring) {
    super();
  }

  async process(job: Job<{ job: QueuedJob }>): Promise<void> {
    await this.firing.handle(job.data.job);
  }
}

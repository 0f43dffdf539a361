import { Injectable, type Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ReminderFiring } from '../firing/reminder-firing';
import type { QueuedJob } from './reminder-scheduler.port';
import { DELIVERIES_QUEUE, REMINDERS_QUEUE } from './bullmq-scheduler';

/** A BullMQ processor of one queue (only where `RUN_WORKER` is on): each job goes to the same handler as in-process. */
const firingProcessor = (queue: string): Type<WorkerHost> => {
  @Processor(queue, { concurrency: 8 })
  @Injectable()
  class FiringQueueProcessor extends WorkerHost {
    constructor(private readonly firing: ReminderFiring) {
      super();
    }

    async process(job: Job<{ job: QueuedJob }>): Promise<void> {
      await this.firing.handle(job.data.job);
    }
  }
  return FiringQueueProcessor;
};

export const RemindersQueueProcessor = firingProcessor(REMINDERS_QUEUE);
export const DeliveriesQueueProcessor = firingProcessor(DELIVERIES_QUEUE);

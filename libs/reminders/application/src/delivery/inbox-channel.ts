import { Inject, Injectable } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import { type OutgoingNotice, idempotencyKeyOf } from './outgoing-notice';
import { type Clock, CLOCK, SQL_CLIENT } from '@budgetflow/platform';

/** 站内消息: the notice and its ledger row in one transaction, so a redelivered job adds nothing. */
@Injectable()
export class InboxChannel {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deliver(notice: OutgoingNotice): Promise<boolean> {
    const now = this.clock();
    return this.sql.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO notifications (reminder_key, audience, kind, title, body, figures, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reminder_key, audience) DO NOTHING RETURNING id`,
        [notice.reminderKey, notice.audience, notice.kind, notice.title, notice.body, JSON.stringify(notice.figures), now],
      );
      await tx.query(
        `INSERT INTO reminder_deliveries (reminder_key, channel, recipient, status, idempotency_key, payload, attempts, delivered_at, updated_at)
         VALUES ($1, 'inbox', $2, 'delivered', $3, $4, 1, $5, $5) ON CONFLICT DO NOTHING`,
        [notice.reminderKey, notice.audience, idempotencyKeyOf(notice.reminderKey, 'inbox', notice.audience), JSON.stringify({ title: notice.title }), now],
      );
      return inserted.rows.length > 0;
    });
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ServiceConfig } from '@budgetflow/platform';
import type { SqlClient } from '@budgetflow/event-store';
import { APP_CONFIG } from './http-tokens';
import { SQL_CLIENT } from '@budgetflow/platform';

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Retention of the two tables that grow with traffic: security events older than
 * `SECURITY_EVENT_RETENTION_DAYS` (default 90) and Idempotency-Keys older than `IDEMPOTENCY_RETENTION_DAYS`
 * (default 2) are deleted at start and every hour. Safe to run in every instance at once (plain DELETEs).
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => void this.sweep().catch((error) => this.logger.warn(`retention sweep failed: ${(error as Error).message}`));
    run();
    this.timer = setInterval(run, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Deletes what is past its retention; answers how many rows of each went. */
  async sweep(): Promise<{ securityEvents: number; idempotencyKeys: number }> {
    const { securityEventRetentionDays, idempotencyRetentionDays } = this.config.security;
    const events = await this.sql.query<{ n: bigint }>(
      `WITH gone AS (DELETE FROM security_events WHERE recorded_at < now() - make_interval(days => $1) RETURNING 1) SELECT count(*) AS n FROM gone`,
      [securityEventRetentionDays],
    );
    const keys = await this.sql.query<{ n: bigint }>(
      `WITH gone AS (DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(days => $1) RETURNING 1) SELECT count(*) AS n FROM gone`,
      [idempotencyRetentionDays],
    );
    return { securityEvents: Number(events.rows[0]?.n ?? 0), idempotencyKeys: Number(keys.rows[0]?.n ?? 0) };
  }
}

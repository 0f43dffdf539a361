import type { SqlClient } from '../sql/sql-client';
import { WakeUps } from '../wake-ups';

/**
 * Wakes waiting readers when an append commits (LISTEN/NOTIFY), with a polling timeout as the fallback:
 * a notification can be missed (reconnect) or arrive while an older transaction still holds xmin back.
 */
export class EventNotifier extends WakeUps {
  private listening: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly sql: SqlClient,
    readonly channel: string,
  ) {
    super();
  }

  /** Starts listening once; failures leave the notifier in polling-only mode. */
  start(): Promise<void> {
    if (!this.listening) {
      this.listening = (async () => {
        if (!this.sql.listen) return;
        try {
          const unlisten = await this.sql.listen(this.channel, () => this.notify());
          if (this.closed) await unlisten();
          else this.unlisten = unlisten;
        } catch {
          this.listening = undefined; // retry on the next start()
        }
      })();
    }
    return this.listening;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    await this.listening;
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    if (unlisten) await unlisten().catch(() => undefined);
  }
}

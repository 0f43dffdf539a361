import type { SqlClient } from '../sql/sql-client';

/**
 * Wakes waiting readers when an append commits (LISTEN/NOTIFY), with a polling timeout as the fallback:
 * a notification can be missed (reconnect) or arrive while an older transaction still holds xmin back.
 */
export class EventNotifier {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private listening: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private closed = false;

  constructor(
    private readonly sql: SqlClient,
    readonly channel: string,
  ) {}

  /** A token to pass to `wait`: a notification after it makes `wait` return at once. */
  get token(): number {
    return this.generation;
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

  notify(): void {
    this.generation++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    waiters.forEach((wake) => wake());
  }

  /** Resolves on the next notification after `token`, or after `timeoutMs`. */
  wait(token: number, timeoutMs: number): Promise<void> {
    if (this.generation !== token || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
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

/**
 * Wake-ups for readers in this process: `notify()` releases every `wait` begun before it, and a token taken
 * before reading makes a notification that arrived during the read count (no lost wake-up). Waits always end
 * after their timeout, so polling remains the fallback.
 */
export class WakeUps {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  /** Once closed, waits return at once. */
  protected closed = false;

  /** A token to pass to `wait`: a notification after it makes `wait` return at once. */
  get token(): number {
    return this.generation;
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
}

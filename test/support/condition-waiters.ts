/**
 * Base of the test listeners and sinks that record what happened: `until` resolves once a condition over the
 * records holds, and a subclass calls `changed()` after every record so that waiters are checked without polling.
 */
export class ConditionWaiters {
  private readonly waiters: { ready: () => boolean; resolve: () => void }[] = [];

  /** Resolves once `ready()` holds, checked now and after every `changed()`. */
  until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  /** Settles every waiter whose condition now holds. */
  protected changed(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.ready()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

/** A completion write of this process whose answer did not arrive: Redis may have carried it out, or not. */
export interface UnconfirmedCompletion {
  /** The delivery claim's token the write carried: repeating the write with it tells whether it landed. */
  readonly token: string;
}

/**
 * The completion writes of this process whose answer was lost (a stalled or failing-over Redis carries a command
 * out after its caller gave up). Whoever repeats such a write first, with its token, owns the outcome: the next
 * signal for the transaction or the background confirmation, never both. JavaScript runs one of them at a time
 * between awaits, so {@link settle} decides without a race.
 */
export class UnconfirmedCompletionRegistry {
  private readonly pending = new Map<string, UnconfirmedCompletion>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /**
   * @param forgetAfterMs after this long the store's claim has run out anyway, and the entry is of no more use.
   */
  constructor(private readonly forgetAfterMs: number) {}

  /** The unconfirmed write for a transaction, if any: a new signal repeats it with the same token. */
  get(transactionId: string): UnconfirmedCompletion | undefined {
    return this.pending.get(transactionId);
  }

  /** Remembers a write whose answer was lost. */
  remember(transactionId: string, token: string): UnconfirmedCompletion {
    const entry: UnconfirmedCompletion = { token };
    this.pending.set(transactionId, entry);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.pending.get(transactionId) === entry) this.pending.delete(transactionId);
    }, this.forgetAfterMs);
    timer.unref();
    this.timers.add(timer);
    return entry;
  }

  /**
   * Settles an entry once a repeated write was answered: `true` for the one caller that settles it (it acts on the
   * answer), `false` when another already did. A caller without an entry (`undefined`) always settles.
   */
  settle(transactionId: string, entry: UnconfirmedCompletion | undefined): boolean {
    if (!entry) return true;
    if (this.pending.get(transactionId) !== entry) return false;
    this.pending.delete(transactionId);
    return true;
  }

  /** Whether the entry is still waiting for a repeated write to settle it. */
  isPending(transactionId: string, entry: UnconfirmedCompletion): boolean {
    return this.pending.get(transactionId) === entry;
  }

  /** Forgets everything (shutdown). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }
}

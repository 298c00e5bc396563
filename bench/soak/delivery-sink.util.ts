// Shared by the chaos soak and its host processes; a module of its own, since importing a process file runs it.

/**
 * Keys of the sink, which stands for the host's database: it outlives every instance (a SIGKILL included), so the
 * soak can count, per transaction, attempts, the one successful handling, and any delivery after it.
 */
export function sinkKeys(prefix: string) {
  return {
    /** Hash: transaction id → attempts that reached the listener. */
    attempts: `${prefix}sink:attempts`,
    /** Hash: transaction id → epoch ms of its successful handling. */
    handledAt: `${prefix}sink:handled-at`,
    /** Hash: transaction id → pid of the process that handled it. */
    handledBy: `${prefix}sink:handled-by`,
    /** List of `<transaction id> <pid>`: deliveries that arrived after the transaction was handled. */
    again: `${prefix}sink:again`,
    /** Counter of `id-scan.delivery.failed` events. */
    deliveryFailed: `${prefix}sink:delivery-failed`,
  };
}

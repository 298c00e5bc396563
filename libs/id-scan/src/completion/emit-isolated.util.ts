import type { LoggerService } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';

type Listener = (...args: unknown[]) => unknown;

/** How one isolated emission went. */
export interface EmitIsolatedOutcome {
  /** How many listeners ran (`onAny` listeners included). */
  listeners: number;
  /** How many of them threw or rejected. */
  failures: number;
  /** The last failure, for the `id-scan.delivery.failed` report when the retries run out. */
  lastError?: unknown;
}

/**
 * Delivers `payload` to every listener of `event` (and every `onAny` listener) so that none can hurt the others or
 * the caller: a listener that throws, or whose promise rejects, is logged with its stack and the next one still runs.
 *
 * `EventEmitter2.emit` stops at the first synchronous throw and leaves rejected promises unhandled; `emitAsync`
 * rejects as soon as one listener fails. `@OnEvent` wraps handlers in a try/catch only while its `suppressErrors`
 * option is left on, and hosts may also register listeners with `emitter.on` directly, so the isolation has to live
 * here. Listeners are called the way EventEmitter2 calls them (`this` is the emitter, `this.event` the name), so
 * `once`/`many` wrappers, wildcard matches and `{ async: true }` listeners keep their behaviour.
 *
 * @returns once every listener returned and every promise among their results settled, how many failed (a
 *   delivery succeeded when none did); never rejects.
 */
export async function emitIsolated(
  emitter: EventEmitter2,
  event: string,
  payload: unknown,
  logger: LoggerService,
): Promise<EmitIsolatedOutcome> {
  const calls: { listener: Listener; args: unknown[] }[] = [
    ...(emitter.listenersAny() as Listener[]).map((listener) => ({ listener, args: [event, payload] })),
    ...(emitter.listeners(event) as Listener[]).map((listener) => ({ listener, args: [payload] })),
  ];
  const pending: Promise<void>[] = [];
  const outcome: EmitIsolatedOutcome = { listeners: calls.length, failures: 0 };
  const report = (error: unknown): void => {
    outcome.failures++;
    outcome.lastError = error;
    const stack = error instanceof Error ? error.stack : undefined;
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`A listener of ${event} failed: ${message}`, stack);
  };
  for (const { listener, args } of calls) {
    try {
      (emitter as unknown as { event: string }).event = event;
      const result = listener.apply(emitter, args);
      if (isThenable(result)) pending.push(Promise.resolve(result).then(() => undefined, report));
    } catch (error) {
      report(error);
    }
  }
  await Promise.all(pending);
  return outcome;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

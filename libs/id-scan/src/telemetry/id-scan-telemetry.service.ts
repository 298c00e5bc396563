import type { Attributes, MeterProvider, Tracer, TracerProvider } from '@opentelemetry/api';
import { IdScanApiCallSpanRecorder } from './id-scan-api-call.recorder';
import { ID_SCAN_INSTRUMENTATION_SCOPE, IdScanAttributes as A, IdScanSpanNames } from './id-scan-telemetry.constants';
import {
  createIdScanTelemetryInstruments,
  type IdScanTelemetryInstruments,
} from './id-scan-telemetry-instruments.util';
import type { OpenTelemetryApiModule } from './opentelemetry-api.util';
import { telemetryErrorType } from './telemetry-error-type.util';

/** One call to the ID Scan API, as telemetry names it: ids, names and codes only. */
export interface IdScanApiCall {
  /** The `IdScanService` operation (`createTransaction`, `getResult`, ...); the span is `IdScan <operation>`. */
  operation: string;
  method: string;
  /** The route template, relative to `baseUrl` (`transactions/{transactionId}`); never the URL itself. */
  route: string;
  /** The host of `baseUrl`. */
  serverAddress?: string;
  /** The transaction the call is about, when it is known before the answer. */
  transactionId?: string;
}

/** What the HTTP client tells telemetry while one API call runs. */
export interface IdScanApiCallRecorder {
  /** An attempt was answered with `status` (the last one answered is what the span keeps). */
  answered(status: number): void;
  /** The request is about to be sent again after `error`. */
  retrying(error: unknown): void;
  /** The transaction the call turned out to be about (`createTransaction` learns it from the answer). */
  transaction(transactionId: string): void;
}

/**
 * A span of the completion or delivery work, started by {@link IdScanTelemetryService}.
 * @typeParam Ending what {@link end} records about a success (nothing for a delivery attempt).
 */
export interface IdScanTelemetrySpan<Ending = void> {
  /** Runs `fn` with this span as the active one, so spans started inside (API calls, the host's) nest under it. */
  run<T>(fn: () => T): T;
  /** Ends the span as succeeded. */
  end(ending: Ending): void;
  /** Ends the span as failed; only the error's type is kept, never its message. */
  fail(error: unknown): void;
}

/** How a completion signal ended, for its span. */
export interface IdScanCompletionEnding {
  /** The verdict's outcome (`passed`, `failed` or `incomplete`). */
  outcome: string;
  /** `true` when this signal recorded the completion. */
  first: boolean;
  /** `true` when the signal was answered from the store, with no API call. */
  fromStore: boolean;
}

/** Labels of an ended verification: how it arrived and how it ended (`passed`, `failed`, `incomplete`, `expired`). */
export interface IdScanCompletionLabels {
  via: string;
  outcome: string;
}

const NOOP_RECORDER: IdScanApiCallRecorder = {
  answered: () => undefined,
  retrying: () => undefined,
  transaction: () => undefined,
};
const NOOP_SPAN: IdScanTelemetrySpan<unknown> = { run: (fn) => fn(), end: () => undefined, fail: () => undefined };

/**
 * The package's traces and metrics, through the optional peer `@opentelemetry/api`: a span per API call, per
 * completion and per delivery attempt, counters and an API duration histogram. Without `@opentelemetry/api` every
 * method is a no-op; with it but without an SDK, the API's own no-op tracer and meter make it nearly free.
 * Attributes carry ids, names and codes only, never personal data, a secret, a token or a download URL.
 */
export class IdScanTelemetryService {
  private readonly api: OpenTelemetryApiModule | undefined;
  private tracerFor?: { provider: TracerProvider; tracer: Tracer };
  private instrumentsFor?: IdScanTelemetryInstruments;
  private meteringFor?: { provider: MeterProvider; active: boolean };

  /**
   * @param api the `@opentelemetry/api` module (the module passes what `loadOpenTelemetryApi` found), or nothing
   *   for telemetry that does nothing. Typed loosely so that the package's declarations never name an optional peer.
   */
  constructor(api?: unknown) {
    this.api = isOpenTelemetryApi(api) ? api : undefined;
  }

  /**
   * Runs one API call (all its attempts) inside a client span named `IdScan <operation>`, and records its duration.
   * @param fn the call; it reports answers and retries through the recorder it is given
   */
  async withApiSpan<T>(call: IdScanApiCall, fn: (recorder: IdScanApiCallRecorder) => Promise<T>): Promise<T> {
    const api = this.api;
    if (!api || (!this.tracing(api) && !this.metering(api))) return fn(NOOP_RECORDER);
    const attributes: Attributes = {
      [A.httpRequestMethod]: call.method,
      [A.urlTemplate]: call.route,
      [A.operation]: call.operation,
    };
    if (call.serverAddress !== undefined) attributes[A.serverAddress] = call.serverAddress;
    if (call.transactionId !== undefined) attributes[A.transactionId] = call.transactionId;
    const span = this.tracer(api).startSpan(`IdScan ${call.operation}`, { kind: api.SpanKind.CLIENT, attributes });
    const recorder = new IdScanApiCallSpanRecorder(() => this.instruments(), api, call.operation, span);
    const started = performance.now();
    try {
      const result = await api.context.with(api.trace.setSpan(api.context.active(), span), () => fn(recorder));
      recorder.finish(undefined, started);
      return result;
    } catch (error) {
      recorder.finish(error, started);
      throw error;
    }
  }

  /**
   * Starts the span of one completion signal (iframe, return URL or event delivery), named `IdScan completion`; its
   * end records the outcome and whether the signal was the first or answered from the store.
   */
  startCompletionSpan(completion: { transactionId: string; via: string }): IdScanTelemetrySpan<IdScanCompletionEnding> {
    return this.startSpan(
      IdScanSpanNames.completion,
      { [A.transactionId]: completion.transactionId, [A.completionVia]: completion.via },
      (ending) => ({
        [A.completionOutcome]: ending.outcome,
        [A.completionFirst]: ending.first,
        [A.completionFromStore]: ending.fromStore,
      }),
    );
  }

  /**
   * Starts the span of one attempt to deliver a domain event to the host's listeners, named `IdScan delivery`; it
   * ends with `id_scan.delivery.outcome` `success`, or `failure` and the error's type.
   */
  startDeliverySpan(delivery: { transactionId: string; event: string; attempt: number }): IdScanTelemetrySpan {
    return this.startSpan(
      IdScanSpanNames.delivery,
      {
        [A.transactionId]: delivery.transactionId,
        [A.event]: delivery.event,
        [A.deliveryAttempt]: delivery.attempt,
      },
      () => ({ [A.deliveryOutcome]: 'success' }),
      { [A.deliveryOutcome]: 'failure' },
    );
  }

  /** Counts a transaction created. */
  recordTransactionCreated(): void {
    this.instruments()?.transactionsCreated.add(1);
  }

  /** Counts a completion by how it arrived and how it ended. */
  recordCompletion(labels: IdScanCompletionLabels): void {
    this.instruments()?.completions.add(1, { [A.completionVia]: labels.via, [A.completionOutcome]: labels.outcome });
  }

  /** Counts one delivery attempt of `event`, and a failure when a listener failed. */
  recordDeliveryAttempt(delivery: { event: string; failed: boolean }): void {
    const instruments = this.instruments();
    if (!instruments) return;
    const attributes = { [A.event]: delivery.event };
    instruments.deliveryAttempts.add(1, attributes);
    if (delivery.failed) instruments.deliveryFailures.add(1, attributes);
  }

  /** Counts a delivery of `event` whose retries ran out. */
  recordDeadLetter(delivery: { event: string }): void {
    this.instruments()?.deliveryDeadLetters.add(1, { [A.event]: delivery.event });
  }

  /** The instruments of the meter provider registered now; `undefined` without `@opentelemetry/api`. */
  private instruments(): IdScanTelemetryInstruments | undefined {
    const api = this.api;
    if (!api) return undefined;
    // A host may register its SDK after the module started (or a test swap providers): follow the global one.
    const provider = api.metrics.getMeterProvider();
    if (this.instrumentsFor?.provider !== provider) this.instrumentsFor = createIdScanTelemetryInstruments(provider);
    return this.instrumentsFor;
  }

  /**
   * Whether a tracer provider is registered. Without one, spans, their attributes and their context would be built
   * for nothing: skipping them keeps the package's cost without an SDK at what it was before it had telemetry. The
   * global provider is a proxy that stays the same object when an SDK registers later, so this asks it every time.
   */
  private tracing(api: OpenTelemetryApiModule): boolean {
    const provider = api.trace.getTracerProvider();
    return (
      !(provider instanceof api.ProxyTracerProvider) ||
      provider.getDelegateTracer(ID_SCAN_INSTRUMENTATION_SCOPE) !== undefined
    );
  }

  /** Whether a meter provider is registered (the API's no-op provider hands out its no-op meter). */
  private metering(api: OpenTelemetryApiModule): boolean {
    const provider = api.metrics.getMeterProvider();
    if (this.meteringFor?.provider !== provider) {
      this.meteringFor = {
        provider,
        active: provider.getMeter(ID_SCAN_INSTRUMENTATION_SCOPE) !== api.createNoopMeter(),
      };
    }
    return this.meteringFor.active;
  }

  private tracer(api: OpenTelemetryApiModule): Tracer {
    const provider = api.trace.getTracerProvider();
    if (this.tracerFor?.provider !== provider) {
      this.tracerFor = { provider, tracer: provider.getTracer(ID_SCAN_INSTRUMENTATION_SCOPE) };
    }
    return this.tracerFor.tracer;
  }

  /**
   * @param ended the attributes a success adds
   * @param failed the attributes a failure adds, beside `error.type`
   */
  private startSpan<Ending>(
    name: string,
    attributes: Attributes,
    ended: (ending: Ending) => Attributes,
    failed: Attributes = {},
  ): IdScanTelemetrySpan<Ending> {
    const api = this.api;
    if (!api || !this.tracing(api)) return NOOP_SPAN;
    const span = this.tracer(api).startSpan(name, { kind: api.SpanKind.INTERNAL, attributes });
    const context = api.trace.setSpan(api.context.active(), span);
    return {
      run: (fn) => api.context.with(context, fn),
      end: (ending) => {
        span.setAttributes(ended(ending));
        span.end();
      },
      fail: (error) => {
        span.setAttributes({ ...failed, [A.errorType]: telemetryErrorType(error) });
        span.setStatus({ code: api.SpanStatusCode.ERROR });
        span.end();
      },
    };
  }
}

function isOpenTelemetryApi(api: unknown): api is OpenTelemetryApiModule {
  return typeof api === 'object' && api !== null && 'trace' in api && 'metrics' in api && 'context' in api;
}

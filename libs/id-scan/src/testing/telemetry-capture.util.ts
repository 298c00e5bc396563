import {
  context,
  metrics,
  ROOT_CONTEXT,
  trace,
  type Attributes,
  type Context,
  type ContextManager,
} from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorage } from 'node:async_hooks';

/** One data point of a metric, as collected: its instrument, attributes and value (a count, or a histogram's). */
export interface CapturedMetricPoint {
  name: string;
  attributes: Attributes;
  /** The sum of a counter; the number of recordings of a histogram. */
  count: number;
  /** A histogram's sum; a counter's value again. */
  sum: number;
}

/** A metric reader whose only export path is an explicit `collect()`: no timer, nothing between two collections. */
class CollectingMetricReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Tells waiters about every span that ends, so a spec awaits a span instead of sleeping. */
class EndedSpanNotifier implements SpanProcessor {
  private readonly waiters: { matches: (span: ReadableSpan) => boolean; resolve: (span: ReadableSpan) => void }[] = [];

  /** Resolves with the next span to end that matches. */
  next(matches: (span: ReadableSpan) => boolean): Promise<ReadableSpan> {
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }

  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.matches(span)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(span);
    }
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Keeps the active context across `await`s, as a host's SDK does (its `AsyncLocalStorageContextManager`), so a spec
 * sees which span an API call or a listener ran under.
 */
class AsyncContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    next: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(next, () => fn.call(thisArg, ...args));
  }
  bind<T>(bound: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = (thisArg: unknown, args: unknown[]): unknown =>
      this.with(bound, () => (target as (...args: unknown[]) => unknown).apply(thisArg, args));
    return function (this: unknown, ...args: unknown[]) {
      return run(this, args);
    } as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

/**
 * The OpenTelemetry SDK as a host would register it, with in-memory exporters: global tracer and meter providers
 * whose spans and metrics a spec reads back. {@link TelemetryCapture.uninstall} puts the globals back as they were.
 */
export class TelemetryCapture {
  private readonly exporter = new InMemorySpanExporter();
  private readonly reader = new CollectingMetricReader();
  private readonly notifier = new EndedSpanNotifier();
  // The exporter's processor comes first: a waiter that wakes up finds the span among spans() already.
  private readonly tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(this.exporter), this.notifier],
  });
  private readonly meterProvider = new MeterProvider({ readers: [this.reader] });

  private constructor() {}

  /** Registers the providers globally. */
  static install(): TelemetryCapture {
    const capture = new TelemetryCapture();
    context.setGlobalContextManager(new AsyncContextManager());
    trace.setGlobalTracerProvider(capture.tracerProvider);
    metrics.setGlobalMeterProvider(capture.meterProvider);
    return capture;
  }

  /** Every span ended so far. */
  spans(): ReadableSpan[] {
    return this.exporter.getFinishedSpans();
  }

  /** Resolves with the first ended span that matches, already ended or still to end. */
  span(matches: (span: ReadableSpan) => boolean): Promise<ReadableSpan> {
    const ended = this.spans().find(matches);
    return ended ? Promise.resolve(ended) : this.notifier.next(matches);
  }

  /** Every metric data point so far (cumulative). */
  async metricPoints(): Promise<CapturedMetricPoint[]> {
    const { resourceMetrics } = await this.reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) =>
      scope.metrics.flatMap((metric) =>
        metric.dataPoints.map((point) => {
          const value = point.value as number | { count: number; sum?: number };
          return {
            name: metric.descriptor.name,
            attributes: point.attributes,
            count: typeof value === 'number' ? value : value.count,
            sum: typeof value === 'number' ? value : (value.sum ?? 0),
          };
        }),
      ),
    );
  }

  /** Unregisters the global providers and shuts them down. */
  async uninstall(): Promise<void> {
    trace.disable();
    metrics.disable();
    context.disable();
    await Promise.all([this.tracerProvider.shutdown(), this.meterProvider.shutdown()]);
  }
}

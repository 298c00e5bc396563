import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { CapturedMetricPoint } from '../../libs/id-scan/src/testing/telemetry-capture.util';

/** Every span as an exporter would send it (name, attributes, status, events), one per line, to search for leaks. */
export function renderSpans(spans: readonly ReadableSpan[]): string {
  return spans
    .map((span) =>
      JSON.stringify({ name: span.name, attributes: span.attributes, status: span.status, events: span.events }),
    )
    .join('\n');
}

/** Every metric data point's name and attributes, to search for leaks. */
export function renderMetricPoints(points: readonly CapturedMetricPoint[]): string {
  return JSON.stringify(points.map((point) => ({ name: point.name, attributes: point.attributes })));
}

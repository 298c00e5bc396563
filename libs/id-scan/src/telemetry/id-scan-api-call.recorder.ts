import type { Attributes, Span } from '@opentelemetry/api';
import type { IdScanTelemetryInstruments } from './id-scan-telemetry-instruments.util';
import { IdScanAttributes as A } from './id-scan-telemetry.constants';
import type { IdScanApiCallRecorder } from './id-scan-telemetry.service';
import type { OpenTelemetryApiModule } from './opentelemetry-api.util';
import { telemetryErrorType } from './telemetry-error-type.util';

/**
 * The state of one API call's span: the last answered status and the number of retries, written to the span and
 * the duration histogram when the call settles.
 */
export class IdScanApiCallSpanRecorder implements IdScanApiCallRecorder {
  private status?: number;
  private retries = 0;

  constructor(
    private readonly instruments: () => IdScanTelemetryInstruments | undefined,
    private readonly api: OpenTelemetryApiModule,
    private readonly operation: string,
    private readonly span: Span,
  ) {}

  answered(status: number): void {
    this.status = status;
  }

  retrying(error: unknown): void {
    this.retries++;
    // The next attempt may end without an answer: the status of this one must not be reported for it.
    this.status = undefined;
    this.instruments()?.apiRetries.add(1, { [A.operation]: this.operation, [A.errorType]: telemetryErrorType(error) });
  }

  transaction(transactionId: string): void {
    this.span.setAttribute(A.transactionId, transactionId);
  }

  /** Ends the span with the last status, the retries and any error, and records the call's duration. */
  finish(error: unknown, startedMs: number): void {
    const { span, status } = this;
    if (status !== undefined) span.setAttribute(A.httpResponseStatusCode, status);
    span.setAttribute(A.httpRequestResendCount, this.retries);
    const durationAttributes: Attributes = {
      [A.operation]: this.operation,
      [A.statusClass]: status === undefined ? 'none' : `${Math.floor(status / 100)}xx`,
    };
    if (error !== undefined) {
      const type = telemetryErrorType(error);
      span.setAttribute(A.errorType, type);
      span.setStatus({ code: this.api.SpanStatusCode.ERROR });
      durationAttributes[A.errorType] = type;
    }
    span.end();
    this.instruments()?.apiDuration.record((performance.now() - startedMs) / 1000, durationAttributes);
  }
}

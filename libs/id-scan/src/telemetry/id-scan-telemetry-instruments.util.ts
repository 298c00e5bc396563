import type { Counter, Histogram, MeterProvider } from '@opentelemetry/api';
import { ID_SCAN_INSTRUMENTATION_SCOPE, IdScanMetricNames } from './id-scan-telemetry.constants';

/** The package's counters, each with the description its instrument carries. */
const COUNTER_DESCRIPTIONS = {
  transactionsCreated: 'Transactions created with createTransaction.',
  completions: 'Completions recorded, by how they arrived and how they ended.',
  deliveryAttempts: "Attempts to deliver a domain event to the host's listeners.",
  deliveryFailures: 'Delivery attempts in which a listener failed.',
  deliveryDeadLetters: 'Deliveries whose retries ran out.',
  apiRetries: 'ID Scan API requests sent again after a failure.',
} as const satisfies Partial<Record<keyof typeof IdScanMetricNames, string>>;

type IdScanCounterName = keyof typeof COUNTER_DESCRIPTIONS;

/** The package's instruments on one meter provider, and that provider. */
export type IdScanTelemetryInstruments = Record<IdScanCounterName, Counter> & {
  provider: MeterProvider;
  apiDuration: Histogram;
};

/** Creates every instrument of the package on `provider`'s meter for the package's scope. */
export function createIdScanTelemetryInstruments(provider: MeterProvider): IdScanTelemetryInstruments {
  const meter = provider.getMeter(ID_SCAN_INSTRUMENTATION_SCOPE);
  const names = Object.keys(COUNTER_DESCRIPTIONS) as IdScanCounterName[];
  const counters = Object.fromEntries(
    names.map((name) => [
      name,
      meter.createCounter(IdScanMetricNames[name], { description: COUNTER_DESCRIPTIONS[name] }),
    ]),
  ) as Record<IdScanCounterName, Counter>;
  return {
    ...counters,
    provider,
    apiDuration: meter.createHistogram(IdScanMetricNames.apiDuration, {
      description: 'Duration of ID Scan API calls, retries included.',
      unit: 's',
    }),
  };
}

import type * as OpenTelemetryApi from '@opentelemetry/api';

/** The `@opentelemetry/api` module, as the package uses it. */
export type OpenTelemetryApiModule = typeof OpenTelemetryApi;

/**
 * `@opentelemetry/api` when the host installed it, `undefined` otherwise. It is an optional peer: a host without it
 * must still be able to load the package, so it is required here, on first use, and never imported at the top.
 */
export function loadOpenTelemetryApi(): OpenTelemetryApiModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer is loaded only if present
    return require('@opentelemetry/api') as OpenTelemetryApiModule;
  } catch {
    return undefined;
  }
}

import { HttpModule } from '@nestjs/axios';
import { Logger, Module, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { IdScanCompletionService } from './completion/id-scan-completion.service';
import { IdScanUndecodableBodyFilter } from './controllers/id-scan-undecodable-body.filter';
import { IdScanDeliveryService } from './delivery/id-scan-delivery.service';
import { IdScanExpirySweepService } from './delivery/id-scan-expiry-sweep.service';
import { IdScanHealthIndicator } from './health/id-scan.health-indicator';
import { IdScanClient } from './http/id-scan.client';
import { IdScanTokenProvider } from './http/id-scan-token.provider';
import { ID_SCAN_CLOCK, ID_SCAN_OPTIONS } from './id-scan.constants';
import { ConfigurableModuleClass, ID_SCAN_MODULE_OPTIONS } from './id-scan.module-definition';
import { IdScanService } from './id-scan.service';
import { IdScanTelemetryService } from './telemetry/id-scan-telemetry.service';
import { loadOpenTelemetryApi } from './telemetry/opentelemetry-api.util';
import type { IdScanModuleOptions, ResolvedIdScanOptions } from './interfaces/id-scan-module-options.interface';
import { systemClock } from './utils/id-scan-clock.util';
import { resolveIdScanOptions } from './utils/resolve-id-scan-options.util';
import { IdScanEventDeliveryHandler } from './webhooks/id-scan-event-delivery.handler';
import { IdScanWebhookSubscriptionService } from './webhooks/id-scan-webhook-subscription.service';

/** Resolves the options once, at start-up; everything else injects the result. */
function resolvedOptionsFactory(options: IdScanModuleOptions): ResolvedIdScanOptions {
  const resolved = resolveIdScanOptions(options);
  if (resolved.webhooks.secrets.length === 0) {
    new Logger('IdScanModule').warn(
      'No webhooks.secrets configured: POST /id-scan/events will refuse every event delivery (401). ' +
        'Completion still arrives through the iframe and the return URL.',
    );
  }
  return resolved;
}

/** The module's providers. */
const providers: Provider[] = [
  { provide: ID_SCAN_OPTIONS, useFactory: resolvedOptionsFactory, inject: [ID_SCAN_MODULE_OPTIONS] },
  { provide: ID_SCAN_CLOCK, useValue: systemClock },
  // A factory: the constructor takes the optional @opentelemetry/api module, which DI has no token for.
  { provide: IdScanTelemetryService, useFactory: () => new IdScanTelemetryService(loadOpenTelemetryApi()) },
  IdScanTokenProvider,
  IdScanClient,
  IdScanWebhookSubscriptionService,
  IdScanService,
  IdScanDeliveryService,
  IdScanExpirySweepService,
  IdScanCompletionService,
  IdScanEventDeliveryHandler,
  IdScanHealthIndicator,
  // Global, because a body the parser cannot decode fails before any route (and its scoped filter) runs.
  { provide: APP_FILTER, useClass: IdScanUndecodableBodyFilter },
];

/**
 * What importing modules may inject; the resolved options let a host register the controllers itself (`routes: false`).
 */
const exportedProviders = [
  IdScanService,
  ID_SCAN_OPTIONS,
  IdScanDeliveryService,
  IdScanExpirySweepService,
  IdScanCompletionService,
  IdScanEventDeliveryHandler,
  IdScanHealthIndicator,
];

/**
 * CM.com ID Scan for a Nest application. Register it once, with `IdScanModule.forRoot({ keyId, secret, ... })` or
 * `IdScanModule.forRootAsync({ imports, inject, useFactory | useClass | useExisting })` (for instance
 * `forRootAsync(idScanConfig.asProvider())`), plus `isGlobal` and `routes`. The host must also import
 * `EventEmitterModule.forRoot()`. Options are validated at start-up; a problem stops the application with an
 * `IdScanConfigurationError` listing all of them.
 */
@Module({
  // An axios instance of its own: interceptors or defaults a host sets on the global axios never reach the API.
  imports: [HttpModule.register({})],
  providers,
  exports: exportedProviders,
})
export class IdScanModule extends ConfigurableModuleClass {}

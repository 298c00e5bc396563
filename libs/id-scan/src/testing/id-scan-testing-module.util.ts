import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { ID_SCAN_CLOCK } from '../id-scan.constants';
import { IdScanModule } from '../id-scan.module';
import { IdScanService } from '../id-scan.service';
import type { IdScanModuleOptions } from '../interfaces/id-scan-module-options.interface';
import { CaptureLogger } from './capture-logger.util';
import { FakeClock } from './fake-clock.util';

/** The documented example Key ID (docs/id-scan-api.md §A2). */
export const TEST_KEY_ID = '9f1c2d3e-4b5a-4c6d-8e7f-001122334455';
/** A 54-character secret, like CM.com's; specs assert it never shows up anywhere. */
export const TEST_SECRET = 'Zx81SecretThatMustNeverAppearInLogsOrErrors0123456789Q';
export const TEST_WEBHOOK_SECRET = 'whsec-0123456789abcdef0123456789abcdef';

/** What {@link createIdScanTestingModule} returns. */
export interface IdScanTestingContext {
  moduleRef: TestingModule;
  service: IdScanService;
  clock: FakeClock;
  logger: CaptureLogger;
  emitter: EventEmitter2;
}

/**
 * An initialised Nest testing module with `EventEmitterModule.forRoot()` and `IdScanModule.forRoot()` (no routes),
 * the fake clock in place of the real one, and a logger that keeps every line. Close `moduleRef` after the spec.
 */
export async function createIdScanTestingModule(
  options: Partial<IdScanModuleOptions> & { baseUrl: string },
  clock = new FakeClock(),
): Promise<IdScanTestingContext> {
  const logger = new CaptureLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventEmitterModule.forRoot(),
      IdScanModule.forRoot({
        keyId: TEST_KEY_ID,
        secret: TEST_SECRET,
        timeoutMs: 2_000,
        webhooks: { secrets: [TEST_WEBHOOK_SECRET] },
        ...options,
        routes: false,
      }),
    ],
  })
    .overrideProvider(ID_SCAN_CLOCK)
    .useValue(clock)
    .setLogger(logger)
    .compile();
  await moduleRef.init();
  return { moduleRef, service: moduleRef.get(IdScanService), clock, logger, emitter: moduleRef.get(EventEmitter2) };
}

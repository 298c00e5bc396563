import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { IdScanModule, idScanConfig, type IdScanModuleOptions } from 'nestjs-id-scan';
import { DEMO_SETTINGS, type DemoSettings } from './demo-settings.interface';
import { AssetsController } from './pages/assets.controller';
import { DemoExceptionFilter } from './pages/demo-exception.filter';
import { StartPageController } from './pages/start-page.controller';
import { VerificationFilesController } from './pages/verification-files.controller';
import { VerificationPagesController } from './pages/verification-pages.controller';
import { DemoSessionMiddleware } from './sessions/demo-session.middleware';
import { SameOriginMiddleware } from './security/same-origin.middleware';
import { StartLimitsService } from './security/start-limits.service';
import { VerificationEventsListener } from './verifications/verification-events.listener';
import { VerificationRepository } from './verifications/verification.repository';

/** Makes the run's {@link DemoSettings} injectable, also inside `IdScanModule.forRootAsync`'s factory. */
@Module({})
class DemoSettingsModule {
  static register(settings: DemoSettings): DynamicModule {
    return {
      module: DemoSettingsModule,
      global: true,
      providers: [{ provide: DEMO_SETTINGS, useValue: settings }],
      exports: [DEMO_SETTINGS],
    };
  }
}

/**
 * The package's options: the `idScan` namespace from the environment (`ID_SCAN_KEY_ID`, `ID_SCAN_SECRET`,
 * `ID_SCAN_BASE_URL`), or the embedded emulator's, plus what only code can give: where the return route sends the
 * person, the event-delivery secret and the store. `idScanConfig.asProvider()` is the one-liner when the
 * environment says everything.
 */
function idScanOptions(config: ConfigType<typeof idScanConfig>, settings: DemoSettings): IdScanModuleOptions {
  return {
    ...config,
    ...settings.emulatorApi,
    callbacks: {
      successRedirect: '/verifications/returned',
      failureRedirect: '/verifications/returned',
    },
    webhooks: { secrets: [settings.webhookSecret] },
    store: settings.store,
  };
}

/**
 * The demo host application: the package wired as a user would, and a few server-rendered pages around it. Every
 * page runs in a browser session (a signed cookie), so that each visitor sees only their own verifications.
 */
@Module({})
export class DemoModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The origin check goes first: a forged post must not even get (or replace) a session cookie.
    consumer
      .apply(SameOriginMiddleware, DemoSessionMiddleware)
      .forRoutes(StartPageController, VerificationPagesController, VerificationFilesController);
  }

  static register(settings: DemoSettings): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        DemoSettingsModule.register(settings),
        ConfigModule.forRoot({ isGlobal: true, cache: true }),
        EventEmitterModule.forRoot(),
        IdScanModule.forRootAsync({
          imports: [ConfigModule.forFeature(idScanConfig)],
          inject: [idScanConfig.KEY, DEMO_SETTINGS],
          useFactory: idScanOptions,
        }),
      ],
      controllers: [AssetsController, StartPageController, VerificationPagesController, VerificationFilesController],
      providers: [
        VerificationRepository,
        StartLimitsService,
        VerificationEventsListener,
        { provide: APP_FILTER, useClass: DemoExceptionFilter },
      ],
    };
  }
}

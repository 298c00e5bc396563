import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { JwtAuthGuard } from './auth';
import { EmulatorClockService } from './clock';
import { EMULATOR_OPTIONS } from './emulator.constants';
import { FaultInjectionGuard, FaultsService } from './faults';
import { DownloadsController, FilesService } from './files';
import { EmulatorExceptionFilter } from './filters';
import { HostedFlowController, HostedFlowService } from './hosted-flow';
import { MediaService } from './media';
import type { ResolvedEmulatorOptions } from './options';
import { RandomService } from './random';
import { RouteSurfaceGuard } from './routing';
import { TransactionsController, TransactionsService } from './transactions';
import { EmulatorUrlsService } from './urls';
import { WebhookDispatcherService, WebhooksController, WebhooksService } from './webhooks';

/**
 * The emulator as a Nest module: the API controllers, the hosted flow, and global guards that keep the two origins
 * apart and inject faults (in that order, before each controller's own JWT guard), plus the B6 error filter.
 * `IdScanEmulator.start()` builds one per emulator; it is not meant to be imported into another application.
 */
@Module({})
export class EmulatorModule {
  /** The module for one emulator instance. */
  static register(options: ResolvedEmulatorOptions): DynamicModule {
    return {
      module: EmulatorModule,
      imports: [
        MulterModule.register({
          limits: { fileSize: options.maxUploadBytes, files: 2, fields: 20, parts: 30 },
        }),
      ],
      controllers: [TransactionsController, DownloadsController, WebhooksController, HostedFlowController],
      providers: [
        { provide: EMULATOR_OPTIONS, useValue: options },
        EmulatorClockService,
        RandomService,
        EmulatorUrlsService,
        FilesService,
        MediaService,
        WebhooksService,
        WebhookDispatcherService,
        TransactionsService,
        FaultsService,
        HostedFlowService,
        JwtAuthGuard,
        RouteSurfaceGuard,
        FaultInjectionGuard,
        EmulatorExceptionFilter,
        { provide: APP_GUARD, useExisting: RouteSurfaceGuard },
        { provide: APP_GUARD, useExisting: FaultInjectionGuard },
        { provide: APP_FILTER, useExisting: EmulatorExceptionFilter },
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { JwtAuthGuard } from './api/jwt-auth.guard';
import { EmulatorClockService } from './simulation/emulator-clock.service';
import { EMULATOR_ADDRESSES, EMULATOR_OPTIONS } from './emulator.constants';
import type { EmulatorAddresses } from './options/emulator-addresses.interface';
import { EmulatorLoggerService } from './options/emulator-logger.service';
import { FaultInjectionGuard } from './state/fault-injection.guard';
import { FaultsService } from './state/faults.service';
import { DownloadsController } from './api/downloads.controller';
import { FilesService } from './state/files.service';
import { EmulatorExceptionFilter } from './api/emulator-exception.filter';
import { HostedFlowController } from './hosted-flow/hosted-flow.controller';
import { HostedFlowService } from './hosted-flow/hosted-flow.service';
import { TaskUploadInterceptor } from './hosted-flow/task-upload.interceptor';
import { FORM_FIELD_BYTES, UploadAdmissionService } from './hosted-flow/upload-admission.service';
import { MediaService } from './media/media.service';
import { PhotoDownscalerService } from './media/photo-downscaler.service';
import { RenderingWarmUpService } from './media/rendering-warm-up.service';
import { RequestActivityService } from './state/request-activity.service';
import type { ResolvedEmulatorOptions } from './options/resolved-emulator-options.interface';
import { RandomService } from './simulation/random.service';
import { RouteSurfaceGuard } from './api/route-surface.guard';
import { TransactionsController } from './api/transactions.controller';
import { TransactionLifecycleService } from './state/transaction-lifecycle.service';
import { TransactionStore } from './state/transaction.store';
import { EmulatorUrlsService } from './options/emulator-urls.service';
import { WebhookDispatcherService } from './state/webhooks/webhook-dispatcher.service';
import { WebhooksController } from './api/webhooks.controller';
import { WebhooksService } from './state/webhooks/webhooks.service';

/**
 * The emulator as a Nest module: the API controllers, the hosted flow, and global guards that keep the two origins
 * apart and inject faults (in that order, before each controller's own JWT guard), plus the docs/id-scan-api.md §B6 error filter.
 * `IdScanEmulator.start()` builds one per emulator; it is not meant to be imported into another application.
 */
@Module({})
export class EmulatorModule {
  /** The module for one emulator instance. */
  static register(
    options: ResolvedEmulatorOptions,
    addresses: EmulatorAddresses,
    logger: EmulatorLoggerService,
  ): DynamicModule {
    return {
      module: EmulatorModule,
      imports: [
        MulterModule.register({
          limits: { fileSize: options.maxUploadBytes, fieldSize: FORM_FIELD_BYTES, files: 2, fields: 20, parts: 30 },
        }),
      ],
      controllers: [TransactionsController, DownloadsController, WebhooksController, HostedFlowController],
      providers: [
        { provide: EMULATOR_OPTIONS, useValue: options },
        { provide: EMULATOR_ADDRESSES, useValue: addresses },
        { provide: EmulatorLoggerService, useValue: logger },
        EmulatorClockService,
        RandomService,
        EmulatorUrlsService,
        FilesService,
        MediaService,
        PhotoDownscalerService,
        RenderingWarmUpService,
        RequestActivityService,
        WebhooksService,
        WebhookDispatcherService,
        TransactionStore,
        TransactionLifecycleService,
        FaultsService,
        HostedFlowService,
        UploadAdmissionService,
        TaskUploadInterceptor,
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

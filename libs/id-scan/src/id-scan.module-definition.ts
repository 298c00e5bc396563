import { ConfigurableModuleBuilder } from '@nestjs/common';
import { IdScanCallbackController } from './controllers';
import type { IdScanModuleOptions } from './interfaces/id-scan-module-options.interface';
import { IdScanEventsController } from './webhooks';

/** Options beside the module options, read by `forRoot` and `forRootAsync` alike. */
export interface IdScanModuleExtras {
  /** Registers the module globally, so feature modules need not import it. @default false */
  isGlobal?: boolean;
  /**
   * Registers `IdScanCallbackController` and `IdScanEventsController`. `false` leaves them out, so the host can
   * register them itself (behind its own guards, under its own prefix). @default true
   */
  routes?: boolean;
}

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: ID_SCAN_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<IdScanModuleOptions>({ moduleName: 'IdScan' })
  .setClassMethodName('forRoot')
  .setExtras<IdScanModuleExtras>({ isGlobal: false, routes: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    controllers: extras.routes === false ? [] : [IdScanCallbackController, IdScanEventsController],
  }))
  .build();

/** What `IdScanModule.forRoot` accepts: the module options plus {@link IdScanModuleExtras}. */
export type IdScanModuleForRootOptions = typeof OPTIONS_TYPE;
/** What `IdScanModule.forRootAsync` accepts: `imports`, `inject`, `useFactory` | `useClass` | `useExisting`, extras. */
export type IdScanModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;

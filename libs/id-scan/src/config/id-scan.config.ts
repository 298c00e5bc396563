import { registerAs } from '@nestjs/config';
import type { IdScanModuleOptions } from '../interfaces/id-scan-module-options.interface';

/**
 * The `idScan` configuration namespace, read from the environment: `ID_SCAN_KEY_ID`, `ID_SCAN_SECRET` and, optionally,
 * `ID_SCAN_BASE_URL`. Load it with `ConfigModule.forRoot({ load: [idScanConfig] })`, then
 * `IdScanModule.forRootAsync(idScanConfig.asProvider())`. A missing variable is reported at start-up by the module.
 */
export const idScanConfig = registerAs('idScan', (): IdScanModuleOptions => ({
  keyId: process.env.ID_SCAN_KEY_ID ?? '',
  secret: process.env.ID_SCAN_SECRET ?? '',
  baseUrl: process.env.ID_SCAN_BASE_URL || undefined,
}));

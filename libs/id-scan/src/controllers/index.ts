export { IdScanCallbackController } from './id-scan-callback.controller';
export type { IdScanCompleteResponse } from './id-scan-complete-response.interface';
export { IdScanExceptionFilter } from './id-scan-exception.filter';

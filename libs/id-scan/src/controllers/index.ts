export { IdScanCallbackController } from './id-scan-callback.controller';
export { IdScanEventsController } from './id-scan-events.controller';

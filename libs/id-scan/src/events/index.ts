export { DeliveryFailedEvent, type IdScanDeliveryError } from './delivery-failed.event';
export { IdScanEvents, type IdScanEventName } from './id-scan-events';
export type { IdScanEventMap } from './id-scan-event-map.interface';
export { TaskUpdatedEvent } from './task-updated.event';
export { TransactionCompletedEvent, type IdScanCompletionSource } from './transaction-completed.event';
export { TransactionCreatedEvent } from './transaction-created.event';
export { TransactionExpiredEvent } from './transaction-expired.event';

import type { DeliveryFailedEvent } from './delivery-failed.event';
import { IdScanEvents } from './id-scan-events';
import type { TaskUpdatedEvent } from './task-updated.event';
import type { TransactionCompletedEvent } from './transaction-completed.event';
import type { TransactionCreatedEvent } from './transaction-created.event';
import type { TransactionExpiredEvent } from './transaction-expired.event';

/** Event name → payload class, for typed listeners and emitters. */
export interface IdScanEventMap {
  [IdScanEvents.TransactionCreated]: TransactionCreatedEvent;
  [IdScanEvents.TransactionCompleted]: TransactionCompletedEvent;
  [IdScanEvents.TransactionExpired]: TransactionExpiredEvent;
  [IdScanEvents.TaskUpdated]: TaskUpdatedEvent;
  [IdScanEvents.DeliveryFailed]: DeliveryFailedEvent;
}

import type { TASK_TYPES } from '../emulator.constants';

/** Event types a webhook can subscribe to. */
export type EmulatorEventType = 'transaction.state.updated' | 'task.state.updated';

/** Transaction states (docs/id-scan-api.md §B4). */
export type EmulatedTransactionState = 'pending' | 'completed' | 'expired';

/** Task states (docs/id-scan-api.md §B4). */
export type EmulatedTaskState = 'pending' | 'completed' | 'failed';

/** Task types and, in this order, their only valid combinations' members. */
export type EmulatedTaskType = (typeof TASK_TYPES)[number];

/** The body of an event delivery (docs/id-scan-api.md §B5). */
export interface EmulatorEvent {
  id: string;
  type: EmulatorEventType;
  created: string;
  transaction: { id: string; state: EmulatedTransactionState; resultId: string | null };
  /** Present on `task.state.updated` only. */
  task?: { type: EmulatedTaskType; state: EmulatedTaskState };
}

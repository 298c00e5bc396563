import type { EmulatorEvent } from '../interfaces';

/** An event before it gets its id and timestamp: what a state change announces. */
export type TransactionEventDraft = Omit<EmulatorEvent, 'id' | 'created'>;

/** Receives the events of one state change, in the order they happened (for example a task, then its transaction). */
export interface TransactionEventSink {
  publish(events: TransactionEventDraft[]): void;
}

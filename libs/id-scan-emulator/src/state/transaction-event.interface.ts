import type { EmulatorEvent } from '../interfaces';

/** An event before it gets its id and timestamp: what a state change announces. */
export type TransactionEventDraft = Omit<EmulatorEvent, 'id' | 'created'>;

import type { EmulatorScenario } from '../simulation/emulator-scenario';
import type { EmulatedTaskState, EmulatedTaskType, EmulatedTransactionState } from './emulator-event.interface';

/** What `IdScanEmulator.transactions()` reports about a transaction (a snapshot; changing it changes nothing). */
export interface EmulatedTransactionSnapshot {
  id: string;
  state: EmulatedTransactionState;
  tasks: { type: EmulatedTaskType; state: EmulatedTaskState }[];
  /** The hosted flow URL of the create response. */
  url: string;
  locale: string;
  mobileOnly: boolean;
  returnUrl: string | null;
  scanReturnUrl: string | null;
  created: string;
  expires: string;
  completed: string | null;
  /** Set once the transaction completed. */
  resultId: string | null;
  /** Scenarios applied so far, in order (from the hosted flow or `completeTransaction`). */
  scenarios: EmulatorScenario[];
}

/** What `IdScanEmulator.completeTransaction()` returns. */
export interface EmulatorCompletion {
  transactionId: string;
  resultId: string;
  /** Where the hosted flow would have sent the person: `returnUrl` with `trxid`/`resultid`, or `null`. */
  returnUrl: string | null;
}

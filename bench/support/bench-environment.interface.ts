import type { EmulatorWorkerInfo } from '../processes/emulator.process';
import type { BenchWorker } from './bench-worker.util';

/** What every measurement shares: the emulator in its own process and one completed transaction. */
export interface BenchEnvironment {
  emulator: BenchWorker<EmulatorWorkerInfo>;
  /** The baselines' bearer token, signed once by hand. */
  token: string;
  /** A completed transaction with all three tasks, whose result the per-call measurements fetch. */
  transactionId: string;
  resultId: string;
  /** `GET .../transactions/{transactionId}/results/{resultId}` on the emulator. */
  resultUrl: string;
  /** How many field entries that result carries, and its size in bytes, for the table's labels. */
  resultFields: number;
  resultBytes: number;
}

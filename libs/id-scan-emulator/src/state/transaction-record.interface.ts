import type { ScannedIdentity } from '../simulation/identities/scanned-identity.interface';
import type { DocumentReading } from '../simulation/document-fields.util';
import type {
  ApiDocumentScanSettings,
  ApiTransactionResult,
  EmulatedTaskState,
  EmulatedTaskType,
  EmulatedTransactionState,
} from '../interfaces';
import type { PageLocale } from '../hosted-flow/pages/pages.interface';
import type { EmulatorScenario } from '../simulation/emulator-scenario';

/** Which picture a download token stands for. Raw attempt images render like the recognised document sides. */
export type EmulatedFileKind = 'document_front' | 'document_back' | 'portrait' | 'selfie';

/** A file of an attempt or a result, before its token is turned into a URL. */
export interface FileEntry {
  category: 'document' | 'image';
  type: string;
  name?: string;
  score?: number;
  token: string;
}

/** One document-scan attempt. */
export interface AttemptRecord {
  createdAt: number;
  code: string;
  score: number;
  source: 'camera' | 'file';
  linked: boolean;
  files: FileEntry[];
}

/** A task's progress. */
export interface TaskRecord {
  type: EmulatedTaskType;
  state: EmulatedTaskState;
  attempts: number;
  /** 0..1 once the task ran; `null` while it has not (also after the person gave up before finishing it). */
  score: number | null;
  /** Files the finished task produced (document sides and portrait, or the selfie). */
  files: FileEntry[];
}

/** Everything the emulator holds about one transaction. */
export interface TransactionRecord {
  id: string;
  /** The key id (`kid`) of the credential that created it: the only one that may read it, its files and reports. */
  keyId: string;
  /** The token in the hosted flow URL. */
  pageToken: string;
  locale: PageLocale;
  mobileOnly: boolean;
  returnUrl: string | null;
  scanReturnUrl: string | null;
  /** `settings` exactly as the request sent it (echoed in the create answer). */
  settingsEcho: { documentScan?: ApiDocumentScanSettings } | undefined;
  /** `settings.documentScan`, or `{}`. */
  documentScan: ApiDocumentScanSettings;
  tasks: TaskRecord[];
  state: EmulatedTransactionState;
  createdAt: number;
  expiresAt: number;
  completedAt: number | null;
  resultId: string | null;
  scenarios: EmulatorScenario[];
  identity: ScannedIdentity | null;
  /** The document as read at the scan (all fields, before `extractFields`). */
  reading: DocumentReading | null;
  /** Outcome codes and files of the document-scan attempts. */
  attempts: AttemptRecord[];
  /** Pictures the person uploaded, by what they show. */
  photos: { front?: Buffer; back?: Buffer; selfie?: Buffer };
  /** Whether the liveness check passed (the selfie is drawn accordingly). */
  live: boolean;
  /** Whether the person arrived through the QR hand-off (then `scanReturnUrl` ends the flow). */
  handoff: boolean;
  /** Built once, when the transaction completes. */
  result: ApiTransactionResult | null;
}

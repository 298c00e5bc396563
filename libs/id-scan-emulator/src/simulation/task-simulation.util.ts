import type { EmulatedTaskType } from '../interfaces';
import type {
  AttemptRecord,
  EmulatedFileKind,
  FileEntry,
  TaskRecord,
  TransactionRecord,
} from '../state/transaction-record.interface';
import { readDocument } from './document-fields.util';
import type { EmulatorScenario } from './emulator-scenario';
import { createIdentity } from './identities/identity-factory.util';
import type { RandomSource } from './random-source.interface';
import { formatDate } from './time.util';

/** What the person (or a test) decided for one task. */
export type TaskOutcome =
  | { task: 'document_scan'; scenario: DocumentScenario; photo?: Buffer; photoBack?: Buffer }
  | { task: 'face_liveness'; live: boolean; photo?: Buffer }
  | { task: 'face_match'; match: boolean };

/** Scenarios that decide the document step. */
export type DocumentScenario = Extract<
  EmulatorScenario,
  'genuine_passport' | 'genuine_id_card' | 'expired_document' | 'invalid_document_number' | 'under_minimum_age'
>;

/** What a simulated task needs from its surroundings. */
export interface TaskSimulationContext {
  /** The transaction's own random stream, so a seed replays the same scores and identities. */
  random: RandomSource;
  /** The emulator's current time, in ms. */
  now: number;
  /** Issues a download token for one picture of the transaction. */
  registerFile(kind: EmulatedFileKind): string;
}

/**
 * Runs one task of `record` with the person's decision: sets the task's state, score, attempts and files, and
 * what the record keeps for results and renderings (identity, document reading, photos, scenarios).
 */
export function simulateTask(
  record: TransactionRecord,
  task: TaskRecord,
  outcome: TaskOutcome,
  context: TaskSimulationContext,
): void {
  const { random } = context;
  switch (outcome.task) {
    case 'document_scan':
      simulateDocumentScan(record, task, outcome, context);
      break;
    case 'face_liveness':
      if (outcome.photo) record.photos.selfie = outcome.photo;
      record.live = outcome.live;
      if (!outcome.live) record.scenarios.push('liveness_fails');
      task.attempts = 1;
      task.score = outcome.live ? random.between(0.86, 0.99, 2) : random.between(0.04, 0.28, 2);
      task.state = outcome.live ? 'completed' : 'failed';
      task.files = [{ category: 'image', type: 'selfie', token: context.registerFile('selfie') }];
      break;
    case 'face_match':
      if (!outcome.match) record.scenarios.push('face_mismatch');
      task.attempts = 1;
      task.score = outcome.match ? random.between(0.81, 0.97, 2) : random.between(0.06, 0.27, 2);
      task.state = outcome.match ? 'completed' : 'failed';
      break;
  }
}

/** The decision a whole-transaction `scenario` means for one task; scenarios about another task leave it genuine. */
export function scenarioOutcome(task: EmulatedTaskType, scenario: Exclude<EmulatorScenario, 'gives_up'>): TaskOutcome {
  switch (task) {
    case 'document_scan':
      return {
        task,
        scenario: scenario === 'liveness_fails' || scenario === 'face_mismatch' ? 'genuine_passport' : scenario,
      };
    case 'face_liveness':
      return { task, live: scenario !== 'liveness_fails' };
    case 'face_match':
      return { task, match: scenario !== 'face_mismatch' };
  }
}

function simulateDocumentScan(
  record: TransactionRecord,
  task: TaskRecord,
  outcome: Extract<TaskOutcome, { task: 'document_scan' }>,
  context: TaskSimulationContext,
): void {
  const { random } = context;
  const scanDate = formatDate(context.now);
  const identity = createIdentity(outcome.scenario, record.documentScan, scanDate, random);
  const reading = readDocument(identity, record.documentScan, scanDate);
  record.identity = identity;
  record.reading = reading;
  record.scenarios.push(outcome.scenario);
  if (outcome.photo) record.photos.front = outcome.photo;
  if (outcome.photoBack) record.photos.back = outcome.photoBack;

  const score =
    outcome.scenario === 'invalid_document_number' ? random.between(0.55, 0.74, 2) : random.between(0.9, 0.99, 2);
  const sources = record.documentScan.captureSources ?? ['camera', 'file'];
  const source = outcome.photo || !sources.includes('camera') ? 'file' : 'camera';
  const finalCode = reading.accepted ? 'document_accepted' : 'document_rejected';
  const now = Math.floor(context.now / 1000) * 1000;
  const raw = (kind: 'document_front' | 'document_back'): FileEntry => ({
    category: 'document',
    type: 'raw_document_image',
    token: context.registerFile(kind),
  });
  const recognised = (kind: 'document_front' | 'document_back', fileScore: number): FileEntry => ({
    category: 'document',
    type: identity.documentType,
    name: kind === 'document_front' ? identity.documentName : `${identity.documentName} Side B`,
    score: fileScore,
    token: context.registerFile(kind),
  });
  const portrait: FileEntry = { category: 'image', type: 'portrait', token: context.registerFile('portrait') };
  const rawFront = raw('document_front');
  const front = recognised('document_front', score);
  const attempts: AttemptRecord[] = [];
  task.files = [front];
  if (identity.documentType === 'ID_CARD') {
    const back = recognised('document_back', Math.min(0.99, random.between(score - 0.04, score + 0.02, 2)));
    task.files.push(back);
    // A card is scanned side by side: the first attempt asks for the back, the second is linked to it.
    attempts.push(
      {
        // The front was read a little before the back, but never before the transaction existed.
        createdAt: Math.max(record.createdAt, now - 20_000),
        code: 'front_side_provided_back_side_required',
        score: random.between(0.88, 0.97, 2),
        source,
        linked: false,
        files: [rawFront, { ...portrait }],
      },
      {
        createdAt: now,
        code: finalCode,
        score,
        source,
        linked: true,
        files: [rawFront, raw('document_back'), front, back],
      },
    );
  } else {
    attempts.push({
      createdAt: now,
      code: finalCode,
      score,
      source,
      linked: false,
      files: [rawFront, front, portrait],
    });
  }
  task.files.push(portrait);
  record.attempts.push(...attempts);
  task.attempts = attempts.length;
  task.score = score;
  task.state = reading.accepted ? 'completed' : 'failed';
}

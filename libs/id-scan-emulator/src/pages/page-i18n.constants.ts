/**
 * Scenario ids shared by the pages and the emulator's server, and every visible text of the hosted pages in the
 * three supported locales.
 */
import type { PageLocale } from './pages.interface';

/** The tasks a hosted page can show. */
export type EmulatorTask = 'document_scan' | 'face_liveness' | 'face_match';

/** Every supported page locale, the first being the default. */
export const PAGE_LOCALES: readonly PageLocale[] = ['en-US', 'nl-NL', 'fr-FR'];

/**
 * What the person can choose per task, in display order:
 * - `document_scan`: `genuine_passport`, `genuine_id_card`, `expired_document`, `invalid_document_number`
 *   (the document number's MRZ check digit is wrong), `under_minimum_age`;
 * - `face_liveness`: `live_person` (passes), `liveness_fails`;
 * - `face_match`: `same_person` (matches), `face_mismatch`;
 * - every task: `gives_up` (the give-up button).
 */
export const SCENARIOS = {
  document_scan: [
    'genuine_passport',
    'genuine_id_card',
    'expired_document',
    'invalid_document_number',
    'under_minimum_age',
    'gives_up',
  ],
  face_liveness: ['live_person', 'liveness_fails', 'gives_up'],
  face_match: ['same_person', 'face_mismatch', 'gives_up'],
} as const satisfies Record<EmulatorTask, readonly string[]>;

/** A scenario of one task. */
export type TaskScenarioId<T extends EmulatorTask> =
  (typeof SCENARIOS)[T][number];

/** Any scenario id. */
export type ScenarioId = TaskScenarioId<EmulatorTask>;

/** The scenario the give-up button posts. */
export const GIVE_UP_SCENARIO = 'gives_up' satisfies ScenarioId;

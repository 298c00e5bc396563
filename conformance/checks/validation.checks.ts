import { expectRefused, expectStatus } from '../runner/observation.util';
import type { ConformanceCheck } from './conformance-check.interface';

const TRANSACTION_DTO = 'CreateTransactionDto (libs/id-scan-emulator/src/dto/create-transaction.dto.ts)';
const SETTINGS_DTO = 'DocumentScanSettingsDto (libs/id-scan-emulator/src/dto/document-scan-settings.dto.ts)';

/** The smallest valid request; each rule breaks exactly one thing in it. */
const VALID = { tasks: ['document_scan'] };

/** One B3 rule: `body` breaks it, and the API must answer 400. */
function rule(name: string, title: string, emulator: string, body: Record<string, unknown>): ConformanceCheck {
  return {
    id: `validation.${name}`,
    title,
    group: 'validation',
    cost: 'free',
    basis: 'assumption',
    section: 'B3',
    emulator,
    run: async (context) => expectStatus(await context.createExpectingRefusal({ body }), 400),
  };
}

/** A documentScan setting breaking its B3 rule. */
function setting(name: string, title: string, rule_: string, value: Record<string, unknown>): ConformanceCheck {
  return rule(name, title, `${SETTINGS_DTO}: ${rule_}`, { ...VALID, settings: { documentScan: value } });
}

/**
 * Validation answers of `POST /transactions`, one check per rule (`docs/id-scan-api.md §A3`, `§B3`). Each body is
 * invalid, so the checks create nothing on an API that agrees; see `ConformanceContext.createExpectingRefusal`.
 */
export const validationChecks: ConformanceCheck[] = [
  {
    id: 'validation.task-combination',
    title: 'A task list outside the three documented combinations is refused',
    group: 'validation',
    cost: 'free',
    basis: 'documented',
    section: 'A3',
    emulator: `${TRANSACTION_DTO}: IsTaskCombination`,
    run: async (context) => expectRefused(await context.createExpectingRefusal({ body: { tasks: ['face_match'] } })),
  },
  rule('tasks-missing', 'A request without tasks is refused', `${TRANSACTION_DTO}: tasks required`, {
    locale: 'en-US',
  }),
  rule('tasks-order', 'Tasks out of the documented order are refused', `${TRANSACTION_DTO}: IsTaskCombination, order`, {
    tasks: ['face_liveness', 'document_scan'],
  }),
  rule('tasks-duplicate', 'Duplicate tasks are refused', `${TRANSACTION_DTO}: IsTaskCombination, no duplicates`, {
    tasks: ['document_scan', 'document_scan'],
  }),
  rule(
    'locale',
    'A locale other than en-US, nl-NL, fr-FR is refused',
    `${TRANSACTION_DTO}: locale in SUPPORTED_LOCALES`,
    {
      ...VALID,
      locale: 'de-DE',
    },
  ),
  rule('mobile-only', 'A mobileOnly that is not a boolean is refused', `${TRANSACTION_DTO}: mobileOnly boolean`, {
    ...VALID,
    mobileOnly: 'yes',
  }),
  rule('expires-in-low', 'An expiresIn below 3600 s is refused', `${TRANSACTION_DTO}: expiresIn 3600..86400`, {
    ...VALID,
    expiresIn: 600,
  }),
  rule('expires-in-high', 'An expiresIn above 86400 s is refused', `${TRANSACTION_DTO}: expiresIn 3600..86400`, {
    ...VALID,
    expiresIn: 90000,
  }),
  rule('expires-in-integer', 'A fractional expiresIn is refused', `${TRANSACTION_DTO}: expiresIn integer`, {
    ...VALID,
    expiresIn: 3600.5,
  }),
  rule('return-url-http', 'An http: returnUrl on a public host is refused', `${TRANSACTION_DTO}: IsAllowedUrl`, {
    ...VALID,
    returnUrl: 'http://example.com/id-scan/return',
  }),
  rule('return-url-length', 'A returnUrl over 2048 characters is refused', `${TRANSACTION_DTO}: MaxLength(2048)`, {
    ...VALID,
    returnUrl: `https://example.com/${'a'.repeat(2048)}`,
  }),
  rule('scan-return-url-relative', 'A relative scanReturnUrl is refused', `${TRANSACTION_DTO}: IsAllowedUrl`, {
    ...VALID,
    scanReturnUrl: '/id-scan/scan-return',
  }),
  rule('unknown-key', 'An unknown request key is refused', `${TRANSACTION_DTO}: forbidNonWhitelisted`, {
    ...VALID,
    colour: 'blue',
  }),
  setting('allowed-expiration', 'An allowedExpiration beyond 3650 days is refused', 'allowedExpiration -3650..3650', {
    allowedExpiration: 3651,
  }),
  setting('redact-fields-case', 'A redactFields name that is not snake_case is refused', 'IsSnakeCaseName', {
    redactFields: ['Personal-Number'],
  }),
  setting('redact-fields-count', 'More than 20 redactFields are refused', 'ArrayMaxSize(20)', {
    redactFields: Array.from({ length: 21 }, (_, index) => `field_${index}`),
  }),
  setting('capture-sources-empty', 'An empty captureSources is refused', 'ArrayNotEmpty', { captureSources: [] }),
  setting('capture-sources-value', 'A captureSources value other than camera/file is refused', 'IsIn(camera, file)', {
    captureSources: ['scanner'],
  }),
  setting('level', 'A level that is not a snake_case word is refused', 'IsSnakeCaseName', { level: 'Advanced Plus' }),
  setting('minimum-age-range', 'A minimumAge above 150 is refused', 'minimumAge 0..150', { minimumAge: 151 }),
  setting('age-order', 'A minimumAge above maximumAge is refused', 'IsAgeRange', { minimumAge: 30, maximumAge: 20 }),
  setting('validate-fields-unique', 'Duplicate validateFields are refused', 'ArrayUnique', {
    validateFields: ['personal_number', 'personal_number'],
  }),
  setting('extract-fields-case', 'An extractFields name that is not snake_case is refused', 'IsSnakeCaseName', {
    extractFields: ['documentNumber'],
  }),
];

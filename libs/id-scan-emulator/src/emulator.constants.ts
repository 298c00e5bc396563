/** Injection token of the {@link ResolvedEmulatorOptions}. */
export const EMULATOR_OPTIONS = Symbol('EMULATOR_OPTIONS');

/** Injection token of the instance's {@link EmulatorAddresses}. */
export const EMULATOR_ADDRESSES = Symbol('EMULATOR_ADDRESSES');

/** Path prefix of the API, as on api.cm.com. */
export const API_PREFIX = 'id-scan/v1';

/** Metadata key of the route name faults are keyed by. */
export const ROUTE_NAME_METADATA = 'id-scan-emulator:route-name';

/** Metadata key saying whether a route belongs to the API or to the hosted pages. */
export const ROUTE_SURFACE_METADATA = 'id-scan-emulator:route-surface';

/**
 * Locales of the hosted flow (docs/id-scan-api.md §B3 `locale`), the first being the default; page URLs carry them
 * lower-cased.
 */
export const SUPPORTED_LOCALES = ['en-US', 'nl-NL', 'fr-FR'] as const;

/** Task types, in the one order every valid task list follows (each valid list is a prefix of this one). */
export const TASK_TYPES = ['document_scan', 'face_liveness', 'face_match'] as const;

/** Names of the API routes, for fault rules (docs/id-scan-api.md §B1). */
export const API_ROUTE_NAMES = [
  'createTransaction',
  'getTransaction',
  'getResult',
  'getReport',
  'download',
  'createWebhook',
  'listWebhooks',
  'deleteWebhook',
] as const;

/** Names of the hosted end-user flow routes, for fault rules. */
export const PAGE_ROUTE_NAMES = ['hostedPage', 'hostedStatus', 'hostedTask', 'hostedGiveUp'] as const;

/** Every route name a fault rule may be keyed by, besides `*`. */
export const EMULATOR_ROUTE_NAMES = [...API_ROUTE_NAMES, ...PAGE_ROUTE_NAMES] as const;

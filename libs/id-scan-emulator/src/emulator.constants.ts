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

/** Locales of the hosted flow, as they appear lower-cased in page URLs. */
export const SUPPORTED_LOCALES = ['en-US', 'nl-NL', 'fr-FR'] as const;

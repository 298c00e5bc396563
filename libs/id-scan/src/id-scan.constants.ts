/**
 * Internal injection tokens. Not exported from the package: hosts configure the module through `forRoot` /
 * `forRootAsync`, and everything inside the package injects the resolved options through {@link ID_SCAN_OPTIONS}.
 */

/** The validated, frozen `ResolvedIdScanOptions`. */
export const ID_SCAN_OPTIONS = Symbol('ID_SCAN_OPTIONS');

/** The `IdScanClock` used for token lifetimes and retry delays (replaced in tests). */
export const ID_SCAN_CLOCK = Symbol('ID_SCAN_CLOCK');

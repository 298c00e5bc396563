import type { API_ROUTE_NAMES, PAGE_ROUTE_NAMES } from '../emulator.constants';

/**
 * Names of the routes faults can target. The API routes are those of docs/id-scan-api.md §B1; `*` in {@link EmulatorFaults} covers
 * all of them (and none of the hosted pages, which are targeted only by their own names).
 */
export type EmulatorApiRouteName = (typeof API_ROUTE_NAMES)[number];

/** Hosted end-user flow routes. */
export type EmulatorPageRouteName = (typeof PAGE_ROUTE_NAMES)[number];

/** Any route name faults can be keyed by. */
export type EmulatorRouteName = EmulatorApiRouteName | EmulatorPageRouteName;

/**
 * What can go wrong on one route. The probabilities are chances per request (0..1) whose sum may not exceed 1;
 * one seeded draw per request picks at most one of them. Latency is added before anything else, also to requests
 * that then succeed.
 */
export interface EmulatorFaultRule {
  /** Chance of `429 rate_limited` with a `Retry-After` header. @default 0 */
  rateLimit?: number;
  /** `Retry-After` in whole seconds on those 429 answers. @default 1 */
  retryAfterSeconds?: number;
  /** Chance of `500 internal_error`. @default 0 */
  serverError?: number;
  /** Chance of `503 unavailable`. @default 0 */
  unavailable?: number;
  /** Chance that the socket is destroyed without an answer (the client sees a reset). @default 0 */
  dropConnection?: number;
  /** Chance that the request is never answered, until the client gives up or the emulator stops. @default 0 */
  stall?: number;
  /**
   * Chance that the request is handled in full (a POST creates what it creates) and the socket is then destroyed
   * instead of the answer being sent: the client sees a reset and cannot tell whether its call took effect, the case a
   * client must not retry blindly. @default 0
   */
  dropAfterProcessing?: number;
  /** Delay before the request is handled: a fixed number of ms or a uniform `[min, max]` range. @default 0 */
  latencyMs?: number | [number, number];
  /**
   * Apply the rule to this many requests of the route only, then act as if it were absent (for "the first two calls
   * fail" tests). Counting starts when the rule is set. @default unlimited
   */
  times?: number;
}

/**
 * Fault rules by route. A route's own rule replaces the `*` rule for that route; `*` covers every API route.
 * Faults are deterministic: the n-th request of a route makes the same draw for the same seed.
 */
export type EmulatorFaults = Partial<Record<EmulatorRouteName | '*', EmulatorFaultRule>>;

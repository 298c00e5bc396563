import { Inject, Injectable } from '@nestjs/common';
import { EMULATOR_OPTIONS } from '../emulator.constants';
import { EmulatorConfigurationError } from '../errors';
import type { EmulatorFaultRule, EmulatorFaults, EmulatorRouteName } from '../interfaces';
import { EMULATOR_ROUTE_NAMES } from '../emulator.constants';
import { FAULT_KINDS, faultProblems } from '../options/emulator-options.util';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';
import { RandomService } from '../simulation/random.service';

/** One of the {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** What happens to one request. */
export interface FaultDecision {
  latencyMs: number;
  fault: FaultKind | null;
  retryAfterSeconds: number;
}

const NONE: FaultDecision = { latencyMs: 0, fault: null, retryAfterSeconds: 0 };

/**
 * Holds the fault rules and decides, per request, whether and how it fails. Each route has its own seeded stream and
 * each request draws exactly twice from it (latency, fault), so the n-th request of a route always meets the same
 * fate for the same seed, whatever happens on other routes.
 */
@Injectable()
export class FaultsService {
  private rules: EmulatorFaults;
  private readonly applied = new Map<string, number>();

  constructor(
    @Inject(EMULATOR_OPTIONS) options: ResolvedEmulatorOptions,
    private readonly random: RandomService,
  ) {
    this.rules = { ...options.faults };
  }

  /**
   * Replaces every rule (`{}` or `undefined` clears them); counts and draws start afresh.
   * @throws EmulatorConfigurationError listing every problem of the rules.
   */
  set(faults: EmulatorFaults | undefined): void {
    const next = faults ?? {};
    const problems = faultProblems(next);
    if (problems.length > 0) throw new EmulatorConfigurationError(problems);
    this.rules = { ...next };
    this.applied.clear();
    for (const route of EMULATOR_ROUTE_NAMES) this.random.release(streamLabel(route));
  }

  /** The rules in force. */
  current(): EmulatorFaults {
    return structuredClone(this.rules);
  }

  /** Decides the fate of the next request of `route`. */
  decide(route: EmulatorRouteName, isApiRoute: boolean): FaultDecision {
    const key = this.rules[route] !== undefined ? route : isApiRoute ? '*' : undefined;
    const rule: EmulatorFaultRule | undefined = key === undefined ? undefined : this.rules[key];
    if (!rule) return NONE;
    const count = this.applied.get(route) ?? 0;
    if (rule.times !== undefined && count >= rule.times) return NONE;
    this.applied.set(route, count + 1);

    const stream = this.random.stream(streamLabel(route));
    const latencyDraw = stream.next();
    const faultDraw = stream.next();
    const [min, max] = Array.isArray(rule.latencyMs) ? rule.latencyMs : [rule.latencyMs ?? 0, rule.latencyMs ?? 0];
    let threshold = 0;
    let fault: FaultKind | null = null;
    for (const kind of FAULT_KINDS) {
      threshold += rule[kind] ?? 0;
      if (faultDraw < threshold) {
        fault = kind;
        break;
      }
    }
    return {
      latencyMs: Math.round(min + latencyDraw * (max - min)),
      fault,
      retryAfterSeconds: rule.retryAfterSeconds ?? 1,
    };
  }
}

function streamLabel(route: EmulatorRouteName): string {
  return `faults:${route}`;
}

import { IdScanError, type IdScanErrorOptions } from './id-scan.error';

/**
 * The module options or the host application's set-up are wrong; thrown at start-up, so a misconfigured
 * application never serves traffic. Lists every problem at once and never prints a secret.
 */
export class IdScanConfigurationError extends IdScanError {
  override name = 'IdScanConfigurationError';
  /** Each problem found, one sentence each. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options?: IdScanErrorOptions) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(
      list.length === 1
        ? `IdScanModule is misconfigured: ${list[0]}`
        : `IdScanModule is misconfigured (${list.length} problems):\n${list.map((p) => `  - ${p}`).join('\n')}`,
      options,
    );
    this.problems = Object.freeze(list);
  }
}

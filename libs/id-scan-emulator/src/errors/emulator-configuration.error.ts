/** Thrown by `IdScanEmulator.start()` and `setFaults()` for unusable options; lists every problem at once. */
export class EmulatorConfigurationError extends Error {
  override readonly name = 'EmulatorConfigurationError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid emulator options: ${problems.join('; ')}`);
  }
}

// The public API of nestjs-id-scan-emulator. Everything else in this folder is internal.
export { IdScanEmulator } from './id-scan-emulator';
export { EmulatorApiError, EmulatorConfigurationError } from './errors';
export type { EmulatorErrorBody, EmulatorErrorDetail } from './errors';
export { EmulatorScenarios, isEmulatorScenario } from './simulation/emulator-scenario';
export type { EmulatorScenario } from './simulation/emulator-scenario';
export type * from './interfaces';
export type { DeliveryBehaviour } from './state/webhooks/webhook-dispatcher.service';

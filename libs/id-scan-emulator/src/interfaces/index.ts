export * from './emulated-transaction.interface';
export * from './emulator-event.interface';
export * from './emulator-faults.interface';
export * from './emulator-webhook-delivery.interface';
export * from './id-scan-emulator-credentials.interface';
export * from './id-scan-emulator-options.interface';
export * from './id-scan-api-shapes.interface';

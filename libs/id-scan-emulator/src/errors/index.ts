export * from './emulator-api.error';
export * from './emulator-configuration.error';
export * from './request-aborted.error';

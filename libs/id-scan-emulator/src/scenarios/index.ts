export * from './emulator-scenario';

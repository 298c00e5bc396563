export * from './emulator-validation.pipe';

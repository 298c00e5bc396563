export * from './emulator-validation.pipe';
export * from './json-depth.util';

export * from './emulator-options.util';
export * from './resolved-emulator-options.interface';

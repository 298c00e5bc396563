export * from './emulator-exception.filter';

export * from './emulator-clock.service';
export * from './time.util';

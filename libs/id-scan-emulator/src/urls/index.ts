export * from './emulator-urls.service';

export * from './emulator-route.decorator';
export * from './route-surface.guard';
export * from './no-sniff.middleware';

export * from './emulator-route.decorator';
export * from './route-surface.guard';

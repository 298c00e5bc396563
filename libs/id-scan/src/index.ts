// The public contract of nestjs-id-scan (DESIGN.md). Everything else in this folder is internal.
export * from './events';
export type * from './interfaces';
export * from './stores';

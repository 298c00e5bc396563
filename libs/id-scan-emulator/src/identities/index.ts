export * from './emulated-identity.interface';

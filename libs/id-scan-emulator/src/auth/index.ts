export * from './jwt-auth.guard';

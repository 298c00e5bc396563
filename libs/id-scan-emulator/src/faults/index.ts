export * from './fault-injection.guard';
export * from './faults.service';

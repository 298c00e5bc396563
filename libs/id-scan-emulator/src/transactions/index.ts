export * from './transaction-event.interface';
export * from './transaction-record.interface';
export * from './transactions.controller';
export * from './transactions.service';

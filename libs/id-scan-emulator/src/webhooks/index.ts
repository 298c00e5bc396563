export * from './webhook-dispatcher.service';
export * from './webhooks.controller';
export * from './webhooks.service';

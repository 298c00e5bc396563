export * from './media.service';

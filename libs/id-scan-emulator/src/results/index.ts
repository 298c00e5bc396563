export * from './document-fields.util';

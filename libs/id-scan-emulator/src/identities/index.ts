export * from './scanned-identity.interface';
export * from './identity-factory.util';
export * from './identity-template.interface';
export * from './identity-templates.util';
export * from './mrz.util';

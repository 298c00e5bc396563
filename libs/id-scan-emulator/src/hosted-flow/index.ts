export * from './hosted-flow.controller';
export * from './hosted-flow.service';
export * from './photo-upload.util';

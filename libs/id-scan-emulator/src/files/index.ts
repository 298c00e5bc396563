export * from './downloads.controller';
export * from './files.service';

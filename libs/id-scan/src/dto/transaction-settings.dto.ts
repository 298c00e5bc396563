// @Type reads design-time type metadata; a DTO may be loaded before anything else brings the polyfill.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { DocumentScanSettingsDto } from './document-scan-settings.dto';

/** `settings` of a new transaction. */
export class TransactionSettingsDto {
  /** Settings of the `document_scan` task. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DocumentScanSettingsDto)
  documentScan?: DocumentScanSettingsDto;
}

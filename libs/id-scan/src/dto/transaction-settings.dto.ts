// @Type reads design-time type metadata; a DTO may be loaded before anything else brings the polyfill.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { DocumentScanSettingsDto } from './document-scan-settings.dto';
import { IsOmittable } from './validators/is-omittable.validator';

/** `settings` of a new transaction. */
export class TransactionSettingsDto {
  /** Settings of the `document_scan` task. */
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => DocumentScanSettingsDto)
  documentScan?: DocumentScanSettingsDto;
}

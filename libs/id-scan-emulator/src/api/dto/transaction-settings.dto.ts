import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { IsOmittable } from '../validators';
import { DocumentScanSettingsDto } from './document-scan-settings.dto';

/** `settings` of a create-transaction request. */
export class TransactionSettingsDto {
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => DocumentScanSettingsDto)
  documentScan?: DocumentScanSettingsDto;
}

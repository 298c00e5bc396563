import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SUPPORTED_LOCALES } from '../../emulator.constants';
import type { EmulatedTaskType } from '../../interfaces';
import { IsAllowedUrl, IsOmittable, IsTaskCombination } from '../validators';
import { TransactionSettingsDto } from './transaction-settings.dto';

/** Body of `POST /transactions` (docs/id-scan-api.md §B3). Unknown keys are refused. */
export class CreateTransactionDto {
  @IsTaskCombination()
  tasks!: EmulatedTaskType[];

  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => TransactionSettingsDto)
  settings?: TransactionSettingsDto;

  /** @default 'en-US' */
  @IsOmittable()
  @IsIn(SUPPORTED_LOCALES)
  locale?: (typeof SUPPORTED_LOCALES)[number];

  /** @default false */
  @IsOmittable()
  @IsBoolean()
  mobileOnly?: boolean;

  /** Seconds, 3600..86400. @default 3600 */
  @IsOmittable()
  @IsInt()
  @Min(3600)
  @Max(86400)
  expiresIn?: number;

  @IsOmittable()
  @IsString()
  @MaxLength(2048)
  @IsAllowedUrl()
  returnUrl?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(2048)
  @IsAllowedUrl()
  scanReturnUrl?: string;
}

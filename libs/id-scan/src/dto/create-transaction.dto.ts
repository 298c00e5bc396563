// @Type reads design-time type metadata; a DTO may be loaded before anything else brings the polyfill.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { TransactionSettingsDto } from './transaction-settings.dto';
import { IsHttpsUrl } from './validators/is-https-url.validator';
import { IsOmittable } from './validators/is-omittable.validator';
import { IsTaskCombination, type IdScanTaskCombination } from './validators/is-task-combination.validator';

/** Languages of the hosted flow (docs/id-scan-api.md §B3). */
export const ID_SCAN_LOCALES = ['en-US', 'nl-NL', 'fr-FR'] as const;

/** One of {@link ID_SCAN_LOCALES}. */
export type IdScanLocale = (typeof ID_SCAN_LOCALES)[number];

/**
 * The body of `POST /transactions` (docs/id-scan-api.md §A3, §B3). `IdScanService.createTransaction` accepts an
 * instance or a plain object of this shape and validates it before sending anything; unknown keys are refused.
 */
export class CreateTransactionDto {
  /**
   * What the person must do: `['document_scan']`, `['document_scan', 'face_liveness']` or
   * `['document_scan', 'face_liveness', 'face_match']`, exactly, in that order.
   */
  @IsTaskCombination()
  tasks!: IdScanTaskCombination | string[];

  /** Settings of the tasks. */
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => TransactionSettingsDto)
  settings?: TransactionSettingsDto;

  /** Language of the hosted flow. @default 'en-US' */
  @IsOmittable()
  @IsIn(ID_SCAN_LOCALES)
  locale?: IdScanLocale;

  /** Sends a person on a desktop to their phone (QR code). @default false */
  @IsOmittable()
  @IsBoolean()
  mobileOnly?: boolean;

  /** How long the transaction stays open, in seconds: an integer from 3600 to 86400. @default 3600 */
  @IsOmittable()
  @IsInt()
  @Min(3600)
  @Max(86400)
  expiresIn?: number;

  /**
   * Where the person is sent after finishing, with `trxid` and `resultid` appended: typically this package's
   * `GET /id-scan/return` route. Absolute https URL (http only for localhost / 127.0.0.1), at most 2048 characters.
   */
  @IsOmittable()
  @IsHttpsUrl()
  returnUrl?: string;

  /**
   * Where a person who finished on their phone (after scanning the QR code) is sent, with the same parameters:
   * typically `GET /id-scan/scan-return`. Same rules as `returnUrl`.
   */
  @IsOmittable()
  @IsHttpsUrl()
  scanReturnUrl?: string;
}

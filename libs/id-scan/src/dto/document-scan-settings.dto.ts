import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { IsNotAbove } from './validators/is-not-above.validator';
import { IsOmittable } from './validators/is-omittable.validator';
import { IsSnakeCase } from './validators/is-snake-case.validator';

/** Where the person may take the document images from. */
export type IdScanCaptureSource = 'camera' | 'file';

/** `settings.documentScan` of a new transaction (docs/id-scan-api.md §A3, §B3). Every property is optional. */
export class DocumentScanSettingsDto {
  /**
   * Days of tolerance on the document's expiry: `30` accepts a document expired up to 30 days ago, `-90` requires it
   * to stay valid for at least 90 more days. Integer from -3650 to 3650. @default 0 (the API's default: not expired)
   */
  @IsOmittable()
  @IsInt()
  @Min(-3650)
  @Max(3650)
  allowedExpiration?: number;

  /** Fields masked on the downloaded document image, such as `personal_number`; unique snake_case, at most 20. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsSnakeCase({ each: true })
  redactFields?: string[];

  /** How the document may be captured: a non-empty, duplicate-free subset of `camera` and `file`. @default both */
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(['camera', 'file'], { each: true })
  captureSources?: IdScanCaptureSource[];

  /** Depth of the document checks, a snake_case word; `advanced` is the only documented value. */
  @IsOmittable()
  @IsSnakeCase()
  level?: string;

  /** Youngest accepted age in years, 0 to 150, not above `maximumAge`. */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(150)
  @IsNotAbove('maximumAge')
  minimumAge?: number;

  /** Oldest accepted age in years, 0 to 150. */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(150)
  maximumAge?: number;

  /** Fields the API must validate, such as `personal_number`; unique snake_case names. */
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsSnakeCase({ each: true })
  validateFields?: string[];

  /**
   * Only these fields come back in the result; unique snake_case names. When set, the document image and the
   * portrait are withheld (their `url` is `null`) unless `document_image` / `portrait` are listed too.
   */
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsSnakeCase({ each: true })
  extractFields?: string[];
}

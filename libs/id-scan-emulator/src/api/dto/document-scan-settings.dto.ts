import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { IsAgeRange, IsOmittable, IsSnakeCaseName } from '../validators';

/** `settings.documentScan` of a create-transaction request (docs/id-scan-api.md §B3). */
export class DocumentScanSettingsDto {
  /** Days an expired document is still accepted (positive), or must stay valid (negative). -3650..3650. */
  @IsOmittable()
  @IsInt()
  @Min(-3650)
  @Max(3650)
  allowedExpiration?: number;

  /** Fields masked on the document images: unique snake_case names, at most 20. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsSnakeCaseName({ each: true })
  redactFields?: string[];

  /** How the document may be captured: a non-empty unique subset of `camera`, `file`. */
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(['camera', 'file'], { each: true })
  captureSources?: ('camera' | 'file')[];

  /** Check level, a snake_case word (`advanced` is the documented one). */
  @IsOmittable()
  @IsString()
  @IsSnakeCaseName()
  level?: string;

  /** Youngest accepted age, 0..150, not above `maximumAge`. */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(150)
  @IsAgeRange()
  minimumAge?: number;

  /** Oldest accepted age, 0..150. */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(150)
  maximumAge?: number;

  /** Fields that must be present and valid: unique snake_case names. */
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsSnakeCaseName({ each: true })
  validateFields?: string[];

  /** Fields the result may contain (plus `document_image`, `portrait` for files): unique snake_case names. */
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsSnakeCaseName({ each: true })
  extractFields?: string[];
}

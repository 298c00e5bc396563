import { Type } from 'class-transformer';
import {
  IsDefined,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** A state or type name as the API writes them: a short snake_case or dotted word. */
const NAME = /^[a-z][a-z0-9_.]*$/;

/** The `transaction` object of a delivery. */
export class IdScanEventTransactionDto {
  @IsUUID('all')
  id!: string;

  @IsString()
  @Length(1, 64)
  @Matches(NAME)
  state!: string;

  /** Present when the transaction completed; `null` or absent otherwise. */
  @IsOptional()
  @IsUUID('all')
  resultId?: string | null;
}

/** The `task` object of a `task.state.updated` delivery. */
export class IdScanEventTaskDto {
  @IsString()
  @Length(1, 64)
  @Matches(NAME)
  type!: string;

  @IsString()
  @Length(1, 64)
  @Matches(NAME)
  state!: string;
}

/**
 * The body of an event delivery (docs/id-scan-api.md §B5). Keys the API may add later are dropped rather than refused:
 * a 4xx would make the sender retry a delivery that can never succeed.
 */
export class IdScanEventDeliveryDto {
  /** The delivery id; the same event may arrive several times with it. */
  @IsUUID('all')
  id!: string;

  @IsString()
  @Length(1, 64)
  @Matches(NAME)
  type!: string;

  @IsISO8601()
  created!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IdScanEventTransactionDto)
  transaction!: IdScanEventTransactionDto;

  /** Required for `task.state.updated`. */
  @ValidateIf(
    (delivery: IdScanEventDeliveryDto) => delivery.type === 'task.state.updated' || delivery.task !== undefined,
  )
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IdScanEventTaskDto)
  task?: IdScanEventTaskDto;
}

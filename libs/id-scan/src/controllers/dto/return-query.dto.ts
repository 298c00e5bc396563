import { IsUUID } from 'class-validator';

/**
 * The query of `GET /id-scan/return` and `GET /id-scan/scan-return`, as ID Scan appends it to the return URLs
 * (docs/id-scan-api.md §B5). Other query keys (kept from the configured return URL, or added by analytics link
 * decoration) are dropped, not refused: a person coming back from the flow must never hit a 400 for them.
 */
export class IdScanReturnQueryDto {
  /** The transaction id. */
  @IsUUID('all')
  trxid!: string;

  /** The result id. */
  @IsUUID('all')
  resultid!: string;
}

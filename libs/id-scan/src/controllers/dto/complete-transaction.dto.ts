import { IsUUID } from 'class-validator';

/** The body of `POST /id-scan/transactions/:transactionId/complete`, sent by `client.js`. Nothing else is accepted. */
export class IdScanCompleteTransactionDto {
  /** The result id from the hosted flow's completion message. */
  @IsUUID('all')
  resultId!: string;
}

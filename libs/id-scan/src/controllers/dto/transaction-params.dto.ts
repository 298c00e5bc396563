import { IsUUID } from 'class-validator';

/** The route parameters of `POST /id-scan/transactions/:transactionId/complete`. */
export class IdScanTransactionParamsDto {
  @IsUUID('all')
  transactionId!: string;
}

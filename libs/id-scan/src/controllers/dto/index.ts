export { IdScanCompleteTransactionDto } from './complete-transaction.dto';
export { IdScanReturnQueryDto } from './return-query.dto';
export { IdScanTransactionParamsDto } from './transaction-params.dto';

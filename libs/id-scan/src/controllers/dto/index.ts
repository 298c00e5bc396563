export { IdScanCompleteTransactionDto } from './complete-transaction.dto';
export { IdScanEventDeliveryDto, IdScanEventTaskDto, IdScanEventTransactionDto } from './event-delivery.dto';
export { IdScanReturnQueryDto } from './return-query.dto';
export { IdScanTransactionParamsDto } from './transaction-params.dto';

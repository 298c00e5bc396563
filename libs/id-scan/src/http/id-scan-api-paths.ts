const segment = encodeURIComponent;

/**
 * Every path of the ID Scan API (id-scan-api.md, B1), relative to `baseUrl`. A correction is a one-line change here.
 */
export const IdScanApiPaths = {
  transactions: () => 'transactions',
  transaction: (transactionId: string) => `transactions/${segment(transactionId)}`,
  result: (transactionId: string, resultId: string) =>
    `transactions/${segment(transactionId)}/results/${segment(resultId)}`,
  report: (transactionId: string, resultId: string) =>
    `transactions/${segment(transactionId)}/results/${segment(resultId)}/report`,
  /** Download URLs come from the API ready-made; this prefix is what `downloadFile` accepts. */
  downloads: () => 'downloads/',
  webhooks: () => 'webhooks',
  webhook: (webhookId: string) => `webhooks/${segment(webhookId)}`,
} as const;

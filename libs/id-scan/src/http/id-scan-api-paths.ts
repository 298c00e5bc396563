/**
 * Every route of the ID Scan API (docs/id-scan-api.md §B1), relative to `baseUrl`, as a template: telemetry names a
 * call by its template, and {@link IdScanApiPaths} fills it in. A correction is a one-line change here.
 */
export const IdScanApiRoutes = {
  transactions: 'transactions',
  transaction: 'transactions/{transactionId}',
  result: 'transactions/{transactionId}/results/{resultId}',
  report: 'transactions/{transactionId}/results/{resultId}/report',
  /** Download URLs come from the API ready-made; what follows the prefix is a token, never shown. */
  download: 'downloads/{download}',
  webhooks: 'webhooks',
  webhook: 'webhooks/{webhookId}',
} as const;

/** A route of {@link IdScanApiRoutes}. */
export type IdScanApiRoute = (typeof IdScanApiRoutes)[keyof typeof IdScanApiRoutes];

/** `route` with each `{name}` replaced by its value, encoded as one path segment. */
function fill(route: IdScanApiRoute, values: Record<string, string>): string {
  return route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));
}

/** The paths of {@link IdScanApiRoutes}, filled in. */
export const IdScanApiPaths = {
  transactions: () => IdScanApiRoutes.transactions,
  transaction: (transactionId: string) => fill(IdScanApiRoutes.transaction, { transactionId }),
  result: (transactionId: string, resultId: string) => fill(IdScanApiRoutes.result, { transactionId, resultId }),
  report: (transactionId: string, resultId: string) => fill(IdScanApiRoutes.report, { transactionId, resultId }),
  /** What `downloadFile` accepts: the prefix of every download URL. */
  downloads: () => IdScanApiRoutes.download.slice(0, IdScanApiRoutes.download.indexOf('{')),
  webhooks: () => IdScanApiRoutes.webhooks,
  webhook: (webhookId: string) => fill(IdScanApiRoutes.webhook, { webhookId }),
} as const;

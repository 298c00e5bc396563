import type { EmulatorWebhookDelivery, IdScanEmulator } from 'nestjs-id-scan-emulator';

/**
 * Resolves once every published event (of one transaction, when given) has `copies` delivery attempts that ended
 * for good (done or given up). The emulator delivers the events of one state change in sequence, so waiting only
 * for the one a test looks at would leave the others in flight when the test ends.
 */
export async function deliveriesSettled(emulator: IdScanEmulator, copies = 1, transactionId?: string): Promise<void> {
  const final = (d: EmulatorWebhookDelivery) => d.outcome === 'done' || d.outcome === 'gave_up';
  const events = emulator
    .webhookEvents()
    .filter((e) => transactionId === undefined || e.transaction.id === transactionId);
  for (const event of events) {
    const seen = new Set<string>();
    for (let copy = 0; copy < copies; copy++) {
      const delivery = await emulator.waitForDelivery(
        (d) => d.event.id === event.id && final(d) && !seen.has(d.deliveryId),
      );
      seen.add(delivery.deliveryId);
    }
  }
}

/** Matches the attempt that delivered a transaction's `completed` event successfully. */
export function completedEventDone(transactionId: string): (delivery: EmulatorWebhookDelivery) => boolean {
  return (delivery) =>
    delivery.event.type === 'transaction.state.updated' &&
    delivery.event.transaction.id === transactionId &&
    delivery.event.transaction.state === 'completed' &&
    delivery.outcome === 'done';
}

import { Injectable } from '@nestjs/common';
import { formatTimestamp } from '../simulation/time.util';
import type { ScannedIdentity } from '../simulation/identities/scanned-identity.interface';
import type { ApiResultField } from '../interfaces';
import { renderDocumentImage } from './rendering/document-image.util';
import { renderPortrait } from './rendering/portrait.util';
import { renderQrCode } from './rendering/qr-code.util';
import { renderReport } from './rendering/report.util';
import { renderSelfie } from './rendering/selfie.util';
import type { ReportField, ReportImage } from './rendering/rendering.interface';
import type { EmulatedFileKind, TransactionRecord } from '../state/transaction-record.interface';

/** A rendered file and its media type. */
export interface RenderedMedia {
  body: Buffer;
  contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
}

/** Report variants (`?type=`). */
export type ReportType = 'simple' | 'extended';

const CONTENT_TYPES: Record<EmulatedFileKind, 'image/jpeg' | 'image/png'> = {
  document_front: 'image/jpeg',
  document_back: 'image/jpeg',
  portrait: 'image/jpeg',
  // The selfie comes as PNG so that clients meet both media types the API may answer (docs/id-scan-api.md §B1).
  selfie: 'image/png',
};

/**
 * Renders the pictures and PDF reports of a transaction on first request and keeps them, so every download of a
 * file returns the same bytes. Renderings are dropped when their transaction expires.
 */
@Injectable()
export class MediaService {
  private readonly cache = new Map<string, Map<string, Promise<RenderedMedia>>>();

  /** A picture of the transaction (redacted as `redactFields` says, for the document sides). */
  image(record: TransactionRecord, kind: EmulatedFileKind): Promise<RenderedMedia> {
    // The face match may fail after the selfie was first downloaded: the other person's selfie is another file.
    const key = kind === 'selfie' && !showsHolder(record) ? 'selfie:other-person' : kind;
    return this.cached(record.id, key, async () => ({
      body: await this.renderImage(record, kind),
      contentType: CONTENT_TYPES[kind],
    }));
  }

  /** The audit report of a completed transaction; `extended` embeds every picture. */
  report(record: TransactionRecord, type: ReportType): Promise<RenderedMedia> {
    return this.cached(record.id, `report:${type}`, async () => {
      const images: ReportImage[] = [];
      if (type === 'extended') {
        for (const { kind, label } of this.reportImages(record)) {
          images.push({ label, data: (await this.image(record, kind)).body });
        }
      }
      const body = await renderReport({
        type,
        transactionId: record.id,
        resultId: record.resultId ?? '',
        createdAt: formatTimestamp(record.createdAt),
        completedAt: formatTimestamp(record.completedAt ?? record.createdAt),
        locale: record.locale,
        tasks: record.tasks.map((task) => ({
          type: task.type,
          // A task still pending in a completed transaction was never performed (the person gave up,
          // docs/id-scan-api.md §B4).
          state: task.state === 'pending' ? 'not performed' : task.state,
          score: task.score ?? undefined,
        })),
        fields: reportFields(record.result?.tasks.find((task) => task.type === 'document_scan')?.result ?? []),
        images,
      });
      return { body, contentType: 'application/pdf' as const };
    });
  }

  /** The QR code of a URL, as an SVG document string. */
  qrCode(url: string): Promise<string> {
    return renderQrCode(url);
  }

  /** Drops every rendering of a transaction. */
  forget(transactionId: string): void {
    this.cache.delete(transactionId);
  }

  private renderImage(record: TransactionRecord, kind: EmulatedFileKind): Promise<Buffer> {
    const identity = record.identity as ScannedIdentity;
    switch (kind) {
      case 'document_front':
      case 'document_back':
        return renderDocumentImage({
          identity,
          side: kind === 'document_front' ? 'front' : 'back',
          redactFields: record.documentScan.redactFields ?? [],
          photo: kind === 'document_front' ? record.photos.front : record.photos.back,
          format: 'jpeg',
        });
      case 'portrait':
        return renderPortrait({ identity, photo: record.photos.front, format: 'jpeg' });
      case 'selfie':
        return renderSelfie({
          identity,
          photo: record.photos.selfie,
          live: record.live,
          samePerson: showsHolder(record),
          format: 'png',
        });
    }
  }

  private reportImages(record: TransactionRecord): { kind: EmulatedFileKind; label: string }[] {
    const images: { kind: EmulatedFileKind; label: string }[] = [];
    for (const file of record.tasks.flatMap((task) => task.files)) {
      if (file.type === 'portrait') images.push({ kind: 'portrait', label: 'Portrait' });
      else if (file.type === 'selfie') images.push({ kind: 'selfie', label: 'Selfie' });
      else if (file.name?.endsWith(' Side B')) images.push({ kind: 'document_back', label: file.name });
      else images.push({ kind: 'document_front', label: file.name ?? 'Document' });
    }
    return images;
  }

  private cached(transactionId: string, key: string, render: () => Promise<RenderedMedia>): Promise<RenderedMedia> {
    let entries = this.cache.get(transactionId);
    if (!entries) {
      entries = new Map();
      this.cache.set(transactionId, entries);
    }
    let media = entries.get(key);
    if (!media) {
      media = render();
      entries.set(key, media);
      // A failed rendering is not kept: the next request tries again.
      media.catch(() => entries.delete(key));
    }
    return media;
  }
}

// A failed face match (`face_mismatch`) means the selfie shows someone else than the document's holder.
function showsHolder(record: TransactionRecord): boolean {
  return !record.scenarios.includes('face_mismatch');
}

// The value a reader should use (docs/id-scan-api.md §B4): among the entries without a locale, the MRZ value, else the
// visual one.
function reportFields(fields: ApiResultField[]): ReportField[] {
  return fields
    .filter((field) => field.locale === null)
    .map((field) => {
      const value = field.values.find((v) => v.source === 'mrz') ?? field.values.find((v) => v.source === 'visual');
      const chosen = value ?? field.values[0];
      return { field: field.field, value: chosen?.value ?? '', validity: field.validity, source: chosen?.source ?? '' };
    });
}

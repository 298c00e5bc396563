import type { EmulatedDocumentType } from '../../simulation/identities/scanned-identity.interface';
import { renderDocumentImage } from './document-image.util';
import { documentTemplate, specimenWatermark, stylesFor, THEMES } from './document-template.util';
import { renderPortrait } from './portrait.util';
import type { DocumentSide, RenderedIdentity } from './rendering.interface';
import { renderReport } from './report.util';
import { renderSelfie } from './selfie.util';

// ICAO Doc 9303's specimen holder: fictional, and the renderings made for it are thrown away.
const SPECIMEN: RenderedIdentity = {
  givenNames: 'Anna Maria',
  surname: 'Eriksson',
  documentNumber: 'L898902C3',
  dateOfBirth: '1974-08-12',
  dateOfExpiry: '2032-04-15',
  dateOfIssue: '2022-04-16',
  sex: 'F',
  nationality: 'Utopia',
  nationalityCode: 'UTO',
  issuingCountryCode: 'UTO',
  placeOfBirth: 'Zenith',
  documentType: 'PASSPORT',
};

const DOCUMENT_SIDES: readonly [EmulatedDocumentType, DocumentSide][] = [
  ['PASSPORT', 'front'],
  ['ID_CARD', 'front'],
  ['ID_CARD', 'back'],
  ['PASSPORT', 'back'],
];

/**
 * Renders one of everything for a specimen, so that what the renderers load and build once per process (bitmap
 * fonts, image codecs, the drawn document templates, the PDF fonts) is ready before the first real download.
 * Before each rendering it awaits `turn()`, which resolves `false` to stop there. Resolves when done; rejects with
 * a rendering's error.
 */
export async function warmUpRendering(turn: () => Promise<boolean>): Promise<void> {
  // Small steps: a request that arrives during one waits for that step only.
  const steps: (() => Promise<unknown>)[] = [
    () => stylesFor(THEMES.PASSPORT),
    () => stylesFor(THEMES.ID_CARD),
    () => specimenWatermark(),
    ...DOCUMENT_SIDES.map(
      ([documentType, side]) =>
        () =>
          documentTemplate(documentType, side),
    ),
    () => renderDocumentImage({ identity: SPECIMEN, side: 'front', redactFields: ['mrz'] }),
    () => renderPortrait({ identity: SPECIMEN }),
    () => renderSelfie({ identity: SPECIMEN, live: true, format: 'png' }),
    () =>
      renderReport({
        type: 'simple',
        transactionId: '00000000-0000-4000-8000-000000000000',
        resultId: '00000000-0000-4000-8000-000000000000',
        createdAt: '2026-01-01T00:00:00+00:00',
        completedAt: '2026-01-01T00:00:00+00:00',
        locale: 'en-US',
        tasks: [{ type: 'document_scan', state: 'completed', score: 0.9 }],
        fields: [{ field: 'document_number', value: 'L898902C3', validity: 'valid', source: 'mrz' }],
      }),
  ];
  for (const step of steps) {
    if (!(await turn())) return;
    await step();
  }
}

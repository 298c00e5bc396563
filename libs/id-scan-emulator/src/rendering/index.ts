export * from './rendering.interface';
export { renderDocumentImage } from './document-image.util';
export {
  renderPortrait,
  PORTRAIT_HEIGHT,
  PORTRAIT_WIDTH,
} from './portrait.util';
export { renderSelfie, SELFIE_HEIGHT, SELFIE_WIDTH } from './selfie.util';
export { renderReport, REPORT_TITLE } from './report.util';
export { renderQrCode } from './qr-code.util';
export { DOCUMENT_HEIGHT, DOCUMENT_WIDTH } from './document-layout.util';
export { composeMrz, mrzCheckDigit } from './mrz.util';
export type { Mrz, MrzFormat, MrzSpan } from './mrz.util';
export { imageMediaType } from './image-codec.util';
export { MAX_PHOTO_PIXELS } from './photo.util';
export { photoFormat, probePhoto } from './image-header.util';
export type { PhotoInfo } from './image-header.util';

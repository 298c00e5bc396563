import type { Rect } from './bitmap-drawing.util';
import type { EmulatedDocumentType } from '../../simulation/identities/scanned-identity.interface';
import type { DocumentSide } from './rendering.interface';

/**
 * Where everything sits on the emulated documents (1000 x 630 pixels, the ID-1 aspect ratio). The renderer draws
 * from this table and redaction covers the same rectangles, so the two cannot disagree.
 */

/** Width of every document image. */
export const DOCUMENT_WIDTH = 1000;

/** Height of every document image. */
export const DOCUMENT_HEIGHT = 630;

/** Height of the coloured header band. */
export const HEADER_HEIGHT = 80;

/** A printed field: bilingual label above, value below, value box redactable under the result field name. */
export interface FieldSlot {
  field: string;
  label: string;
  x: number;
  y: number;
  width: number;
  /** Names print large, shrinking when they do not fit. */
  large?: boolean;
}

/** The MRZ block: character cells of a fixed width, one row per line. */
export interface MrzArea {
  band: Rect;
  x: number;
  firstLineY: number;
  lineSpacing: number;
  cellWidth: number;
}

/** Everything on one side of one document type. */
export interface DocumentLayout {
  title: string;
  fields: FieldSlot[];
  portrait?: Rect;
  ghostPortrait?: Rect;
  signature?: Rect;
  chip?: Rect;
  barcode?: Rect;
  endorsements?: Rect;
  mrz?: MrzArea;
}

/** Offset of a value below its label. */
export const VALUE_OFFSET = 15;

/** Height of the box that covers a redacted value (large values get more). */
export function valueBox(slot: FieldSlot): Rect {
  return {
    x: slot.x - 4,
    y: slot.y + VALUE_OFFSET + 1,
    w: slot.width,
    h: slot.large ? 42 : 26,
  };
}

const PASSPORT_TITLE = 'PASSPORT / PASSEPORT';
const CARD_TITLE = "IDENTITY CARD / CARTE D'IDENTITÉ";

const LAYOUTS: Record<EmulatedDocumentType, Record<DocumentSide, DocumentLayout>> = {
  PASSPORT: {
    front: {
      title: PASSPORT_TITLE,
      portrait: { x: 40, y: 100, w: 230, h: 290 },
      signature: { x: 40, y: 400, w: 230, h: 58 },
      fields: [
        {
          field: 'document_type',
          label: 'Type / Type',
          x: 300,
          y: 94,
          width: 150,
        },
        {
          field: 'issuing_country',
          label: 'Code / Code',
          x: 470,
          y: 94,
          width: 200,
        },
        {
          field: 'document_number',
          label: 'Passport No. / No du passeport',
          x: 700,
          y: 94,
          width: 260,
        },
        {
          field: 'surname',
          label: 'Surname / Nom',
          x: 300,
          y: 142,
          width: 660,
          large: true,
        },
        {
          field: 'given_names',
          label: 'Given names / Prénoms',
          x: 300,
          y: 202,
          width: 660,
          large: true,
        },
        {
          field: 'nationality',
          label: 'Nationality / Nationalité',
          x: 300,
          y: 262,
          width: 380,
        },
        {
          field: 'date_of_birth',
          label: 'Date of birth / Date de naissance',
          x: 700,
          y: 262,
          width: 160,
        },
        { field: 'sex', label: 'Sex / Sexe', x: 300, y: 312, width: 150 },
        {
          field: 'place_of_birth',
          label: 'Place of birth / Lieu de naissance',
          x: 470,
          y: 312,
          width: 390,
        },
        {
          field: 'date_of_issue',
          label: 'Date of issue / Date de délivrance',
          x: 300,
          y: 362,
          width: 380,
        },
        {
          field: 'date_of_expiry',
          label: "Date of expiry / Date d'expiration",
          x: 700,
          y: 362,
          width: 160,
        },
        {
          field: 'personal_number',
          label: 'Personal No. / No personnel',
          x: 300,
          y: 412,
          width: 380,
        },
        {
          field: 'issuing_authority',
          label: 'Authority / Autorité',
          x: 700,
          y: 412,
          width: 260,
        },
      ],
      mrz: {
        band: { x: 0, y: 470, w: 1000, h: 160 },
        x: 38,
        firstLineY: 490,
        lineSpacing: 62,
        cellWidth: 21,
      },
    },
    back: {
      title: 'OBSERVATIONS / OBSERVATIONS',
      fields: [
        {
          field: 'place_of_birth',
          label: 'Place of birth / Lieu de naissance',
          x: 40,
          y: 100,
          width: 440,
        },
        {
          field: 'date_of_issue',
          label: 'Date of issue / Date de délivrance',
          x: 500,
          y: 100,
          width: 220,
        },
        {
          field: 'personal_number',
          label: 'Personal No. / No personnel',
          x: 40,
          y: 156,
          width: 440,
        },
        {
          field: 'issuing_authority',
          label: 'Authority / Autorité',
          x: 500,
          y: 156,
          width: 220,
        },
        {
          field: 'document_number',
          label: 'Passport No. / No du passeport',
          x: 40,
          y: 560,
          width: 440,
        },
      ],
      ghostPortrait: { x: 830, y: 100, w: 130, h: 164 },
      endorsements: { x: 40, y: 220, w: 760, h: 250 },
      barcode: { x: 500, y: 500, w: 460, h: 100 },
    },
  },
  ID_CARD: {
    front: {
      title: CARD_TITLE,
      portrait: { x: 40, y: 100, w: 250, h: 320 },
      signature: { x: 40, y: 440, w: 250, h: 72 },
      chip: { x: 330, y: 430, w: 96, h: 74 },
      fields: [
        {
          field: 'surname',
          label: 'Surname / Nom',
          x: 330,
          y: 94,
          width: 630,
          large: true,
        },
        {
          field: 'given_names',
          label: 'Given names / Prénoms',
          x: 330,
          y: 154,
          width: 630,
          large: true,
        },
        { field: 'sex', label: 'Sex / Sexe', x: 330, y: 214, width: 120 },
        {
          field: 'nationality',
          label: 'Nationality / Nationalité',
          x: 470,
          y: 214,
          width: 260,
        },
        {
          field: 'date_of_birth',
          label: 'Date of birth / Date de naissance',
          x: 750,
          y: 214,
          width: 210,
        },
        {
          field: 'document_number',
          label: 'Document No. / No du document',
          x: 330,
          y: 264,
          width: 400,
        },
        {
          field: 'date_of_expiry',
          label: "Date of expiry / Date d'expiration",
          x: 750,
          y: 264,
          width: 210,
        },
        {
          field: 'issuing_country',
          label: 'Issuing state / État',
          x: 330,
          y: 314,
          width: 120,
        },
        {
          field: 'document_type',
          label: 'Type / Type',
          x: 470,
          y: 314,
          width: 120,
        },
      ],
    },
    back: {
      title: CARD_TITLE,
      fields: [
        {
          field: 'place_of_birth',
          label: 'Place of birth / Lieu de naissance',
          x: 40,
          y: 100,
          width: 440,
        },
        {
          field: 'date_of_issue',
          label: 'Date of issue / Date de délivrance',
          x: 500,
          y: 100,
          width: 260,
        },
        {
          field: 'personal_number',
          label: 'Personal No. / No personnel',
          x: 40,
          y: 156,
          width: 440,
        },
        {
          field: 'issuing_authority',
          label: 'Authority / Autorité',
          x: 500,
          y: 156,
          width: 260,
        },
        {
          field: 'document_number',
          label: 'Document No. / No du document',
          x: 40,
          y: 212,
          width: 440,
        },
      ],
      ghostPortrait: { x: 820, y: 100, w: 140, h: 176 },
      mrz: {
        band: { x: 0, y: 380, w: 1000, h: 250 },
        x: 95,
        firstLineY: 414,
        lineSpacing: 64,
        cellWidth: 27,
      },
    },
  },
};

/** The layout of one side of one document type. */
export function documentLayout(type: EmulatedDocumentType, side: DocumentSide): DocumentLayout {
  return LAYOUTS[type][side];
}

/**
 * Scenario ids shared by the pages and the emulator's server, and every visible text of the hosted pages in the
 * three supported locales.
 */
import type { EmulatedTaskType } from '../../interfaces';
import type { PageLocale, TaskPageError } from './pages.interface';

/**
 * What the person can choose per task, in display order:
 * - `document_scan`: `genuine_passport`, `genuine_id_card`, `expired_document`, `invalid_document_number`
 *   (the document number's MRZ check digit is wrong), `under_minimum_age`;
 * - `face_liveness`: `live_person` (passes), `liveness_fails`;
 * - `face_match`: `same_person` (matches), `face_mismatch`;
 * - every task: `gives_up` (the give-up button).
 */
export const SCENARIOS = {
  document_scan: [
    'genuine_passport',
    'genuine_id_card',
    'expired_document',
    'invalid_document_number',
    'under_minimum_age',
    'gives_up',
  ],
  face_liveness: ['live_person', 'liveness_fails', 'gives_up'],
  face_match: ['same_person', 'face_mismatch', 'gives_up'],
} as const satisfies Record<EmulatedTaskType, readonly string[]>;

/** A scenario of one task. */
export type TaskScenarioId<T extends EmulatedTaskType> = (typeof SCENARIOS)[T][number];

/** Any scenario id. */
export type ScenarioId = TaskScenarioId<EmulatedTaskType>;

/** The scenario the give-up button posts. */
export const GIVE_UP_SCENARIO = 'gives_up' satisfies ScenarioId;

/** A scenario's name and what choosing it does. */
export interface ScenarioText {
  label: string;
  description: string;
}

/** Every visible text of the hosted pages in one language. */
export interface PageMessages {
  brand: string;
  badge: string;
  skipToContent: string;
  emulatorNotice: string;
  footer: string;
  titleSuffix: string;
  step: (index: number, total: number) => string;
  tasks: Record<EmulatedTaskType, { heading: string; lead: string }>;
  scenarios: Record<ScenarioId, ScenarioText>;
  /** The under-age scenario's description when the transaction sets no minimum age. */
  noMinimumAge: string;
  scenarioLegend: string;
  scenarioHelp: string;
  photoFront: string;
  photoBack: string;
  photoFace: string;
  photoHint: string;
  cameraSimulated: string;
  nothingToCapture: string;
  submit: string;
  giveUp: string;
  giveUpHint: string;
  errorHeading: string;
  errors: Record<TaskPageError, string>;
  qrHeading: string;
  qrLead: string;
  qrAlt: string;
  qrUrlLabel: string;
  qrWaiting: string;
  /** Shown with every QR code: the phone opens the address itself. */
  qrReachable: string;
  /** Shown when the address is a loopback one, which only this computer can open. */
  qrLoopback: string;
  continueHere: string;
  continueHereHint: string;
  expiredHeading: string;
  expiredBody: string;
  doneHeading: string;
  doneClose: string;
  doneRedirecting: string;
  doneContinue: string;
  errorPageHeading: string;
  notFoundHeading: string;
  errorStatus: (status: number) => string;
  goBack: string;
}

const EN_US: PageMessages = {
  brand: 'ID Scan',
  badge: 'Emulator',
  skipToContent: 'Skip to content',
  emulatorNotice:
    'This is the ID Scan emulator for development and testing, not CM.com. Never enter real personal data.',
  footer: 'ID Scan emulator · for development and testing only',
  titleSuffix: 'ID Scan emulator',
  step: (index, total) => `Step ${index} of ${total}`,
  tasks: {
    document_scan: {
      heading: 'Scan your identity document',
      lead: 'Show the front and the back of your passport or identity card.',
    },
    face_liveness: {
      heading: 'Liveness check',
      lead: 'Look into the camera so that we can see you are really there.',
    },
    face_match: {
      heading: 'Face match',
      lead: 'We compare your selfie with the photo on your document.',
    },
  },
  scenarios: {
    genuine_passport: {
      label: 'Genuine passport',
      description: 'A valid passport: every check passes.',
    },
    genuine_id_card: {
      label: 'Genuine identity card',
      description: 'A valid identity card: every check passes.',
    },
    expired_document: {
      label: 'Expired document',
      description: 'The document expired before today.',
    },
    invalid_document_number: {
      label: 'Document number fails validation',
      description: 'The check digit of the document number is wrong.',
    },
    under_minimum_age: {
      label: 'Holder under the minimum age',
      description: 'The date of birth makes the holder younger than the minimum age.',
    },
    live_person: {
      label: 'Live person',
      description: 'A real person is in front of the camera: the liveness check passes.',
    },
    liveness_fails: {
      label: 'Liveness check fails',
      description: 'A photo of a screen is held up to the camera: the liveness check fails.',
    },
    same_person: {
      label: 'Same person',
      description: 'The selfie matches the portrait on the document.',
    },
    face_mismatch: {
      label: 'Face does not match',
      description: 'Someone else took the selfie: the match fails.',
    },
    gives_up: { label: 'Give up', description: 'Ends the verification here.' },
  },
  noMinimumAge: 'No minimum age is set for this verification, so this 15-year-old holder passes the age check.',
  scenarioLegend: 'What should happen?',
  scenarioHelp: 'The emulator produces the outcome you choose.',
  photoFront: 'Photo of the front side (optional)',
  photoBack: 'Photo of the back side (optional)',
  photoFace: 'Photo of your face (optional)',
  photoHint: 'JPEG or PNG. Without a photo, the emulator draws a specimen.',
  cameraSimulated: 'The emulator simulates the camera: no picture is taken.',
  nothingToCapture: 'Nothing to capture: the emulator compares the pictures already taken.',
  submit: 'Continue',
  giveUp: 'Give up',
  giveUpHint: 'Ends the verification here.',
  errorHeading: 'There is a problem',
  errors: {
    scenario_required: 'Choose what should happen, then continue.',
    unsupported_file: 'That file is not a JPEG or PNG image. Choose another file or continue without one.',
    file_too_large: 'That file is too large. Choose a smaller picture.',
    image_too_large:
      'That picture has too many pixels (at most 25 megapixels and 8000 pixels a side). Choose a smaller picture.',
    unreadable_image: 'That picture could not be read. Choose another file.',
    upload_in_progress: 'This step is already receiving an upload. Wait for it to finish, then reload the page.',
    server_busy: 'The emulator is busy reading other uploads. Wait a moment, then try again.',
    try_again: 'Something went wrong. Please try again.',
  },
  qrHeading: 'Continue on your phone',
  qrLead: "This verification has to be done on a mobile device. Scan the QR code with your phone's camera.",
  qrAlt: 'QR code of the verification link',
  qrUrlLabel: 'Or open this link on your phone:',
  qrWaiting: 'This page updates when you have finished on your phone.',
  qrReachable: 'Your phone must be able to reach this address, for example on the same network as this computer.',
  qrLoopback:
    'This address points at this computer itself, so a phone cannot open it. Give the emulator a publicUrl that your phone can reach, or continue on this device.',
  continueHere: 'Continue on this device',
  continueHereHint: 'Emulator only: skip the phone and continue here.',
  expiredHeading: 'This link has expired',
  expiredBody: 'The time to complete this verification has run out.',
  doneHeading: 'Verification complete',
  doneClose: "You're done, you can close this window.",
  doneRedirecting: 'Taking you back to the website…',
  doneContinue: 'Continue',
  errorPageHeading: 'Something went wrong',
  notFoundHeading: 'Page not found',
  errorStatus: (status) => `Error ${status}`,
  goBack: 'Go back to the website that sent you here to start again.',
};

const NL_NL: PageMessages = {
  brand: 'ID Scan',
  badge: 'Emulator',
  skipToContent: 'Naar de inhoud',
  emulatorNotice:
    'Dit is de ID Scan-emulator voor ontwikkelen en testen, niet CM.com. Voer nooit echte persoonsgegevens in.',
  footer: 'ID Scan-emulator · alleen voor ontwikkelen en testen',
  titleSuffix: 'ID Scan-emulator',
  step: (index, total) => `Stap ${index} van ${total}`,
  tasks: {
    document_scan: {
      heading: 'Scan uw identiteitsbewijs',
      lead: 'Laat de voor- en achterkant van uw paspoort of identiteitskaart zien.',
    },
    face_liveness: {
      heading: 'Livenesscontrole',
      lead: 'Kijk in de camera, zodat we kunnen zien dat u er echt bent.',
    },
    face_match: {
      heading: 'Gezichtsvergelijking',
      lead: 'We vergelijken uw selfie met de foto op uw document.',
    },
  },
  scenarios: {
    genuine_passport: {
      label: 'Echt paspoort',
      description: 'Een geldig paspoort: alle controles slagen.',
    },
    genuine_id_card: {
      label: 'Echte identiteitskaart',
      description: 'Een geldige identiteitskaart: alle controles slagen.',
    },
    expired_document: {
      label: 'Verlopen document',
      description: 'Het document is vóór vandaag verlopen.',
    },
    invalid_document_number: {
      label: 'Documentnummer ongeldig',
      description: 'Het controlecijfer van het documentnummer klopt niet.',
    },
    under_minimum_age: {
      label: 'Houder jonger dan de minimumleeftijd',
      description: 'Volgens de geboortedatum is de houder jonger dan de minimumleeftijd.',
    },
    live_person: {
      label: 'Echte persoon',
      description: 'Er staat een echte persoon voor de camera: de livenesscontrole slaagt.',
    },
    liveness_fails: {
      label: 'Livenesscontrole mislukt',
      description: 'Er wordt een foto van een scherm voor de camera gehouden: de controle mislukt.',
    },
    same_person: {
      label: 'Zelfde persoon',
      description: 'De selfie komt overeen met de pasfoto op het document.',
    },
    face_mismatch: {
      label: 'Gezicht komt niet overeen',
      description: 'Iemand anders heeft de selfie gemaakt: de vergelijking mislukt.',
    },
    gives_up: {
      label: 'Stoppen',
      description: 'Beëindigt de verificatie hier.',
    },
  },
  noMinimumAge:
    'Voor deze verificatie geldt geen minimumleeftijd, dus deze houder van 15 slaagt voor de leeftijdscontrole.',
  scenarioLegend: 'Wat moet er gebeuren?',
  scenarioHelp: 'De emulator levert de uitkomst die u kiest.',
  photoFront: 'Foto van de voorkant (optioneel)',
  photoBack: 'Foto van de achterkant (optioneel)',
  photoFace: 'Foto van uw gezicht (optioneel)',
  photoHint: 'JPEG of PNG. Zonder foto tekent de emulator een specimen.',
  cameraSimulated: 'De emulator simuleert de camera: er wordt geen foto gemaakt.',
  nothingToCapture: "Er hoeft niets vastgelegd te worden: de emulator vergelijkt de foto's die al gemaakt zijn.",
  submit: 'Doorgaan',
  giveUp: 'Stoppen',
  giveUpHint: 'Beëindigt de verificatie hier.',
  errorHeading: 'Er is een probleem',
  errors: {
    scenario_required: 'Kies wat er moet gebeuren en ga dan verder.',
    unsupported_file: 'Dat bestand is geen JPEG- of PNG-afbeelding. Kies een ander bestand of ga verder zonder.',
    file_too_large: 'Dat bestand is te groot. Kies een kleinere afbeelding.',
    image_too_large:
      'Die afbeelding heeft te veel pixels (hoogstens 25 megapixel en 8000 pixels per zijde). Kies een kleinere afbeelding.',
    unreadable_image: 'Die afbeelding kon niet worden gelezen. Kies een ander bestand.',
    upload_in_progress: 'Deze stap ontvangt al een upload. Wacht tot die klaar is en laad de pagina opnieuw.',
    server_busy: 'De emulator is bezig andere uploads te lezen. Wacht even en probeer het opnieuw.',
    try_again: 'Er ging iets mis. Probeer het opnieuw.',
  },
  qrHeading: 'Ga verder op uw telefoon',
  qrLead: 'Deze verificatie moet op een mobiel apparaat gebeuren. Scan de QR-code met de camera van uw telefoon.',
  qrAlt: 'QR-code van de verificatielink',
  qrUrlLabel: 'Of open deze link op uw telefoon:',
  qrWaiting: 'Deze pagina wordt bijgewerkt zodra u klaar bent op uw telefoon.',
  qrReachable: 'Uw telefoon moet dit adres kunnen bereiken, bijvoorbeeld via hetzelfde netwerk als deze computer.',
  qrLoopback:
    'Dit adres verwijst naar deze computer zelf, dus een telefoon kan het niet openen. Geef de emulator een publicUrl die uw telefoon kan bereiken, of ga verder op dit apparaat.',
  continueHere: 'Ga verder op dit apparaat',
  continueHereHint: 'Alleen in de emulator: sla de telefoon over en ga hier verder.',
  expiredHeading: 'Deze link is verlopen',
  expiredBody: 'De tijd om deze verificatie af te ronden is voorbij.',
  doneHeading: 'Verificatie voltooid',
  doneClose: 'U bent klaar en kunt dit venster sluiten.',
  doneRedirecting: 'U gaat terug naar de website…',
  doneContinue: 'Doorgaan',
  errorPageHeading: 'Er ging iets mis',
  notFoundHeading: 'Pagina niet gevonden',
  errorStatus: (status) => `Fout ${status}`,
  goBack: 'Ga terug naar de website die u hierheen stuurde om opnieuw te beginnen.',
};

const FR_FR: PageMessages = {
  brand: 'ID Scan',
  badge: 'Émulateur',
  skipToContent: 'Aller au contenu',
  emulatorNotice:
    'Ceci est l’émulateur ID Scan pour le développement et les tests, pas CM.com. N’y saisissez jamais de vraies données personnelles.',
  footer: 'Émulateur ID Scan · pour le développement et les tests uniquement',
  titleSuffix: 'Émulateur ID Scan',
  step: (index, total) => `Étape ${index} sur ${total}`,
  tasks: {
    document_scan: {
      heading: 'Scannez votre pièce d’identité',
      lead: 'Présentez le recto et le verso de votre passeport ou de votre carte d’identité.',
    },
    face_liveness: {
      heading: 'Détection du vivant',
      lead: 'Regardez la caméra afin que nous puissions vérifier que vous êtes bien là.',
    },
    face_match: {
      heading: 'Comparaison faciale',
      lead: 'Nous comparons votre selfie avec la photo de votre document.',
    },
  },
  scenarios: {
    genuine_passport: {
      label: 'Passeport authentique',
      description: 'Un passeport valide\u00a0: tous les contrôles réussissent.',
    },
    genuine_id_card: {
      label: 'Carte d’identité authentique',
      description: 'Une carte d’identité valide\u00a0: tous les contrôles réussissent.',
    },
    expired_document: {
      label: 'Document expiré',
      description: 'Le document a expiré avant aujourd’hui.',
    },
    invalid_document_number: {
      label: 'Numéro de document invalide',
      description: 'Le chiffre de contrôle du numéro de document est faux.',
    },
    under_minimum_age: {
      label: 'Titulaire sous l’âge minimum',
      description: 'D’après la date de naissance, le titulaire n’a pas l’âge minimum.',
    },
    live_person: {
      label: 'Personne réelle',
      description: 'Une vraie personne est devant la caméra\u00a0: la détection du vivant réussit.',
    },
    liveness_fails: {
      label: 'Détection du vivant en échec',
      description: 'La photo d’un écran est présentée à la caméra\u00a0: la détection échoue.',
    },
    same_person: {
      label: 'Même personne',
      description: 'Le selfie correspond au portrait du document.',
    },
    face_mismatch: {
      label: 'Le visage ne correspond pas',
      description: 'Quelqu’un d’autre a pris le selfie\u00a0: la comparaison échoue.',
    },
    gives_up: {
      label: 'Abandonner',
      description: 'Met fin à la vérification ici.',
    },
  },
  noMinimumAge:
    'Aucun âge minimum n’est fixé pour cette vérification\u00a0: ce titulaire de 15\u00a0ans réussit donc le contrôle d’âge.',
  scenarioLegend: 'Que doit-il se passer\u202f?',
  scenarioHelp: 'L’émulateur produit le résultat que vous choisissez.',
  photoFront: 'Photo du recto (facultatif)',
  photoBack: 'Photo du verso (facultatif)',
  photoFace: 'Photo de votre visage (facultatif)',
  photoHint: 'JPEG ou PNG. Sans photo, l’émulateur dessine un spécimen.',
  cameraSimulated: 'L’émulateur simule la caméra\u00a0: aucune photo n’est prise.',
  nothingToCapture: 'Rien à capturer\u00a0: l’émulateur compare les images déjà prises.',
  submit: 'Continuer',
  giveUp: 'Abandonner',
  giveUpHint: 'Met fin à la vérification ici.',
  errorHeading: 'Un problème est survenu',
  errors: {
    scenario_required: 'Choisissez ce qui doit se passer, puis continuez.',
    unsupported_file: 'Ce fichier n’est pas une image JPEG ou PNG. Choisissez un autre fichier ou continuez sans.',
    file_too_large: 'Ce fichier est trop volumineux. Choisissez une image plus petite.',
    image_too_large:
      'Cette image compte trop de pixels (25\u00a0mégapixels et 8\u202f000\u00a0pixels de côté au plus). Choisissez une image plus petite.',
    unreadable_image: 'Cette image n’a pas pu être lue. Choisissez un autre fichier.',
    upload_in_progress: 'Cette étape reçoit déjà un envoi. Attendez qu’il se termine, puis rechargez la page.',
    server_busy: 'L’émulateur est occupé à lire d’autres envois. Patientez un instant, puis réessayez.',
    try_again: 'Une erreur est survenue. Veuillez réessayer.',
  },
  qrHeading: 'Continuez sur votre téléphone',
  qrLead:
    'Cette vérification doit être effectuée sur un appareil mobile. Scannez le code QR avec l’appareil photo de votre téléphone.',
  qrAlt: 'Code QR du lien de vérification',
  qrUrlLabel: 'Ou ouvrez ce lien sur votre téléphone\u00a0:',
  qrWaiting: 'Cette page se met à jour lorsque vous avez terminé sur votre téléphone.',
  qrReachable: 'Votre téléphone doit pouvoir joindre cette adresse, par exemple sur le même réseau que cet ordinateur.',
  qrLoopback:
    'Cette adresse désigne cet ordinateur lui-même\u00a0: un téléphone ne peut pas l’ouvrir. Donnez à l’émulateur une publicUrl que votre téléphone peut joindre, ou continuez sur cet appareil.',
  continueHere: 'Continuer sur cet appareil',
  continueHereHint: 'Émulateur uniquement\u00a0: passez le téléphone et continuez ici.',
  expiredHeading: 'Ce lien a expiré',
  expiredBody: 'Le délai pour terminer cette vérification est écoulé.',
  doneHeading: 'Vérification terminée',
  doneClose: 'C’est terminé, vous pouvez fermer cette fenêtre.',
  doneRedirecting: 'Retour vers le site…',
  doneContinue: 'Continuer',
  errorPageHeading: 'Une erreur est survenue',
  notFoundHeading: 'Page introuvable',
  errorStatus: (status) => `Erreur ${status}`,
  goBack: 'Retournez sur le site qui vous a envoyé ici pour recommencer.',
};

/** Every visible text of the hosted pages, per locale. */
export const PAGE_MESSAGES: Readonly<Record<PageLocale, PageMessages>> = {
  'en-US': EN_US,
  'nl-NL': NL_NL,
  'fr-FR': FR_FR,
};

/** The texts of `locale`, falling back to `en-US` for a locale the pages do not know. */
export function pageMessages(locale: string): PageMessages {
  return PAGE_MESSAGES[locale as PageLocale] ?? EN_US;
}

/** The translated label of a scenario. */
export function scenarioLabel(locale: PageLocale, scenario: ScenarioId): string {
  return pageMessages(locale).scenarios[scenario].label;
}

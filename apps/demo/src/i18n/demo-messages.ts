import type { DemoLanguage } from './demo-language.util';

/** A text with a named part supplied by the page (a date, a list of checks). */
type Text1 = (value: string) => string;

/** An error page's words (see `errorPage`). */
export interface ErrorText {
  title: string;
  message: string;
}

/** Every text of the demo's own pages, in one language. The hosted flow has its own texts. */
export interface DemoMessages {
  /** `lang` attribute of the pages. */
  htmlLang: string;
  /** BCP 47 tag for dates and times. */
  dateLocale: string;
  layout: {
    appName: string;
    skip: string;
    navNew: string;
    navRecent: string;
    service: string;
    emulator: string;
    cm: string;
    footer: string;
    language: string;
    /** Name of the main navigation, for assistive technology. */
    mainNav: string;
    /** Label before the API base URL in the footer. */
    api: string;
  };
  tasks: Record<string, string>;
  fields: Record<string, string>;
  documentTypes: Record<string, string>;
  start: {
    title: string;
    heading: string;
    intro: string;
    formTitle: string;
    errorsTitle: string;
    checks: string;
    taskChoices: Record<string, { label: string; hint: string }>;
    modeLegend: string;
    modes: Record<string, { label: string; hint: string }>;
    /** Narrow screen, redirect chosen: why it is proposed. */
    narrowHint: string;
    /** Narrow screen, embedded chosen anyway: what will happen. */
    narrowEmbedded: string;
    flowLanguage: string;
    validFor: string;
    hours: (hours: number) => string;
    minimumAge: string;
    noMinimumAge: string;
    ageOption: Text1;
    ageHint: string;
    device: string;
    mobileOnly: string;
    mobileOnlyHint: string;
    phoneReach: Text1;
    phoneLocalOnly: string;
    submit: string;
    latest: string;
    allRecent: string;
    howTitle: string;
    how: [string, string, string, string];
    problems: {
      mode: string;
      tasks: string;
      locale: string;
      expiresIn: string;
      mobileOnly: string;
      minimumAge: string;
      returnUrl: string;
      scanReturnUrl: string;
    };
  };
  list: {
    title: string;
    intro: string;
    empty: string;
    awaiting: string;
    started: string;
    holder: string;
    checks: string;
    flow: string;
    status: string;
    embedded: string;
    redirect: string;
    mobileOnly: string;
    statusExpired: string;
    statusPending: string;
    statusVerified: string;
    statusNotVerified: string;
    statusNotFinished: string;
  };
  flow: {
    title: string;
    intro: string;
    finishedOnPhone: string;
    needsJs: string;
    openAlone: string;
    phoneReach: Text1;
    frameTitle: string;
    loadFailed: string;
    confirmFailed: string;
    checkStatus: string;
  };
  outcome: {
    title: string;
    started: Text1;
    all: string;
    newOne: string;
    verified: string;
    verifiedText: string;
    /** The heading when every requested check passed but no face match tied the document to the person. */
    documentVerified: string;
    documentVerifiedText: string;
    /** Under the reasons: a new attempt may help, or it cannot (the verdict's `retryable`). */
    retryable: string;
    notRetryable: string;
    notVerified: string;
    notFinished: string;
    notFinishedText: Text1;
    taskFailed: Record<string, string>;
    taskFailedOther: Text1;
    fieldInvalid: Record<string, string>;
    fieldInvalidOther: Text1;
    underAge: Text1;
    summary: string;
    name: string;
    invalid: string;
    images: string;
    noImages: string;
    imageLabels: Record<'document-front' | 'document-back' | 'portrait' | 'selfie', string>;
    portraitCaption: string;
    selfieCaption: string;
    /** A document caption for its back side, made of the front's. */
    documentBack: Text1;
    checksTitle: string;
    taskVerdicts: Record<'passed' | 'failed' | 'not-performed' | 'not-relied-on', string>;
    notReliedOn: string;
    score: Text1;
    reports: string;
    simpleReport: string;
    simpleHint: string;
    extendedReport: string;
    extendedHint: Text1;
    extendedHintNoImages: Text1;
    view: string;
    download: string;
    fieldsTitle: string;
    noFields: string;
    field: string;
    valueUsed: string;
    mrz: string;
    visual: string;
    comparison: string;
    validity: string;
    printed: Text1;
    valid: string;
    notChecked: string;
    match: string;
    noMatch: string;
    received: string;
    transaction: string;
    result: string;
    reference: string;
    via: string;
    vias: Record<string, string>;
    flowKind: string;
    checks: string;
    startedAt: string;
    validUntil: string;
    history: string;
    historyCreated: Record<'iframe' | 'redirect', string>;
    historyTask: (task: string, state: string) => string;
    taskStates: Record<string, string>;
    /** The completion line per outcome, with how the application learnt of it. */
    historyCompleted: Record<'verified' | 'not-verified' | 'not-finished', Text1>;
    historyExpired: string;
  };
  pending: {
    title: string;
    heading: string;
    waiting: string;
    refreshes: string;
    resume: string;
  };
  expired: {
    title: string;
    heading: string;
    text: Text1;
    whatNow: string;
    whatNowText: string;
  };
  returned: {
    notFinishedTitle: string;
    notFinishedText: string;
    resume: string;
    unknownTitle: string;
    unknownText: string;
    unconfirmedTitle: string;
    unconfirmedText: string;
    checkVerification: string;
  };
  reportGone: ErrorText & { text: Text1; back: string };
  errors: {
    notFound: ErrorText;
    /** A valid verification link opened in a browser session that did not start it. */
    otherSession: ErrorText;
    badRequest: ErrorText;
    apiNotFound: ErrorText;
    gone: ErrorText;
    rateLimited: ErrorText;
    refused: ErrorText;
    unavailable: ErrorText;
    internal: ErrorText;
    /** A form another site made the browser post. */
    crossSite: ErrorText;
    /** This browser session started as many verifications as it may per hour. */
    sessionLimit: ErrorText;
    /** This network address started as many verifications as it may for now. */
    addressLimit: ErrorText;
    startNew: string;
  };
}

const en: DemoMessages = {
  htmlLang: 'en',
  dateLocale: 'en-US',
  layout: {
    appName: 'ID Scan demo',
    skip: 'Skip to content',
    navNew: 'New verification',
    navRecent: 'Recent verifications',
    service: 'Service:',
    emulator: 'Local emulator',
    cm: 'CM.com ID Scan',
    footer: 'A host application built on',
    language: 'Language',
    mainNav: 'Main',
    api: 'API:',
  },
  tasks: { document_scan: 'Document scan', face_liveness: 'Liveness check', face_match: 'Face match' },
  fields: {
    document_number: 'Document number',
    document_type: 'Document type',
    given_names: 'Given names',
    surname: 'Surname',
    date_of_birth: 'Date of birth',
    date_of_expiry: 'Date of expiry',
    date_of_issue: 'Date of issue',
    sex: 'Sex',
    nationality: 'Nationality',
    issuing_country: 'Issuing country',
    personal_number: 'Personal number',
    place_of_birth: 'Place of birth',
    age: 'Age',
  },
  documentTypes: {
    passport: 'Passport',
    id_card: 'Identity card',
    driving_license: 'Driver’s license',
    residence_permit: 'Residence permit',
  },
  start: {
    title: 'New verification',
    heading: 'Verify an identity document',
    intro: 'Choose the checks, start the flow, and see what your application receives.',
    formTitle: 'New verification',
    errorsTitle: 'The verification could not be started',
    checks: 'Checks',
    taskChoices: {
      document_scan: { label: 'Document', hint: 'Front and back of a passport or ID card' },
      'document_scan,face_liveness': {
        label: 'Document and liveness check',
        hint: 'Adds a camera check that a real person is present',
      },
      'document_scan,face_liveness,face_match': {
        label: 'Document, liveness check and face match',
        hint: 'Also compares the selfie with the document photo',
      },
    },
    modeLegend: 'How the person goes through the flow',
    modes: {
      iframe: { label: 'Embedded', hint: 'The flow runs in a frame on this page' },
      redirect: { label: 'Redirect', hint: 'The browser goes to the flow and comes back here' },
    },
    narrowHint: 'On a screen this narrow the flow does not fit in a frame, so redirect is proposed.',
    narrowEmbedded:
      'On a screen this narrow the flow does not fit in a frame: it opens on its own page and then comes back here.',
    flowLanguage: 'Language',
    validFor: 'Link valid for',
    hours: (hours) => (hours === 1 ? '1 hour' : `${hours} hours`),
    minimumAge: 'Minimum age',
    noMinimumAge: 'No minimum',
    ageOption: (age) => `${age} years`,
    ageHint: 'Someone younger fails the verification.',
    device: 'Device',
    mobileOnly: 'Mobile only',
    mobileOnlyHint: 'On a computer the flow shows a QR code to continue on a phone',
    phoneReach: (origin) => `The phone opens ${origin}: it must be able to reach that address.`,
    phoneLocalOnly:
      'This address is on this computer only, so a phone cannot open it: set PUBLIC_URL (and HOST) to an address the phone can reach.',
    submit: 'Start verification',
    latest: 'Your latest verifications',
    allRecent: 'All your verifications',
    howTitle: 'How it works',
    how: [
      'The application creates a transaction with IdScanService.createTransaction.',
      'The person goes through the hosted flow, in a frame or after a redirect.',
      'The package hears that they finished: from the frame, the return URL or an event notification, whichever comes first.',
      'It fetches the result and emits id-scan.transaction.completed once; this application’s listener records it.',
    ],
    problems: {
      mode: 'Choose how the person goes through the flow: embedded or redirect.',
      tasks: 'Choose one of the three combinations of checks.',
      locale: 'Choose one of the offered languages.',
      expiresIn: 'Choose how long the link stays valid: from 1 to 24 hours.',
      mobileOnly: 'Mobile only is either on or off.',
      minimumAge: 'Choose one of the offered minimum ages, or none.',
      returnUrl:
        'This application’s return address was refused: the flow returns only to https addresses (http only on localhost). Set PUBLIC_URL to the https address of this application.',
      scanReturnUrl:
        'This application’s return address for phones was refused: it must be https (http only on localhost). Set PUBLIC_URL to the https address of this application.',
    },
  },
  list: {
    title: 'Recent verifications',
    intro: 'The verifications this browser started, recorded by the application’s listener, kept in memory.',
    empty: 'No verifications yet. Start one with the form.',
    awaiting: 'Awaiting the person',
    started: 'Started',
    holder: 'Holder',
    checks: 'Checks',
    flow: 'Flow',
    status: 'Status',
    embedded: 'Embedded',
    redirect: 'Redirect',
    mobileOnly: 'mobile only',
    statusExpired: 'Expired',
    statusPending: 'In progress',
    statusVerified: 'Verified',
    statusNotVerified: 'Not verified',
    statusNotFinished: 'Not finished',
  },
  flow: {
    title: 'Verify your identity',
    intro: 'Follow the steps below. When you are done, this page shows the result.',
    finishedOnPhone: 'Finished on your phone? See the result',
    needsJs: 'The verification needs JavaScript.',
    openAlone: 'Open the verification on its own page',
    phoneReach: (origin) => `To continue on a phone, the phone must be able to open ${origin}.`,
    frameTitle: 'Identity verification',
    loadFailed: 'The verification could not be loaded.',
    confirmFailed: 'Your verification was received, but this page could not confirm it.',
    checkStatus: 'Check the status of this verification',
  },
  outcome: {
    title: 'Verification result',
    started: (at) => `Verification started ${at}`,
    all: 'All verifications',
    newOne: 'New verification',
    verified: 'Identity verified',
    verifiedText: 'Every check passed. The document is genuine, valid and belongs to the person.',
    documentVerified: 'Document verified',
    documentVerifiedText:
      'Every requested check passed: the document is genuine and valid. No face match was requested, so nothing shows that it belongs to the person.',
    retryable: 'A new verification may succeed.',
    notRetryable: 'Trying again with the same document will not change this.',
    notVerified: 'Not verified',
    notFinished: 'The person stopped before the end',
    notFinishedText: (tasks) =>
      `Not done: ${tasks}. Nothing was judged for those checks; start a new verification to try again.`,
    taskFailed: {
      document_scan: 'The document could not be verified',
      face_liveness: 'The liveness check failed: no live person was detected',
      face_match: 'The face does not match the photo on the document',
    },
    taskFailedOther: (task) => `${task} failed`,
    fieldInvalid: {
      date_of_expiry: 'The document has expired (or expires sooner than allowed)',
      document_number: 'The document number did not pass validation',
      date_of_birth: 'The holder is younger (or older) than this verification allows',
      age: 'The holder is younger (or older) than this verification allows',
    },
    fieldInvalidOther: (field) => `${field} is not valid`,
    underAge: (age) => `The holder is younger than the minimum age of ${age}`,
    summary: 'Summary',
    name: 'Name',
    invalid: 'Invalid',
    images: 'Images',
    noImages: 'This result has no images.',
    imageLabels: {
      'document-front': 'Document, front',
      'document-back': 'Document, back',
      portrait: 'Portrait',
      selfie: 'Selfie',
    },
    portraitCaption: 'Cut from the document',
    selfieCaption: 'Taken in the liveness check',
    documentBack: (caption) => `${caption}, back`,
    checksTitle: 'Checks',
    taskVerdicts: {
      passed: 'Passed',
      failed: 'Failed',
      'not-performed': 'Not performed',
      'not-relied-on': 'Not relied on',
    },
    notReliedOn: 'The liveness check failed, so this similarity proves nothing.',
    score: (task) => `${task} score`,
    reports: 'Audit reports',
    simpleReport: 'Simple report (PDF)',
    simpleHint: 'Made at completion; always available',
    extendedReport: 'Extended report (PDF)',
    extendedHint: (until) => `With the document images, sealed; until ${until}`,
    extendedHintNoImages: (until) => `Sealed; this result has no document images; until ${until}`,
    view: 'View',
    download: 'Download',
    fieldsTitle: 'Document fields',
    noFields: 'The document scan returned no fields.',
    field: 'Field',
    valueUsed: 'Value used',
    mrz: 'MRZ',
    visual: 'Visual',
    comparison: 'MRZ vs visual',
    validity: 'Validity',
    printed: (locale) => `Printed text, ${locale}`,
    valid: 'Valid',
    notChecked: 'Not checked',
    match: 'Match',
    noMatch: 'No match',
    received: 'What the application received',
    transaction: 'Transaction',
    result: 'Result',
    reference: 'Reference',
    via: 'Completed via',
    vias: {
      iframe: 'the embedded flow (browser message)',
      'return-url': 'the return URL',
      webhook: 'an event notification (webhook)',
    },
    flowKind: 'Flow',
    checks: 'Checks',
    startedAt: 'Started',
    validUntil: 'Valid until',
    history: 'History',
    historyCreated: { iframe: 'Transaction created (embedded flow)', redirect: 'Transaction created (redirect flow)' },
    historyTask: (task, state) => `${task}: ${state}`,
    taskStates: { pending: 'pending', completed: 'completed', failed: 'failed' },
    historyCompleted: {
      verified: (via) => `Completed, learnt through ${via}: verified`,
      'not-verified': (via) => `Completed, learnt through ${via}: not verified`,
      'not-finished': (via) => `Ended before the last step, learnt through ${via}`,
    },
    historyExpired: 'The transaction expired before the person finished',
  },
  pending: {
    title: 'Waiting for the result',
    heading: 'Verification in progress',
    waiting: 'Waiting for the result…',
    refreshes: 'This page refreshes by itself. It changes as soon as the application hears that the person finished.',
    resume: 'Continue the verification',
  },
  expired: {
    title: 'Verification expired',
    heading: 'This verification expired',
    text: (until) => `The person did not finish before ${until}. Start a new verification to try again.`,
    whatNow: 'What now?',
    whatNowText:
      'An expired transaction cannot be resumed, and its files are gone. The simple audit report of a completed verification stays available; an unfinished one has none.',
  },
  returned: {
    notFinishedTitle: 'Your verification is not finished yet',
    notFinishedText: 'The ID Scan service has no result for it yet. Continue the verification to finish it.',
    resume: 'Continue the verification',
    unknownTitle: 'This verification is not known here',
    unknownText:
      'This application does not know the verification you came back from: it may have been started elsewhere, or before the application restarted. Start a new one.',
    unconfirmedTitle: 'We could not confirm your verification yet',
    unconfirmedText:
      'The ID Scan service did not answer properly. Nothing was lost: the result still arrives by event notification, and the verification page shows it as soon as it does.',
    checkVerification: 'Check the verification',
  },
  reportGone: {
    title: 'The extended report is no longer available',
    message: '',
    text: (until) =>
      `The extended report can be made only while the transaction is valid. This one was valid until ${until}. The simple report stays available.`,
    back: 'Back to the verification',
  },
  errors: {
    notFound: { title: 'Page not found', message: 'There is nothing here. The link may be old or mistyped.' },
    otherSession: {
      title: 'This verification belongs to another browser session',
      message:
        'The link is valid, but the verification was started in another browser (or a private window, or before this browser’s cookies were cleared), and only that session can see it. Open the link there, or start a new verification here.',
    },
    badRequest: { title: 'That did not work', message: 'The request could not be handled.' },
    apiNotFound: { title: 'Not found', message: 'The ID Scan service does not know this verification (any more).' },
    gone: {
      title: 'No longer available',
      message: 'The transaction has expired, and with it the files that belonged to it.',
    },
    rateLimited: {
      title: 'Too many requests',
      message: 'The ID Scan service asks us to slow down. Try again shortly.',
    },
    refused: {
      title: 'The ID Scan service refused this application',
      message: 'The service did not accept the application’s credentials. Check ID_SCAN_KEY_ID and ID_SCAN_SECRET.',
    },
    unavailable: {
      title: 'The ID Scan service is not available',
      message: 'The verification service did not answer properly. Nothing was lost; please try again in a minute.',
    },
    internal: {
      title: 'Something went wrong',
      message: 'The application ran into a problem. It has been logged; please try again.',
    },
    crossSite: {
      title: 'Request refused',
      message:
        'This form was sent from another website, so nothing was started. Start verifications from this demo’s own pages.',
    },
    sessionLimit: {
      title: 'Too many verifications',
      message: 'This browser has started as many verifications as the demo allows in an hour. Try again later.',
    },
    addressLimit: {
      title: 'Too many verifications',
      message:
        'Too many verifications were started from your network in the last few minutes. Try again in a few minutes.',
    },
    startNew: 'Start a new verification',
  },
};

const nl: DemoMessages = {
  htmlLang: 'nl',
  dateLocale: 'nl-NL',
  layout: {
    appName: 'ID Scan-demo',
    skip: 'Naar de inhoud',
    navNew: 'Nieuwe verificatie',
    navRecent: 'Recente verificaties',
    service: 'Dienst:',
    emulator: 'Lokale emulator',
    cm: 'CM.com ID Scan',
    footer: 'Een hosttoepassing gebouwd op',
    language: 'Taal',
    mainNav: 'Hoofdmenu',
    api: 'API:',
  },
  tasks: { document_scan: 'Documentscan', face_liveness: 'Livenesscontrole', face_match: 'Gezichtsvergelijking' },
  fields: {
    document_number: 'Documentnummer',
    document_type: 'Documentsoort',
    given_names: 'Voornamen',
    surname: 'Achternaam',
    date_of_birth: 'Geboortedatum',
    date_of_expiry: 'Vervaldatum',
    date_of_issue: 'Datum van afgifte',
    sex: 'Geslacht',
    nationality: 'Nationaliteit',
    issuing_country: 'Land van afgifte',
    personal_number: 'Persoonsnummer',
    place_of_birth: 'Geboorteplaats',
    age: 'Leeftijd',
  },
  documentTypes: {
    passport: 'Paspoort',
    id_card: 'Identiteitskaart',
    driving_license: 'Rijbewijs',
    residence_permit: 'Verblijfsvergunning',
  },
  start: {
    title: 'Nieuwe verificatie',
    heading: 'Een identiteitsdocument verifiëren',
    intro: 'Kies de controles, start de flow en zie wat uw toepassing ontvangt.',
    formTitle: 'Nieuwe verificatie',
    errorsTitle: 'De verificatie kon niet worden gestart',
    checks: 'Controles',
    taskChoices: {
      document_scan: { label: 'Document', hint: 'Voor- en achterkant van een paspoort of identiteitskaart' },
      'document_scan,face_liveness': {
        label: 'Document en livenesscontrole',
        hint: 'Met een cameracontrole dat er echt iemand aanwezig is',
      },
      'document_scan,face_liveness,face_match': {
        label: 'Document, livenesscontrole en gezichtsvergelijking',
        hint: 'Vergelijkt ook de selfie met de foto op het document',
      },
    },
    modeLegend: 'Hoe de persoon de flow doorloopt',
    modes: {
      iframe: { label: 'Ingebed', hint: 'De flow draait in een frame op deze pagina' },
      redirect: { label: 'Doorsturen', hint: 'De browser gaat naar de flow en komt hier terug' },
    },
    narrowHint: 'Op een scherm dat zo smal is, past de flow niet in een frame. Daarom wordt doorsturen voorgesteld.',
    narrowEmbedded:
      'Op een scherm dat zo smal is, past de flow niet in een frame: hij opent op een eigen pagina en komt daarna hier terug.',
    flowLanguage: 'Taal',
    validFor: 'Link geldig gedurende',
    hours: (hours) => (hours === 1 ? '1 uur' : `${hours} uur`),
    minimumAge: 'Minimumleeftijd',
    noMinimumAge: 'Geen minimum',
    ageOption: (age) => `${age} jaar`,
    ageHint: 'Wie jonger is, slaagt niet voor de verificatie.',
    device: 'Apparaat',
    mobileOnly: 'Alleen mobiel',
    mobileOnlyHint: 'Op een computer toont de flow een QR-code om op een telefoon verder te gaan',
    phoneReach: (origin) => `De telefoon opent ${origin}: dat adres moet voor de telefoon bereikbaar zijn.`,
    phoneLocalOnly:
      'Dit adres bestaat alleen op deze computer, dus een telefoon kan het niet openen: stel PUBLIC_URL (en HOST) in op een adres dat de telefoon bereikt.',
    submit: 'Verificatie starten',
    latest: 'Uw laatste verificaties',
    allRecent: 'Al uw verificaties',
    howTitle: 'Hoe het werkt',
    how: [
      'De toepassing maakt een transactie met IdScanService.createTransaction.',
      'De persoon doorloopt de gehoste flow, in een frame of na doorsturen.',
      'Het pakket hoort dat de persoon klaar is: via het frame, de return-URL of een eventmelding, wat het eerst komt.',
      'Het haalt het resultaat op en geeft id-scan.transaction.completed één keer af; de listener van deze toepassing legt het vast.',
    ],
    problems: {
      mode: 'Kies hoe de persoon de flow doorloopt: ingebed of doorsturen.',
      tasks: 'Kies een van de drie combinaties van controles.',
      locale: 'Kies een van de aangeboden talen.',
      expiresIn: 'Kies hoe lang de link geldig blijft: van 1 tot 24 uur.',
      mobileOnly: 'Alleen mobiel staat aan of uit.',
      minimumAge: 'Kies een van de aangeboden minimumleeftijden, of geen.',
      returnUrl:
        'Het terugkeeradres van deze toepassing is geweigerd: de flow keert alleen terug naar https-adressen (http alleen op localhost). Stel PUBLIC_URL in op het https-adres van deze toepassing.',
      scanReturnUrl:
        'Het terugkeeradres voor telefoons is geweigerd: het moet https zijn (http alleen op localhost). Stel PUBLIC_URL in op het https-adres van deze toepassing.',
    },
  },
  list: {
    title: 'Recente verificaties',
    intro: 'De verificaties die deze browser startte, vastgelegd door de listener van de toepassing, in het geheugen.',
    empty: 'Nog geen verificaties. Start er een met het formulier.',
    awaiting: 'Wacht op de persoon',
    started: 'Gestart',
    holder: 'Houder',
    checks: 'Controles',
    flow: 'Flow',
    status: 'Status',
    embedded: 'Ingebed',
    redirect: 'Doorsturen',
    mobileOnly: 'alleen mobiel',
    statusExpired: 'Verlopen',
    statusPending: 'Bezig',
    statusVerified: 'Geverifieerd',
    statusNotVerified: 'Niet geverifieerd',
    statusNotFinished: 'Niet afgerond',
  },
  flow: {
    title: 'Verifieer uw identiteit',
    intro: 'Volg de stappen hieronder. Als u klaar bent, toont deze pagina het resultaat.',
    finishedOnPhone: 'Klaar op uw telefoon? Bekijk het resultaat',
    needsJs: 'De verificatie heeft JavaScript nodig.',
    openAlone: 'Open de verificatie op een eigen pagina',
    phoneReach: (origin) => `Om op een telefoon verder te gaan, moet de telefoon ${origin} kunnen openen.`,
    frameTitle: 'Identiteitsverificatie',
    loadFailed: 'De verificatie kon niet worden geladen.',
    confirmFailed: 'Uw verificatie is ontvangen, maar deze pagina kon haar niet bevestigen.',
    checkStatus: 'Bekijk de status van deze verificatie',
  },
  outcome: {
    title: 'Resultaat van de verificatie',
    started: (at) => `Verificatie gestart op ${at}`,
    all: 'Alle verificaties',
    newOne: 'Nieuwe verificatie',
    verified: 'Identiteit geverifieerd',
    verifiedText: 'Alle controles zijn geslaagd. Het document is echt, geldig en van deze persoon.',
    documentVerified: 'Document geverifieerd',
    documentVerifiedText:
      'Alle gevraagde controles zijn geslaagd: het document is echt en geldig. Er is geen gezichtsvergelijking gevraagd, dus niets toont aan dat het van deze persoon is.',
    retryable: 'Een nieuwe verificatie kan wel slagen.',
    notRetryable: 'Opnieuw proberen met hetzelfde document verandert hier niets aan.',
    notVerified: 'Niet geverifieerd',
    notFinished: 'De persoon is voor het einde gestopt',
    notFinishedText: (tasks) =>
      `Niet gedaan: ${tasks}. Voor die controles is niets beoordeeld; start een nieuwe verificatie om het opnieuw te proberen.`,
    taskFailed: {
      document_scan: 'Het document kon niet worden geverifieerd',
      face_liveness: 'De livenesscontrole is mislukt: er is geen levende persoon waargenomen',
      face_match: 'Het gezicht komt niet overeen met de foto op het document',
    },
    taskFailedOther: (task) => `${task} is mislukt`,
    fieldInvalid: {
      date_of_expiry: 'Het document is verlopen (of verloopt eerder dan toegestaan)',
      document_number: 'Het documentnummer is niet door de controle gekomen',
      date_of_birth: 'De houder is jonger (of ouder) dan deze verificatie toestaat',
      age: 'De houder is jonger (of ouder) dan deze verificatie toestaat',
    },
    fieldInvalidOther: (field) => `${field} is niet geldig`,
    underAge: (age) => `De houder is jonger dan de minimumleeftijd van ${age} jaar`,
    summary: 'Samenvatting',
    name: 'Naam',
    invalid: 'Ongeldig',
    images: 'Afbeeldingen',
    noImages: 'Dit resultaat heeft geen afbeeldingen.',
    imageLabels: {
      'document-front': 'Document, voorkant',
      'document-back': 'Document, achterkant',
      portrait: 'Portret',
      selfie: 'Selfie',
    },
    portraitCaption: 'Uit het document geknipt',
    selfieCaption: 'Genomen bij de livenesscontrole',
    documentBack: (caption) => `${caption}, achterkant`,
    checksTitle: 'Controles',
    taskVerdicts: {
      passed: 'Geslaagd',
      failed: 'Mislukt',
      'not-performed': 'Niet uitgevoerd',
      'not-relied-on': 'Niet bruikbaar',
    },
    notReliedOn: 'De livenesscontrole is mislukt, dus deze overeenkomst bewijst niets.',
    score: (task) => `Score ${task}`,
    reports: 'Auditrapporten',
    simpleReport: 'Eenvoudig rapport (pdf)',
    simpleHint: 'Gemaakt bij afronding; altijd beschikbaar',
    extendedReport: 'Uitgebreid rapport (pdf)',
    extendedHint: (until) => `Met de documentafbeeldingen, verzegeld; tot ${until}`,
    extendedHintNoImages: (until) => `Verzegeld; dit resultaat heeft geen documentafbeeldingen; tot ${until}`,
    view: 'Bekijken',
    download: 'Downloaden',
    fieldsTitle: 'Documentvelden',
    noFields: 'De documentscan leverde geen velden op.',
    field: 'Veld',
    valueUsed: 'Gebruikte waarde',
    mrz: 'MRZ',
    visual: 'Visueel',
    comparison: 'MRZ vs visueel',
    validity: 'Geldigheid',
    printed: (locale) => `Gedrukte tekst, ${locale}`,
    valid: 'Geldig',
    notChecked: 'Niet gecontroleerd',
    match: 'Gelijk',
    noMatch: 'Verschillend',
    received: 'Wat de toepassing ontving',
    transaction: 'Transactie',
    result: 'Resultaat',
    reference: 'Referentie',
    via: 'Afgerond via',
    vias: {
      iframe: 'de ingebedde flow (browserbericht)',
      'return-url': 'de return-URL',
      webhook: 'een eventmelding (webhook)',
    },
    flowKind: 'Flow',
    checks: 'Controles',
    startedAt: 'Gestart',
    validUntil: 'Geldig tot',
    history: 'Geschiedenis',
    historyCreated: { iframe: 'Transactie gemaakt (ingebedde flow)', redirect: 'Transactie gemaakt (doorsturen)' },
    historyTask: (task, state) => `${task}: ${state}`,
    taskStates: { pending: 'bezig', completed: 'afgerond', failed: 'mislukt' },
    historyCompleted: {
      verified: (via) => `Afgerond, vernomen via ${via}: geverifieerd`,
      'not-verified': (via) => `Afgerond, vernomen via ${via}: niet geverifieerd`,
      'not-finished': (via) => `Voor de laatste stap beëindigd, vernomen via ${via}`,
    },
    historyExpired: 'De transactie is verlopen voordat de persoon klaar was',
  },
  pending: {
    title: 'Wachten op het resultaat',
    heading: 'Verificatie bezig',
    waiting: 'Wachten op het resultaat…',
    refreshes: 'Deze pagina ververst zichzelf. Ze verandert zodra de toepassing hoort dat de persoon klaar is.',
    resume: 'Verder met de verificatie',
  },
  expired: {
    title: 'Verificatie verlopen',
    heading: 'Deze verificatie is verlopen',
    text: (until) =>
      `De persoon was niet klaar voor ${until}. Start een nieuwe verificatie om het opnieuw te proberen.`,
    whatNow: 'Wat nu?',
    whatNowText:
      'Een verlopen transactie kan niet worden hervat, en haar bestanden zijn weg. Het eenvoudige auditrapport van een afgeronde verificatie blijft beschikbaar; een onafgeronde heeft er geen.',
  },
  returned: {
    notFinishedTitle: 'Uw verificatie is nog niet afgerond',
    notFinishedText:
      'De ID Scan-dienst heeft er nog geen resultaat voor. Ga verder met de verificatie om haar af te ronden.',
    resume: 'Verder met de verificatie',
    unknownTitle: 'Deze verificatie is hier niet bekend',
    unknownText:
      'Deze toepassing kent de verificatie niet waarvan u terugkomt: ze is misschien elders gestart, of voordat de toepassing opnieuw startte. Start een nieuwe.',
    unconfirmedTitle: 'We konden uw verificatie nog niet bevestigen',
    unconfirmedText:
      'De ID Scan-dienst antwoordde niet goed. Er is niets verloren: het resultaat komt nog via een eventmelding, en de verificatiepagina toont het zodra het er is.',
    checkVerification: 'Bekijk de verificatie',
  },
  reportGone: {
    title: 'Het uitgebreide rapport is niet meer beschikbaar',
    message: '',
    text: (until) =>
      `Het uitgebreide rapport kan alleen worden gemaakt zolang de transactie geldig is. Deze was geldig tot ${until}. Het eenvoudige rapport blijft beschikbaar.`,
    back: 'Terug naar de verificatie',
  },
  errors: {
    notFound: { title: 'Pagina niet gevonden', message: 'Hier is niets. De link is misschien oud of verkeerd getypt.' },
    otherSession: {
      title: 'Deze verificatie hoort bij een andere browsersessie',
      message:
        'De link is geldig, maar de verificatie is in een andere browser gestart (of in een privévenster, of voordat de cookies van deze browser zijn gewist), en alleen die sessie kan haar zien. Open de link daar, of start hier een nieuwe verificatie.',
    },
    badRequest: { title: 'Dat lukte niet', message: 'Het verzoek kon niet worden verwerkt.' },
    apiNotFound: { title: 'Niet gevonden', message: 'De ID Scan-dienst kent deze verificatie niet (meer).' },
    gone: {
      title: 'Niet meer beschikbaar',
      message: 'De transactie is verlopen, en daarmee de bestanden die erbij hoorden.',
    },
    rateLimited: {
      title: 'Te veel verzoeken',
      message: 'De ID Scan-dienst vraagt ons het rustiger aan te doen. Probeer het zo weer.',
    },
    refused: {
      title: 'De ID Scan-dienst weigerde deze toepassing',
      message: 'De dienst accepteerde de gegevens van de toepassing niet. Controleer ID_SCAN_KEY_ID en ID_SCAN_SECRET.',
    },
    unavailable: {
      title: 'De ID Scan-dienst is niet beschikbaar',
      message: 'De verificatiedienst antwoordde niet goed. Er is niets verloren; probeer het over een minuut opnieuw.',
    },
    internal: {
      title: 'Er ging iets mis',
      message: 'De toepassing liep tegen een probleem aan. Het is gelogd; probeer het opnieuw.',
    },
    crossSite: {
      title: 'Verzoek geweigerd',
      message:
        'Dit formulier is vanaf een andere website verstuurd; er is niets gestart. Start verificaties vanaf de pagina’s van deze demo zelf.',
    },
    sessionLimit: {
      title: 'Te veel verificaties',
      message:
        'Deze browser heeft het aantal verificaties gestart dat de demo per uur toestaat. Probeer het later opnieuw.',
    },
    addressLimit: {
      title: 'Te veel verificaties',
      message:
        'Vanaf uw netwerk zijn de afgelopen minuten te veel verificaties gestart. Probeer het over een paar minuten opnieuw.',
    },
    startNew: 'Start een nieuwe verificatie',
  },
};

const fr: DemoMessages = {
  htmlLang: 'fr',
  dateLocale: 'fr-FR',
  layout: {
    appName: 'Démo ID Scan',
    skip: 'Aller au contenu',
    navNew: 'Nouvelle vérification',
    navRecent: 'Vérifications récentes',
    service: 'Service\u00a0:',
    emulator: 'Émulateur local',
    cm: 'CM.com ID Scan',
    footer: 'Une application hôte construite sur',
    language: 'Langue',
    mainNav: 'Menu principal',
    api: 'API\u00a0:',
  },
  tasks: { document_scan: 'Scan du document', face_liveness: 'Détection du vivant', face_match: 'Comparaison faciale' },
  fields: {
    document_number: 'Numéro du document',
    document_type: 'Type de document',
    given_names: 'Prénoms',
    surname: 'Nom',
    date_of_birth: 'Date de naissance',
    date_of_expiry: 'Date d’expiration',
    date_of_issue: 'Date de délivrance',
    sex: 'Sexe',
    nationality: 'Nationalité',
    issuing_country: 'Pays de délivrance',
    personal_number: 'Numéro personnel',
    place_of_birth: 'Lieu de naissance',
    age: 'Âge',
  },
  documentTypes: {
    passport: 'Passeport',
    id_card: 'Carte d’identité',
    driving_license: 'Permis de conduire',
    residence_permit: 'Titre de séjour',
  },
  start: {
    title: 'Nouvelle vérification',
    heading: 'Vérifier une pièce d’identité',
    intro: 'Choisissez les contrôles, lancez le parcours et voyez ce que reçoit votre application.',
    formTitle: 'Nouvelle vérification',
    errorsTitle: 'La vérification n’a pas pu démarrer',
    checks: 'Contrôles',
    taskChoices: {
      document_scan: { label: 'Document', hint: 'Recto et verso d’un passeport ou d’une carte d’identité' },
      'document_scan,face_liveness': {
        label: 'Document et détection du vivant',
        hint: 'Ajoute une vérification par caméra de la présence d’une personne réelle',
      },
      'document_scan,face_liveness,face_match': {
        label: 'Document, détection du vivant et comparaison faciale',
        hint: 'Compare aussi le selfie à la photo du document',
      },
    },
    modeLegend: 'Comment la personne suit le parcours',
    modes: {
      iframe: { label: 'Intégré', hint: 'Le parcours s’affiche dans un cadre de cette page' },
      redirect: { label: 'Redirection', hint: 'Le navigateur va au parcours et revient ici' },
    },
    narrowHint:
      'Sur un écran aussi étroit, le parcours ne tient pas dans un cadre\u00a0: la redirection est donc proposée.',
    narrowEmbedded:
      'Sur un écran aussi étroit, le parcours ne tient pas dans un cadre\u00a0: il s’ouvre dans sa propre page, puis revient ici.',
    flowLanguage: 'Langue',
    validFor: 'Lien valable pendant',
    hours: (hours) => (hours === 1 ? '1 heure' : `${hours} heures`),
    minimumAge: 'Âge minimum',
    noMinimumAge: 'Aucun minimum',
    ageOption: (age) => `${age} ans`,
    ageHint: 'Une personne plus jeune échoue à la vérification.',
    device: 'Appareil',
    mobileOnly: 'Mobile uniquement',
    mobileOnlyHint: 'Sur un ordinateur, le parcours affiche un code QR pour continuer sur un téléphone',
    phoneReach: (origin) => `Le téléphone ouvre ${origin}\u00a0: cette adresse doit lui être accessible.`,
    phoneLocalOnly:
      'Cette adresse n’existe que sur cet ordinateur, un téléphone ne peut donc pas l’ouvrir\u00a0: définissez PUBLIC_URL (et HOST) sur une adresse que le téléphone atteint.',
    submit: 'Lancer la vérification',
    latest: 'Vos dernières vérifications',
    allRecent: 'Toutes vos vérifications',
    howTitle: 'Comment ça marche',
    how: [
      'L’application crée une transaction avec IdScanService.createTransaction.',
      'La personne suit le parcours hébergé, dans un cadre ou après une redirection.',
      'Le paquet apprend qu’elle a terminé\u00a0: par le cadre, l’URL de retour ou une notification d’événement, selon ce qui arrive en premier.',
      'Il récupère le résultat et émet id-scan.transaction.completed une seule fois\u202f; l’écouteur de cette application l’enregistre.',
    ],
    problems: {
      mode: 'Choisissez comment la personne suit le parcours\u00a0: intégré ou redirection.',
      tasks: 'Choisissez l’une des trois combinaisons de contrôles.',
      locale: 'Choisissez l’une des langues proposées.',
      expiresIn: 'Choisissez combien de temps le lien reste valable\u00a0: de 1 à 24 heures.',
      mobileOnly: '«\u00a0Mobile uniquement\u00a0» est soit activé, soit désactivé.',
      minimumAge: 'Choisissez l’un des âges minimums proposés, ou aucun.',
      returnUrl:
        'L’adresse de retour de cette application a été refusée\u00a0: le parcours ne revient qu’à des adresses https (http seulement sur localhost). Définissez PUBLIC_URL sur l’adresse https de cette application.',
      scanReturnUrl:
        'L’adresse de retour pour les téléphones a été refusée\u00a0: elle doit être en https (http seulement sur localhost). Définissez PUBLIC_URL sur l’adresse https de cette application.',
    },
  },
  list: {
    title: 'Vérifications récentes',
    intro:
      'Les vérifications lancées par ce navigateur, enregistrées par l’écouteur de l’application, gardées en mémoire.',
    empty: 'Aucune vérification pour l’instant. Lancez-en une avec le formulaire.',
    awaiting: 'En attente de la personne',
    started: 'Lancée',
    holder: 'Titulaire',
    checks: 'Contrôles',
    flow: 'Parcours',
    status: 'Statut',
    embedded: 'Intégré',
    redirect: 'Redirection',
    mobileOnly: 'mobile uniquement',
    statusExpired: 'Expirée',
    statusPending: 'En cours',
    statusVerified: 'Vérifiée',
    statusNotVerified: 'Non vérifiée',
    statusNotFinished: 'Non terminée',
  },
  flow: {
    title: 'Vérifiez votre identité',
    intro: 'Suivez les étapes ci-dessous. Une fois que vous aurez terminé, cette page affichera le résultat.',
    finishedOnPhone: 'Vous avez terminé sur votre téléphone\u202f? Voir le résultat',
    needsJs: 'La vérification a besoin de JavaScript.',
    openAlone: 'Ouvrir la vérification dans sa propre page',
    phoneReach: (origin) => `Pour continuer sur un téléphone, celui-ci doit pouvoir ouvrir ${origin}.`,
    frameTitle: 'Vérification d’identité',
    loadFailed: 'La vérification n’a pas pu être chargée.',
    confirmFailed: 'Votre vérification a été reçue, mais cette page n’a pas pu la confirmer.',
    checkStatus: 'Voir l’état de cette vérification',
  },
  outcome: {
    title: 'Résultat de la vérification',
    started: (at) => `Vérification lancée le ${at}`,
    all: 'Toutes les vérifications',
    newOne: 'Nouvelle vérification',
    verified: 'Identité vérifiée',
    verifiedText: 'Tous les contrôles ont réussi. Le document est authentique, valide et appartient à la personne.',
    documentVerified: 'Document vérifié',
    documentVerifiedText:
      'Tous les contrôles demandés ont réussi\u00a0: le document est authentique et valide. Aucune comparaison du visage n’a été demandée, rien ne montre donc qu’il appartient à la personne.',
    retryable: 'Une nouvelle vérification peut réussir.',
    notRetryable: 'Réessayer avec le même document n’y changera rien.',
    notVerified: 'Non vérifiée',
    notFinished: 'La personne s’est arrêtée avant la fin',
    notFinishedText: (tasks) =>
      `Non effectué\u00a0: ${tasks}. Rien n’a été jugé pour ces contrôles\u202f; lancez une nouvelle vérification pour réessayer.`,
    taskFailed: {
      document_scan: 'Le document n’a pas pu être vérifié',
      face_liveness: 'La détection du vivant a échoué\u00a0: aucune personne vivante n’a été détectée',
      face_match: 'Le visage ne correspond pas à la photo du document',
    },
    taskFailedOther: (task) => `${task} a échoué`,
    fieldInvalid: {
      date_of_expiry: 'Le document a expiré (ou expire plus tôt que ce qui est autorisé)',
      document_number: 'Le numéro du document n’a pas passé le contrôle de validité',
      date_of_birth: 'Le titulaire est plus jeune (ou plus âgé) que ne le permet cette vérification',
      age: 'Le titulaire est plus jeune (ou plus âgé) que ne le permet cette vérification',
    },
    fieldInvalidOther: (field) => `${field} n’est pas valide`,
    underAge: (age) => `Le titulaire n’a pas l’âge minimum de ${age}\u00a0ans`,
    summary: 'Résumé',
    name: 'Nom',
    invalid: 'Invalide',
    images: 'Images',
    noImages: 'Ce résultat n’a pas d’images.',
    imageLabels: {
      'document-front': 'Document, recto',
      'document-back': 'Document, verso',
      portrait: 'Portrait',
      selfie: 'Selfie',
    },
    portraitCaption: 'Extrait du document',
    selfieCaption: 'Pris lors de la détection du vivant',
    documentBack: (caption) => `${caption}, verso`,
    checksTitle: 'Contrôles',
    taskVerdicts: {
      passed: 'Réussite',
      failed: 'Échec',
      'not-performed': 'Sans résultat',
      'not-relied-on': 'Sans valeur probante',
    },
    notReliedOn: 'La détection du vivant a échoué\u00a0: cette ressemblance ne prouve rien.',
    score: (task) => `Score ${task}`,
    reports: 'Rapports d’audit',
    simpleReport: 'Rapport simple (PDF)',
    simpleHint: 'Établi à la fin\u202f; toujours disponible',
    extendedReport: 'Rapport détaillé (PDF)',
    extendedHint: (until) => `Avec les images du document, scellé\u202f; jusqu’au ${until}`,
    extendedHintNoImages: (until) => `Scellé\u202f; ce résultat n’a pas d’images du document\u202f; jusqu’au ${until}`,
    view: 'Voir',
    download: 'Télécharger',
    fieldsTitle: 'Champs du document',
    noFields: 'Le scan du document n’a renvoyé aucun champ.',
    field: 'Champ',
    valueUsed: 'Valeur retenue',
    mrz: 'MRZ',
    visual: 'Visuel',
    comparison: 'MRZ / visuel',
    validity: 'Validité',
    printed: (locale) => `Texte imprimé, ${locale}`,
    valid: 'Valide',
    notChecked: 'Non contrôlé',
    match: 'Identique',
    noMatch: 'Différent',
    received: 'Ce que l’application a reçu',
    transaction: 'Transaction',
    result: 'Résultat',
    reference: 'Référence',
    via: 'Terminée via',
    vias: {
      iframe: 'le parcours intégré (message du navigateur)',
      'return-url': 'l’URL de retour',
      webhook: 'une notification d’événement (webhook)',
    },
    flowKind: 'Parcours',
    checks: 'Contrôles',
    startedAt: 'Lancée',
    validUntil: 'Valable jusqu’au',
    history: 'Historique',
    historyCreated: {
      iframe: 'Transaction créée (parcours intégré)',
      redirect: 'Transaction créée (redirection)',
    },
    historyTask: (task, state) => `${task}\u00a0: ${state}`,
    taskStates: { pending: 'en cours', completed: 'étape terminée', failed: 'échec' },
    historyCompleted: {
      verified: (via) => `Terminée, signalée par ${via}\u00a0: vérifiée`,
      'not-verified': (via) => `Terminée, signalée par ${via}\u00a0: non vérifiée`,
      'not-finished': (via) => `Arrêtée avant la dernière étape, signalée par ${via}`,
    },
    historyExpired: 'La transaction a expiré avant que la personne ait terminé',
  },
  pending: {
    title: 'En attente du résultat',
    heading: 'Vérification en cours',
    waiting: 'En attente du résultat…',
    refreshes: 'Cette page se met à jour d’elle-même, dès que l’application apprend que la personne a terminé.',
    resume: 'Continuer la vérification',
  },
  expired: {
    title: 'Vérification expirée',
    heading: 'Cette vérification a expiré',
    text: (until) => `La personne n’a pas terminé avant le ${until}. Lancez une nouvelle vérification pour réessayer.`,
    whatNow: 'Et maintenant\u202f?',
    whatNowText:
      'Une transaction expirée ne peut pas reprendre, et ses fichiers ont disparu. Le rapport d’audit simple d’une vérification terminée reste disponible\u202f; une vérification inachevée n’en a pas.',
  },
  returned: {
    notFinishedTitle: 'Votre vérification n’est pas encore terminée',
    notFinishedText:
      'Le service ID Scan n’a pas encore de résultat pour elle. Continuez la vérification pour la terminer.',
    resume: 'Continuer la vérification',
    unknownTitle: 'Cette vérification n’est pas connue ici',
    unknownText:
      'Cette application ne connaît pas la vérification dont vous revenez\u00a0: elle a peut-être été lancée ailleurs, ou avant le redémarrage de l’application. Lancez-en une nouvelle.',
    unconfirmedTitle: 'Nous n’avons pas encore pu confirmer votre vérification',
    unconfirmedText:
      'Le service ID Scan n’a pas répondu correctement. Rien n’est perdu\u00a0: le résultat arrivera par notification d’événement, et la page de la vérification l’affichera dès qu’il sera là.',
    checkVerification: 'Voir la vérification',
  },
  reportGone: {
    title: 'Le rapport détaillé n’est plus disponible',
    message: '',
    text: (until) =>
      `Le rapport détaillé ne peut être établi que tant que la transaction est valable. Celle-ci l’était jusqu’au ${until}. Le rapport simple reste disponible.`,
    back: 'Retour à la vérification',
  },
  errors: {
    notFound: { title: 'Page introuvable', message: 'Il n’y a rien ici. Le lien est peut-être ancien ou mal saisi.' },
    otherSession: {
      title: 'Cette vérification appartient à une autre session de navigation',
      message:
        'Le lien est valide, mais la vérification a été lancée dans un autre navigateur (ou dans une fenêtre de navigation privée, ou avant l’effacement des cookies de ce navigateur), et seule cette session peut la voir. Ouvrez le lien là-bas, ou lancez une nouvelle vérification ici.',
    },
    badRequest: { title: 'Cela n’a pas fonctionné', message: 'La demande n’a pas pu être traitée.' },
    apiNotFound: { title: 'Introuvable', message: 'Le service ID Scan ne connaît pas (ou plus) cette vérification.' },
    gone: {
      title: 'Plus disponible',
      message: 'La transaction a expiré, et avec elle les fichiers qui lui appartenaient.',
    },
    rateLimited: {
      title: 'Trop de demandes',
      message: 'Le service ID Scan nous demande de ralentir. Réessayez dans un instant.',
    },
    refused: {
      title: 'Le service ID Scan a refusé cette application',
      message:
        'Le service n’a pas accepté les identifiants de l’application. Vérifiez ID_SCAN_KEY_ID et ID_SCAN_SECRET.',
    },
    unavailable: {
      title: 'Le service ID Scan n’est pas disponible',
      message:
        'Le service de vérification n’a pas répondu correctement. Rien n’est perdu\u202f; réessayez dans une minute.',
    },
    internal: {
      title: 'Une erreur s’est produite',
      message: 'L’application a rencontré un problème. Il a été consigné\u202f; réessayez.',
    },
    crossSite: {
      title: 'Requête refusée',
      message:
        'Ce formulaire a été envoyé depuis un autre site\u00a0: rien n’a été lancé. Lancez les vérifications depuis les pages de cette démo.',
    },
    sessionLimit: {
      title: 'Trop de vérifications',
      message: 'Ce navigateur a lancé autant de vérifications que la démo en permet par heure. Réessayez plus tard.',
    },
    addressLimit: {
      title: 'Trop de vérifications',
      message:
        'Trop de vérifications ont été lancées depuis votre réseau ces dernières minutes. Réessayez dans quelques minutes.',
    },
    startNew: 'Lancer une nouvelle vérification',
  },
};

/** The demo's texts by page language. */
export const DEMO_MESSAGES: Readonly<Record<DemoLanguage, DemoMessages>> = { en, nl, fr };

/** Capitalises a snake_case name: `issuing_state` → `Issuing state`. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** The name of a task in `t`'s language; an unknown one humanised. */
export function taskName(t: DemoMessages, task: string): string {
  return t.tasks[task] ?? humanize(task);
}

/** The name of a result field in `t`'s language; an unknown one humanised. */
export function fieldName(t: DemoMessages, field: string): string {
  return t.fields[field] ?? humanize(field);
}

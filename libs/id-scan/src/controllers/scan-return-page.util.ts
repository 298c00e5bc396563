/** Languages of the scan-return page. */
export const SCAN_RETURN_LANGUAGES = ['en', 'nl', 'fr'] as const;

/** One of {@link SCAN_RETURN_LANGUAGES}. */
export type ScanReturnLanguage = (typeof SCAN_RETURN_LANGUAGES)[number];

/**
/**
 * Whether the hand-off finished (`done`), the person has not finished the flow yet (`unfinished`: the API has no
 * completed result), the verification could not be confirmed (`problem`), or this server was briefly unable to
 * record it and the person should try again in a moment (`unavailable`).
 */
export type ScanReturnPageKind = 'done' | 'unfinished' | 'problem' | 'unavailable';

interface PageText {
  title: string;
  heading: string;
  body: string;
}

const TEXTS: Record<ScanReturnLanguage, Record<ScanReturnPageKind, PageText>> = {
  en: {
    done: {
      title: 'Verification finished',
      heading: 'Thank you, you are done here',
      body: 'You can go back to your computer to continue.',
    },
    unfinished: {
      title: 'Verification not finished',
      heading: 'Your verification is not finished yet',
      body: 'Go back to the verification to finish it, or to your computer to start again.',
    },
    problem: {
      title: 'Verification not confirmed',
      heading: 'We could not confirm your verification',
      body: 'Please go back to your computer to continue or to try again.',
    },
    unavailable: {
      title: 'Try again in a moment',
      heading: 'We could not record your verification just now',
      body: 'Please try again in a moment: reload this page, or go back to your computer to continue.',
    },
  },
  nl: {
    done: {
      title: 'Verificatie afgerond',
      heading: 'Bedankt, u bent hier klaar',
      body: 'U kunt teruggaan naar uw computer om verder te gaan.',
    },
    unfinished: {
      title: 'Verificatie niet afgerond',
      heading: 'Uw verificatie is nog niet afgerond',
      body: 'Ga terug naar de verificatie om haar af te ronden, of naar uw computer om opnieuw te beginnen.',
    },
    problem: {
      title: 'Verificatie niet bevestigd',
      heading: 'We konden uw verificatie niet bevestigen',
      body: 'Ga terug naar uw computer om verder te gaan of het opnieuw te proberen.',
    },
    unavailable: {
      title: 'Probeer het zo opnieuw',
      heading: 'We konden uw verificatie nu even niet vastleggen',
      body: 'Probeer het zo opnieuw: laad deze pagina opnieuw, of ga terug naar uw computer om verder te gaan.',
    },
  },
  fr: {
    done: {
      title: 'Vérification terminée',
      heading: 'Merci, vous avez terminé ici',
      body: 'Vous pouvez retourner sur votre ordinateur pour continuer.',
    },
    unfinished: {
      title: 'Vérification non terminée',
      heading: 'Votre vérification n’est pas encore terminée',
      body: 'Revenez à la vérification pour la terminer, ou retournez sur votre ordinateur pour recommencer.',
    },
    problem: {
      title: 'Vérification non confirmée',
      heading: 'Nous n’avons pas pu confirmer votre vérification',
      body: 'Retournez sur votre ordinateur pour continuer ou pour réessayer.',
    },
    unavailable: {
      title: 'Réessayez dans un instant',
      heading: 'Nous n’avons pas pu enregistrer votre vérification pour le moment',
      body: 'Réessayez dans un instant : rechargez cette page, ou retournez sur votre ordinateur pour continuer.',
    },
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The small page a phone shows after the mobile hand-off (`GET /id-scan/scan-return`). It carries no identifier
 * and no personal data; every piece of text is escaped although all of it is the package's own.
 */
export function renderScanReturnPage(language: ScanReturnLanguage, kind: ScanReturnPageKind): string {
  const text = TEXTS[language][kind];
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(text.title)}</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;font-family:system-ui,sans-serif;background:#f5f6f8;color:#1d2330}
main{max-width:28rem;margin:1.5rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);text-align:center}
h1{font-size:1.35rem;margin:0 0 .75rem}
p{margin:0;line-height:1.5}
</style>
</head>
<body>
<main data-id-scan-page="${escapeHtml(kind)}">
<h1>${escapeHtml(text.heading)}</h1>
<p>${escapeHtml(text.body)}</p>
</main>
</body>
</html>
`;
}

/**
 * The house rules of each language, as a native reader expects them:
 * - French: a no-break space before `:` and a narrow no-break space before `;`, `?` and `!`, never a plain one or
 *   none; the typographic apostrophe; one name for the liveness check ("détection du vivant");
 * - Dutch: the formal "u" throughout, never "je"/"jij"/"jouw"; "livenesscontrole" as the one name;
 * - English: "liveness check" as the one name.
 */
export const HOUSE_RULES: Readonly<Record<'en' | 'nl' | 'fr', readonly [RegExp, string][]>> = {
  en: [[/liveness(?! check)/i, 'the liveness check has one name']],
  nl: [
    [/\b(je|jij|jouw|jou)\b/i, 'formal "u" only'],
    [/liveness(?!controle)/i, 'the liveness check has one name'],
  ],
  fr: [
    [/ [:;?!]/, 'a plain space before : ; ? !'],
    [/[\p{L}\d»)’][;?!]/u, 'no space before ; ? !'],
    [/[\p{L}\d»)’]:(?!\/\/)/u, 'no space before :'],
    [/\u00a0[;?!]/, 'a narrow no-break space before ; ? !'],
    [/'/, 'the typographic apostrophe'],
    [/contrôle du vivant|document et vivant/i, 'the liveness check has one name'],
  ],
};

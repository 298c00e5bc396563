import type { Browser, Frame, Page } from 'playwright-core';
import { createDemoApp, type DemoApp } from '../apps/demo/src/demo.app';
import { IDENTITY_TEMPLATES } from '../libs/id-scan-emulator/src/simulation/identities/identity-templates.util';
import { describeWithChromium, startBesideChromium, withPage } from './support/chromium';
import { pdfText } from './support/pdf-text';

// What a person reads in each of the three languages, in headless Chromium: no English country name or caption
// on a Dutch or French page, the PDF reports in the transaction's language, the embedded frame as tall as its
// content, and a console without a single message.

jest.setTimeout(90_000);

const LOCALES = [
  { locale: 'en-US', lang: 'en', report: 'ID Scan audit report', fields: 'Extracted fields' },
  { locale: 'nl-NL', lang: 'nl', report: 'ID Scan-auditrapport', fields: 'Uitgelezen velden' },
  { locale: 'fr-FR', lang: 'fr', report: 'Rapport d’audit ID Scan', fields: 'Champs extraits' },
] as const;

const english = new Intl.DisplayNames(['en'], { type: 'region' });

describe("the emulator's countries", () => {
  it('are named in English exactly as Intl.DisplayNames names them, so that pages can translate them', () => {
    for (const template of IDENTITY_TEMPLATES) expect(english.of(template.region)).toBe(template.country);
  });
});

describeWithChromium('each language in the browser', () => {
  let demo: DemoApp;
  let browser: Browser;

  beforeAll(() =>
    startBesideChromium(
      () => createDemoApp({ port: 0, emulator: { port: 0, logger: ['error'] }, logger: ['error', 'warn'] }),
      (started) => {
        if (started.server) demo = started.server;
        if (started.browser) browser = started.browser;
      },
    ),
  );

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** Every console message and page error of `page` (and its frames), as text. */
  function consoleOf(page: Page): string[] {
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`error: ${error.message}`));
    return messages;
  }

  /** The frame's height and its content's, once they agree (the page posts its height as it changes). */
  async function frameFitsContent(page: Page, frame: Frame): Promise<{ frame: number; content: number }> {
    const iframe = page.locator('#id-scan-flow iframe');
    let last = { frame: 0, content: -1 };
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      const box = await iframe.boundingBox();
      last = { frame: Math.round(box!.height), content };
      if (Math.abs(last.frame - last.content) <= 1) return last;
      await iframe.evaluate((element) => new Promise((resolve) => requestAnimationFrame(() => resolve(element))));
    }
    return last;
  }

  it.each(LOCALES)(
    '$locale: operator pages, hosted pages and reports in $locale, the frame sized to its content',
    async ({ locale, lang, report, fields }) => {
      await withPage(browser, `locale ${locale}`, async (page) => {
        const messages = consoleOf(page);
        await page.goto(`${demo.url}/?lang=${lang}`);
        await page.locator('input[name="tasks"][value="document_scan,face_liveness,face_match"]').check();
        await page.locator('input[name="mode"][value="iframe"]').check();
        await page.locator('#locale').selectOption(locale);
        await page.getByTestId('start-verification').click();
        await page.waitForURL(/\/flow$/);
        const transactionId = /\/verifications\/([0-9a-f-]{36})\/flow$/.exec(page.url())![1];
        const frame = await (await page.locator('#id-scan-flow iframe').elementHandle()).contentFrame();
        if (!frame) throw new Error('no flow frame');

        // Each step: the frame is as tall as its page, which never scrolls inside it.
        const heights: number[] = [];
        for (const scenario of ['genuine_id_card', 'live_person', 'same_person']) {
          await frame.getByTestId(`scenario-${scenario}`).waitFor();
          expect(await frame.locator('html').getAttribute('lang')).toBe(locale);
          const fit = await frameFitsContent(page, frame);
          expect(fit.frame).toBe(fit.content);
          expect(
            await frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
          ).toBeLessThanOrEqual(1);
          heights.push(fit.frame);
          await frame.getByTestId(`scenario-${scenario}`).check();
          await frame.getByTestId('submit').click();
        }
        // The document step (two upload fields) is taller than the face match step (nothing to upload).
        expect(heights[0]).toBeGreaterThan(heights[2]);

        await page.waitForURL(`${demo.url}/verifications/${transactionId}`);
        await page.getByTestId('verdict').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        const main = (await page.locator('main').textContent()) ?? '';
        const names = new Intl.DisplayNames([lang], { type: 'region' });
        if (lang !== 'en') {
          for (const template of IDENTITY_TEMPLATES) {
            if (names.of(template.region) !== template.country) expect(main).not.toContain(template.country);
          }
        }
        const nationality = await page.getByTestId('summary-nationality').textContent();
        expect(IDENTITY_TEMPLATES.map((template) => names.of(template.region))).toContain(nationality);
        const captions = await page.locator('.gallery figcaption small').allTextContents();
        expect(captions.length).toBeGreaterThan(0);
        for (const caption of captions) expect(caption).not.toMatch(/Side B| - |Identity Card|ePassport/);
        if (lang === 'en') {
          // en-US writes the month first.
          expect(await page.locator('.page-head .eyebrow').textContent()).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
        }

        for (const type of ['simple', 'extended']) {
          const answer = await page.request.get(`${demo.url}/verifications/${transactionId}/reports/${type}`);
          expect(answer.headers()['content-type']).toBe('application/pdf');
          const text = await pdfText(await answer.body());
          expect(text).toContain(report);
          expect(text).toContain(fields);
          for (const other of LOCALES.filter((candidate) => candidate.locale !== locale)) {
            expect(text).not.toContain(other.fields);
          }
        }

        // The operator's language did not move, and no page or frame said anything on the console.
        await page.goto(demo.url);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(messages).toEqual([]);
      });
    },
  );
});

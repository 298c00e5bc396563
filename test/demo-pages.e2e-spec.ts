import { Jimp } from 'jimp';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { createDemoApp, type DemoApp } from '../apps/demo/src/demo.app';
import { describeWithChromium, startBesideChromium, withPage } from './support/chromium';

// What a person sees in the demo, in headless Chromium: giving up, a minimum age, the checks card, the history,
// narrow windows, the language of the pages and the phone hand-off.

const TRANSACTION_PATH = /\/verifications\/([0-9a-f-]{36})\/flow$/;
const ALL_TASKS = 'document_scan,face_liveness,face_match';

interface StartOptions {
  tasks?: string;
  locale?: string;
  minimumAge?: string;
  mobileOnly?: boolean;
}

jest.setTimeout(60_000);

describeWithChromium('demo pages in the browser', () => {
  let demo: DemoApp;
  let browser: Browser;

  beforeAll(() =>
    startBesideChromium(
      () => createDemoApp({ port: 0, emulator: { port: 0 }, logger: ['error', 'warn'] }),
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

  /** Starts an embedded verification from the form; resolves with the transaction id. */
  async function startVerification(page: Page, options: StartOptions = {}): Promise<string> {
    await page.goto(demo.url);
    await page.locator(`input[name="tasks"][value="${options.tasks ?? ALL_TASKS}"]`).check();
    await page.locator('input[name="mode"][value="iframe"]').check();
    await page.locator('#locale').selectOption(options.locale ?? 'en-US');
    await page.locator('#minimumAge').selectOption(options.minimumAge ?? '');
    if (options.mobileOnly) await page.locator('input[name="mobileOnly"]').check();
    await page.getByTestId('start-verification').click();
    await page.waitForURL(/\/flow$/);
    return TRANSACTION_PATH.exec(new URL(page.url()).pathname)![1];
  }

  function flowFrame(page: Page): FrameLocator {
    return page.frameLocator('#id-scan-flow iframe');
  }

  async function goThrough(flow: FrameLocator, scenarios: string[]): Promise<void> {
    for (const scenario of scenarios) {
      await flow.getByTestId(`scenario-${scenario}`).check();
      await flow.getByTestId('submit').click();
    }
  }

  async function waitForOutcome(page: Page, transactionId: string): Promise<void> {
    await page.waitForURL(`${demo.url}/verifications/${transactionId}`);
    await page.getByTestId('verdict').waitFor();
  }

  /** Each task line of the checks card: its verdict, the colour of its badge and of its bar, its score text. */
  function checksCard(page: Page) {
    return page.locator('[data-testid^="task-"]').evaluateAll((lines) =>
      lines.map((line) => {
        const bar = line.querySelector('progress');
        return {
          task: line.getAttribute('data-testid')!.slice('task-'.length),
          verdict: line.getAttribute('data-verdict'),
          badge: line.querySelector('.badge')?.className.replace('badge ', ''),
          bar: bar ? bar.className : null,
          badgeColor: getComputedStyle(line.querySelector('.badge')!).color,
          text: line.textContent.replace(/\s+/g, ' ').trim(),
        };
      }),
    );
  }

  /** Whether the summary marks an item (`data-testid="summary-<id>"`) invalid. */
  function summaryMarkedInvalid(page: Page, id: string): Promise<boolean> {
    return page
      .getByTestId(`summary-${id}`)
      .evaluate((value) => value.parentElement?.querySelector('.badge.bad') !== null);
  }

  /** The validity badge of a field's normalised row in the fields table. */
  async function fieldValidity(page: Page, field: string): Promise<string | undefined> {
    return (await page.getByTestId(`field-${field}`).locator('td').last().textContent())?.trim();
  }

  /** The colour Chromium drew at `fraction` of an element's width, halfway down, from a screenshot. */
  async function pixelAt(page: Page, selector: string, fraction: number): Promise<number[]> {
    const png = await page.locator(selector).screenshot();
    const codecs = new Jimp({ width: 1, height: 1 }).formats as unknown as {
      mime: string;
      decode(data: Buffer): Promise<{ width: number; height: number; data: Buffer }>;
    }[];
    const bitmap = await codecs.find((codec) => codec.mime === 'image/png')!.decode(png);
    const x = Math.floor(bitmap.width * fraction);
    const y = Math.floor(bitmap.height / 2);
    const at = (y * bitmap.width + x) * 4;
    return [...bitmap.data.subarray(at, at + 3)];
  }

  it('says the person stopped when they give up, with the checks they never did as not performed', async () => {
    await withPage(browser, 'gives up', async (page) => {
      const transactionId = await startVerification(page);
      const flow = flowFrame(page);
      await goThrough(flow, ['genuine_passport']);
      await flow.getByTestId('give-up').click();
      await waitForOutcome(page, transactionId);

      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-finished');
      expect(await page.getByTestId('verdict').textContent()).toContain('The person stopped before the end');
      expect(await page.getByTestId('verdict-reasons').textContent()).toContain('Liveness check, Face match');
      const card = await checksCard(page);
      expect(card.map(({ task, verdict, bar }) => [task, verdict, bar])).toEqual([
        ['document_scan', 'passed', 'ok'],
        ['face_liveness', 'not-performed', null],
        ['face_match', 'not-performed', null],
      ]);
      expect(card[1].text).toMatch(/^Liveness check Not performed\s*—$/);
      const text = await page.locator('main').textContent();
      expect(text).not.toMatch(/extractFields|no live person|does not match/);
      // The document was scanned, so the extended report does have its images.
      expect(await page.getByTestId('report-extended').textContent()).toContain('With the document images');
      // The history does not contradict itself: no "completed … not finished".
      const history = await page.getByTestId('history').textContent();
      // Learnt through the frame or an event notification, whichever came first.
      expect(history).toMatch(/Ended before the last step, learnt through (the embedded flow|an event notification)/);
      expect(history).not.toMatch(/Completed[^\n]*not finished/);
    });
  });

  it('promises no document images in the extended report when the person stopped before the document', async () => {
    await withPage(browser, 'gives up at once', async (page) => {
      const transactionId = await startVerification(page, { tasks: 'document_scan' });
      await flowFrame(page).getByTestId('give-up').click();
      await waitForOutcome(page, transactionId);
      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-finished');
      expect(await page.getByTestId('no-images').textContent()).toBe('This result has no images.');
      const extended = await page.getByTestId('report-extended').textContent();
      expect(extended).not.toContain('With the document images');
      expect(extended).toContain('this result has no document images');
    });
  });

  it('fails an under-age holder with a clear reason when a minimum age is set', async () => {
    await withPage(browser, 'minimum age', async (page) => {
      await page.goto(demo.url);
      expect(
        await page.locator('#minimumAge option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      ).toEqual(['', '16', '18', '21']);
      const transactionId = await startVerification(page, { tasks: 'document_scan', minimumAge: '18' });
      await goThrough(flowFrame(page), ['under_minimum_age']);
      await waitForOutcome(page, transactionId);
      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-verified');
      expect(await page.getByTestId('verdict-reasons').textContent()).toContain(
        'The holder is younger than the minimum age of 18',
      );
      expect(await page.getByTestId('verdict').getAttribute('data-retryable')).toBe('no');
      // The summary and the fields table agree: the age is invalid, the date of birth is not.
      expect(await summaryMarkedInvalid(page, 'age')).toBe(true);
      expect(await summaryMarkedInvalid(page, 'date-of-birth')).toBe(false);
      expect(await fieldValidity(page, 'age')).toBe('Invalid');
      expect(await fieldValidity(page, 'date_of_birth')).toBe('Valid');
    });
  });

  it('fails the document check of an invalid document number in the banner and the checks card alike', async () => {
    await withPage(browser, 'invalid document number', async (page) => {
      const transactionId = await startVerification(page, { tasks: 'document_scan,face_liveness' });
      await goThrough(flowFrame(page), ['invalid_document_number', 'live_person']);
      await waitForOutcome(page, transactionId);
      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-verified');
      expect(await page.getByTestId('verdict-reasons').textContent()).toContain(
        'The document number did not pass validation',
      );
      expect((await page.getByTestId('verdict-retry').textContent())?.trim()).toBe('A new verification may succeed.');
      const card = await checksCard(page);
      // The task itself says `completed`: the invalid field is what fails the check, in red, badge and bar.
      expect(card.map(({ task, verdict, badge, bar }) => [task, verdict, badge, bar])).toEqual([
        ['document_scan', 'failed', 'bad', 'bad'],
        ['face_liveness', 'passed', 'ok', 'ok'],
      ]);
      expect(card[0].text).toMatch(/^Document scan Failed\s*\d+%/);
      expect(await summaryMarkedInvalid(page, 'document-number')).toBe(true);
      expect(await fieldValidity(page, 'document_number')).toBe('Invalid');
    });
  });

  it('keeps an expired document failed when the person then gives up, with no retry to offer', async () => {
    await withPage(browser, 'expired then give up', async (page) => {
      const transactionId = await startVerification(page);
      const flow = flowFrame(page);
      await goThrough(flow, ['expired_document']);
      await flow.getByTestId('give-up').click();
      await waitForOutcome(page, transactionId);
      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-verified');
      expect(await page.getByTestId('verdict').textContent()).toContain('Not verified');
      const reasons = await page.locator('[data-testid="verdict-reasons"] li').allTextContents();
      expect(reasons).toEqual([
        'The document has expired (or expires sooner than allowed)',
        'Not done: Liveness check, Face match. Nothing was judged for those checks; start a new verification to try again.',
      ]);
      expect(await page.getByTestId('verdict').getAttribute('data-retryable')).toBe('no');
      expect((await page.getByTestId('verdict-retry').textContent())?.trim()).toBe(
        'Trying again with the same document will not change this.',
      );
      const card = await checksCard(page);
      expect(card.map(({ task, verdict, badge, bar }) => [task, verdict, badge, bar])).toEqual([
        ['document_scan', 'failed', 'bad', 'bad'],
        ['face_liveness', 'not-performed', 'neutral', null],
        ['face_match', 'not-performed', 'neutral', null],
      ]);
      expect(await summaryMarkedInvalid(page, 'date-of-expiry')).toBe(true);
      expect(await page.getByTestId('history').textContent()).toContain('not verified');
    });
  });

  it('verifies the document only, claiming no identity, when no face match was requested', async () => {
    await withPage(browser, 'document only', async (page) => {
      const transactionId = await startVerification(page, { tasks: 'document_scan' });
      await goThrough(flowFrame(page), ['genuine_passport']);
      await waitForOutcome(page, transactionId);
      const banner = page.getByTestId('verdict');
      expect(await banner.getAttribute('data-verdict')).toBe('verified');
      expect(await banner.getAttribute('data-identity')).toBe('not-shown');
      expect(await banner.locator('h2').textContent()).toBe('Document verified');
      const text = await banner.textContent();
      expect(text).toContain('nothing shows that it belongs to the person');
      expect(text).not.toMatch(/Identity verified|and belongs to the person/);
      const card = await checksCard(page);
      expect(card.map(({ task, verdict, badge, bar }) => [task, verdict, badge, bar])).toEqual([
        ['document_scan', 'passed', 'ok', 'ok'],
      ]);
    });
  });

  it('keeps state, bar and colour of every check in agreement', async () => {
    await withPage(browser, 'checks card', async (page) => {
      const transactionId = await startVerification(page);
      await goThrough(flowFrame(page), ['expired_document', 'liveness_fails', 'same_person']);
      await waitForOutcome(page, transactionId);
      const card = await checksCard(page);
      expect(card.map(({ task, verdict }) => [task, verdict])).toEqual([
        ['document_scan', 'failed'],
        ['face_liveness', 'failed'],
        ['face_match', 'not-relied-on'],
      ]);
      for (const line of card) {
        const tone = line.verdict === 'passed' ? 'ok' : line.verdict === 'failed' ? 'bad' : 'neutral';
        expect(line.badge).toBe(tone);
        if (line.bar !== null) expect(line.bar).toBe(tone);
      }
      // A failed document scan scored high on recognition, yet its bar is drawn in the failure's red, as its badge.
      expect(card[0].badgeColor).toBe('rgb(180, 35, 24)');
      const [r, g, b] = await pixelAt(page, '[data-testid="task-document_scan"] progress', 0.05);
      expect(r).toBeGreaterThan(150);
      expect(g).toBeLessThan(80);
      expect(b).toBeLessThan(80);
      expect(card[2].text).toContain('Not relied on');
    });
  });

  it('lists the history in time order, the completion after the task steps it completes', async () => {
    await withPage(browser, 'history', async (page) => {
      const transactionId = await startVerification(page, { tasks: 'document_scan,face_liveness' });
      await goThrough(flowFrame(page), ['genuine_passport', 'live_person']);
      await waitForOutcome(page, transactionId);
      // Task steps arrive by event notification, usually after the browser's signal: reload until both are in.
      const deadline = Date.now() + 15_000;
      while ((await page.locator('[data-testid="history"] li[data-kind="task"]').count()) < 2) {
        if (Date.now() > deadline) throw new Error('The task steps never reached the history');
        await new Promise((resolve) => setTimeout(resolve, 250));
        await page.reload();
      }
      const entries = await page
        .locator('[data-testid="history"] li')
        .evaluateAll((items) =>
          items.map((item) => ({ kind: item.getAttribute('data-kind'), at: item.querySelector('time')!.dateTime })),
        );
      const kinds = entries.map((entry) => entry.kind);
      expect(kinds[0]).toBe('created');
      expect(kinds.at(-1)).toBe('completed');
      expect(kinds.filter((kind) => kind === 'task').length).toBeGreaterThanOrEqual(2);
      const times = entries.map((entry) => Date.parse(entry.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });
  });

  it.each([390, 700])('fits a %i px wide window without sideways scrolling', async (width) => {
    await withPage(
      browser,
      `narrow ${width}`,
      async (page) => {
        const fits = () =>
          page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          }));
        await page.goto(demo.url);
        const start = await fits();
        expect(start.scrollWidth).toBeLessThanOrEqual(start.innerWidth);
        const redirectProposed = await page.locator('input[name="mode"][value="redirect"]').isChecked();
        expect(redirectProposed).toBe(width < 700);
        expect(await page.getByTestId('narrow-hint').isVisible()).toBe(width < 700);
        expect(await page.getByTestId('narrow-embedded').isVisible()).toBe(false);
        // Choosing the embedded flow anyway changes the hint with the choice: they never contradict each other.
        await page.locator('input[name="mode"][value="iframe"]').check();
        expect(await page.getByTestId('narrow-hint').isVisible()).toBe(false);
        expect(await page.getByTestId('narrow-embedded').isVisible()).toBe(width < 700);

        if (width < 700) {
          // Too narrow for the frame: the flow opens on its own page, never in a sideways-scrolling box, and
          // comes back to the outcome.
          await page.locator('input[name="tasks"][value="document_scan"]').check();
          await page.getByTestId('start-verification').click();
          await page.waitForURL(`${demo.emulator!.pageOrigin}/**`);
          const own = await fits();
          expect(own.scrollWidth).toBeLessThanOrEqual(own.innerWidth);
          await page.getByTestId('scenario-genuine_id_card').check();
          await page.getByTestId('submit').click();
          await page.waitForURL(/\/verifications\/[0-9a-f-]{36}$/);
          await page.getByTestId('verdict').waitFor();
          expect(await page.getByTestId('completed-via').textContent()).toBe('the return URL');
        } else {
          const transactionId = await startVerification(page, { tasks: 'document_scan' });
          const flow = await fits();
          expect(flow.scrollWidth).toBeLessThanOrEqual(flow.innerWidth);
          // The 650 px flow is shown whole, not clipped.
          const box = await page.locator('#id-scan-flow iframe').boundingBox();
          expect(box!.width).toBeGreaterThanOrEqual(650);
          expect(box!.x + box!.width).toBeLessThanOrEqual(width);
          await goThrough(flowFrame(page), ['genuine_id_card']);
          await waitForOutcome(page, transactionId);
        }
        // The fields table folds into cards: every column, Validity included, is on screen without scrolling.
        const table = await page
          .locator('.table-wrap')
          .first()
          .evaluate((wrap) => ({
            scrollWidth: wrap.scrollWidth,
            clientWidth: wrap.clientWidth,
            validity: wrap.querySelector('td[data-label]:last-child')!.getBoundingClientRect().right,
          }));
        expect(table.scrollWidth).toBeLessThanOrEqual(table.clientWidth);
        expect(table.validity).toBeLessThanOrEqual(width);
        const outcome = await fits();
        expect(outcome.scrollWidth).toBeLessThanOrEqual(outcome.innerWidth);
        await page.goto(`${demo.url}/verifications`);
        const list = await fits();
        expect(list.scrollWidth).toBeLessThanOrEqual(list.innerWidth);
      },
      { viewport: { width, height: 900 } },
    );
  });

  it.each([
    ['nl-NL', 'nl', 'Scan uw identiteitsbewijs'],
    ['fr-FR', 'fr', 'Scannez votre pièce d’identité'],
  ])('keeps the operator’s language after a flow in %s', async (locale, flowLang, flowHeading) => {
    await withPage(browser, `language ${flowLang}`, async (page) => {
      const transactionId = await startVerification(page, { tasks: 'document_scan', locale });
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verify your identity');
      // The flow itself speaks the transaction's locale.
      expect(await flowFrame(page).locator('html').getAttribute('lang')).toBe(locale);
      expect(await flowFrame(page).getByRole('heading', { level: 1 }).textContent()).toBe(flowHeading);
      await goThrough(flowFrame(page), ['genuine_passport']);
      await waitForOutcome(page, transactionId);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByTestId('verdict').textContent()).toContain('Document verified');
      // The start page and its default flow language are the operator's, as before the verification.
      await page.goto(demo.url);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('#locale').inputValue()).toBe('en-US');
    });
  });

  it('says that a valid link opened in another browser belongs to another session', async () => {
    await withPage(browser, 'other session', async (page) => {
      const transactionId = await startVerification(page, { tasks: 'document_scan' });
      await withPage(browser, 'other session, second browser', async (other) => {
        const answer = await other.goto(`${demo.url}/verifications/${transactionId}`);
        expect(answer?.status()).toBe(403);
        expect(await other.getByTestId('error-page').getAttribute('data-kind')).toBe('other-session');
        const text = await other.getByTestId('error-page').textContent();
        expect(text).toContain('This verification belongs to another browser session');
        expect(text).not.toContain('old or mistyped');
        // Nothing of the verification shows.
        expect(text).not.toContain(transactionId);
      });
    });
  });

  it('switches the operator’s language on request, for every page, the flow’s language apart', async () => {
    await withPage(browser, 'language switch', async (page) => {
      await page.goto(demo.url);
      await page.locator('.lang-switch a[lang="fr"]').click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vérifier une pièce d’identité');
      await page.goto(`${demo.url}/verifications`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vérifications récentes');
      const transactionId = await startVerification(page, { tasks: 'document_scan', locale: 'nl-NL' });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vérifiez votre identité');
      expect(await flowFrame(page).locator('html').getAttribute('lang')).toBe('nl-NL');
      await goThrough(flowFrame(page), ['genuine_passport']);
      await waitForOutcome(page, transactionId);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    });
  });

  it('says where the phone of the QR hand-off goes, and that a local address will not do', async () => {
    await withPage(browser, 'phone reach', async (page) => {
      await page.goto(demo.url);
      expect(await page.getByTestId('phone-reach').textContent()).toContain('set PUBLIC_URL (and HOST)');
      await startVerification(page, { mobileOnly: true });
      expect(await page.getByTestId('phone-reach').textContent()).toContain(demo.emulator!.pageOrigin);
      await flowFrame(page).getByTestId('qr-code').waitFor();
    });
  });
});

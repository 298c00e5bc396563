import type { Browser, FrameLocator, Page } from 'playwright-core';
import { createDemoApp, type DemoApp } from '../apps/demo/src/demo.app';
import { describeWithChromium, startBesideChromium, withPage } from './support/chromium';

// The demo host application in headless Chromium, on an emulator in the same process: the embedded (iframe) and
// redirect flows end to end, through the package's client.js, return route and event notifications.

const TRANSACTION_PATH = /\/verifications\/([0-9a-f-]{36})(?:\/flow)?$/;
const ALL_TASKS = 'document_scan,face_liveness,face_match';

interface StartOptions {
  tasks?: string;
  mode?: 'iframe' | 'redirect';
  mobileOnly?: boolean;
}

jest.setTimeout(60_000);

describeWithChromium('demo in the browser', () => {
  let demo: DemoApp;
  let browser: Browser;

  beforeAll(() =>
    startBesideChromium(
      () =>
        createDemoApp({
          port: 0,
          host: '127.0.0.1',
          emulator: { port: 0 },
          logger: ['error', 'warn'],
        }),
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

  /** Fills in the start form and submits it; resolves with the new transaction's id. */
  async function startVerification(page: Page, options: StartOptions = {}): Promise<string> {
    await page.goto(demo.url);
    await page.locator(`input[name="tasks"][value="${options.tasks ?? ALL_TASKS}"]`).check();
    await page.locator(`input[name="mode"][value="${options.mode ?? 'iframe'}"]`).check();
    if (options.mobileOnly) await page.locator('input[name="mobileOnly"]').check();
    await page.getByTestId('start-verification').click();
    if (options.mode === 'redirect') {
      await page.waitForURL((url) => url.origin !== demo.url);
      // Tests run one at a time, so the newest transaction is this one.
      const transaction = demo.emulator!.transactions().at(-1)!;
      expect(page.url().startsWith(transaction.url)).toBe(true);
      return transaction.id;
    }
    await page.waitForURL(/\/flow$/);
    return TRANSACTION_PATH.exec(new URL(page.url()).pathname)![1];
  }

  function flowFrame(page: Page): FrameLocator {
    return page.frameLocator('#id-scan-flow iframe');
  }

  /** Picks a scenario by its radio button, which must be visible and clickable for a person too. */
  async function chooseScenario(flow: Page | FrameLocator, scenario: string): Promise<void> {
    await flow.getByTestId(`scenario-${scenario}`).check();
    expect(await flow.getByTestId(`scenario-${scenario}`).isChecked()).toBe(true);
  }

  /** Chooses one scenario per task page and submits it. */
  async function goThrough(flow: Page | FrameLocator, scenarios: string[]): Promise<void> {
    for (const scenario of scenarios) {
      await chooseScenario(flow, scenario);
      await flow.getByTestId('submit').click();
    }
  }

  async function waitForOutcome(page: Page, transactionId: string): Promise<void> {
    await page.waitForURL(`${demo.url}/verifications/${transactionId}`);
    await page.getByTestId('verdict').waitFor();
  }

  /** Every image of the page, once loaded: its natural size (0 for a broken image). */
  async function imageSizes(page: Page): Promise<{ alt: string; width: number; height: number }[]> {
    await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    return page.locator('main img').evaluateAll((images) =>
      (images as HTMLImageElement[]).map((image) => ({
        alt: image.alt,
        width: image.naturalWidth,
        height: image.naturalHeight,
      })),
    );
  }

  it('runs the embedded flow to an outcome page with the fields, images, scores and reports', async () => {
    await withPage(browser, 'embedded flow', async (page) => {
      const transactionId = await startVerification(page);
      await goThrough(flowFrame(page), ['genuine_passport', 'live_person', 'same_person']);
      await waitForOutcome(page, transactionId);

      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('verified');
      expect(await page.getByTestId('summary-document-type').textContent()).toBe('Passport');
      for (const id of ['name', 'document-number', 'date-of-expiry', 'nationality']) {
        expect((await page.getByTestId(`summary-${id}`).textContent())?.trim()).toMatch(/\w/);
      }
      expect(await page.getByTestId('field-document_number').locator('td').nth(1).textContent()).toMatch(/\w/);
      expect(await page.getByTestId('fields').locator('tbody tr').count()).toBeGreaterThan(8);

      const images = await imageSizes(page);
      // A passport has one side with data; an identity card (the redirect test) has two.
      expect(images.map((image) => image.alt).sort()).toEqual(['Document, front', 'Portrait', 'Selfie']);
      for (const image of images) expect(image.width).toBeGreaterThan(0);

      for (const task of ['document_scan', 'face_liveness', 'face_match']) {
        expect(await page.getByTestId(`task-${task}`).textContent()).toMatch(/Passed\s*\d+%/);
      }
      const via = await page.getByTestId('completed-via').textContent();
      expect(via).toMatch(/embedded flow|event notification/);

      const report = await page.request.get(
        demo.url + (await page.getByTestId('report-extended').getAttribute('href')),
      );
      expect(report.status()).toBe(200);
      expect(report.headers()['content-type']).toBe('application/pdf');
      expect(report.headers()['cache-control']).toBe('private, no-store');
      expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');

      if (process.env.DEMO_SCREENSHOT) {
        await page.screenshot({
          path: process.env.DEMO_SCREENSHOT,
          fullPage: true,
        });
      }
    });
  });

  it('runs the redirect flow: to the hosted pages and back through the return route', async () => {
    await withPage(browser, 'redirect flow', async (page) => {
      const transactionId = await startVerification(page, {
        mode: 'redirect',
        tasks: 'document_scan',
      });
      expect(new URL(page.url()).origin).toBe(demo.emulator!.pageOrigin);
      await goThrough(page, ['genuine_id_card']);
      await waitForOutcome(page, transactionId);

      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('verified');
      expect(await page.getByTestId('summary-document-type').textContent()).toBe('Identity card');
      const images = await imageSizes(page);
      expect(images.map((image) => image.alt).sort()).toEqual(['Document, back', 'Document, front', 'Portrait']);
      for (const image of images) expect(image.width).toBeGreaterThan(0);
    });
  });

  it('shows a face that does not match the document as not verified, with the reason', async () => {
    await withPage(browser, 'face mismatch', async (page) => {
      const transactionId = await startVerification(page);
      await goThrough(flowFrame(page), ['genuine_passport', 'live_person', 'face_mismatch']);
      await waitForOutcome(page, transactionId);

      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-verified');
      expect(await page.getByTestId('verdict-reasons').textContent()).toContain(
        'The face does not match the photo on the document',
      );
      expect(await page.getByTestId('task-face_match').textContent()).toContain('Failed');
      expect(await page.getByTestId('task-document_scan').textContent()).toContain('Passed');
    });
  });

  it('comes back from a redirect flow that failed to the outcome, not verified', async () => {
    await withPage(browser, 'redirect failure', async (page) => {
      const transactionId = await startVerification(page, {
        mode: 'redirect',
        tasks: 'document_scan',
      });
      await goThrough(page, ['invalid_document_number']);
      await waitForOutcome(page, transactionId);

      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-verified');
      expect(await page.getByTestId('verdict-reasons').textContent()).toContain(
        'The document number did not pass validation',
      );
      expect(await page.getByTestId('field-document_number').getAttribute('class')).toBe('invalid');
    });
  });

  it('shows the completion learnt from an event notification alone, while the page waits for it', async () => {
    await withPage(browser, 'event notification', async (page) => {
      const transactionId = await startVerification(page, {
        tasks: 'document_scan',
      });
      await page.goto(`${demo.url}/verifications/${transactionId}`);
      await page.getByTestId('pending').waitFor();

      // No browser signal at all: only the emulator's webhook delivery tells the host.
      demo.emulator!.completeTransaction(transactionId, 'genuine_passport');
      await page.getByTestId('verdict').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('completed-via').textContent()).toContain('event notification');
      expect(await page.getByTestId('history').textContent()).toContain('Document scan: completed');
    });
  });

  it('shows the QR code hand-off for a mobile-only verification on a desktop browser', async () => {
    await withPage(browser, 'mobile only', async (page) => {
      await startVerification(page, { mobileOnly: true });
      const frame = flowFrame(page);
      const qr = frame.getByTestId('qr-code');
      await qr.waitFor();
      const size = await qr.evaluate((image) => {
        const img = image as HTMLImageElement;
        return img.complete ? img.naturalWidth : 0;
      });
      expect(size).toBeGreaterThan(0);
      expect(await frame.getByTestId('continue-here').isVisible()).toBe(true);
    });
  });

  it('takes an uploaded photo in the document step as the portrait', async () => {
    await withPage(browser, 'photo upload', async (page) => {
      const transactionId = await startVerification(page, {
        tasks: 'document_scan',
      });
      // A plain magenta picture, drawn by the browser: easy to recognise in the portrait that comes back.
      const photo = Buffer.from(
        await page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = 300;
          canvas.height = 400;
          const context = canvas.getContext('2d')!;
          context.fillStyle = '#ff00ff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          return canvas.toDataURL('image/png').split(',')[1];
        }),
        'base64',
      );
      const frame = flowFrame(page);
      await chooseScenario(frame, 'genuine_passport');
      await frame.getByTestId('photo').setInputFiles({
        name: 'me.png',
        mimeType: 'image/png',
        buffer: photo,
      });
      await frame.getByTestId('submit').click();
      await waitForOutcome(page, transactionId);

      const portrait = page.getByRole('img', { name: 'Portrait' });
      const response = await page.request.get(demo.url + (await portrait.getAttribute('src')));
      expect(response.headers()['content-type']).toMatch(/^image\/(jpeg|png)$/);
      expect(response.headers()['cache-control']).toBe('private, no-store');
      await imageSizes(page);
      const [r, g, b] = await portrait.evaluate((element) => {
        const image = element as HTMLImageElement;
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return Array.from(context.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data);
      });
      expect(r).toBeGreaterThan(200);
      expect(g).toBeLessThan(60);
      expect(b).toBeGreaterThan(200);
    });
  });

  it('shows the package’s validation problems as friendly messages on the form', async () => {
    await withPage(browser, 'validation', async (page) => {
      await page.goto(demo.url);
      // A tampered form: a language the service does not offer.
      await page.locator('#locale').evaluate((select) => {
        const option = document.createElement('option');
        option.value = 'de-DE';
        option.selected = true;
        select.appendChild(option);
      });
      await page.getByTestId('start-verification').click();
      await page.getByTestId('form-errors').waitFor();
      expect(await page.getByTestId('form-errors').textContent()).toContain('Choose one of the offered languages.');
    });
  });

  it('shows friendly pages for an unknown page and an unknown verification', async () => {
    await withPage(browser, 'not found', async (page) => {
      const response = await page.goto(`${demo.url}/verifications/00000000-0000-4000-8000-000000000000`);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect((await page.goto(`${demo.url}/no/such/page`))?.status()).toBe(404);
    });
  });

  // Moves the emulator's clock, so it runs last: every transaction pending at that moment expires.
  it('shows an expired transaction as expired, and refuses its extended report kindly after expiry', async () => {
    await withPage(browser, 'expiry', async (page) => {
      const completedId = await startVerification(page, {
        tasks: 'document_scan',
      });
      await goThrough(flowFrame(page), ['genuine_passport']);
      await waitForOutcome(page, completedId);
      const pendingId = await startVerification(page, {
        tasks: 'document_scan',
      });
      await flowFrame(page).getByTestId('scenario-genuine_passport').waitFor();

      demo.emulator!.advanceClock(3600_000 + 60_000);

      await page.reload();
      await page.waitForURL(`${demo.url}/verifications/${pendingId}`);
      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('expired');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verification expired');

      const extended = await page.goto(`${demo.url}/verifications/${completedId}/reports/extended`);
      expect(extended?.status()).toBe(410);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'The extended report is no longer available',
      );
      const simple = await page.request.get(`${demo.url}/verifications/${completedId}/reports/simple`);
      expect(simple.status()).toBe(200);
      expect(simple.headers()['content-type']).toBe('application/pdf');
    });
  });
});

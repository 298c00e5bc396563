import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import type { Browser } from 'playwright-core';
import { describeWithChromium, startBesideChromium, withPage } from '../support/chromium';
import { EmulatorApi } from './support/emulator-client';

jest.setTimeout(60_000);

// The hosted pages in headless Chromium: the scenario picker must work with the radio buttons themselves, which is
// how people using a keyboard or assistive technology, and test scripts, choose.
describeWithChromium('Emulator hosted flow in the browser', () => {
  let emulator: IdScanEmulator;
  let browser: Browser;

  beforeAll(() =>
    startBesideChromium(
      () => IdScanEmulator.start({ seed: 'hosted-flow-browser', logger: false }),
      (started) => {
        if (started.server) emulator = started.server;
        if (started.browser) browser = started.browser;
      },
    ),
  );

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('checks a scenario radio button directly and submits the choice', async () => {
    const trx = await new EmulatorApi(emulator).createTransaction({ tasks: ['document_scan'] });
    await withPage(browser, expect.getState().currentTestName ?? 'radio', async (page) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        // A stylesheet the Content-Security-Policy refused would show up here.
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(trx.url);
      const radio = page.locator('[data-testid="scenario-expired_document"]');
      await page.check('[data-testid="scenario-expired_document"]');
      expect(await radio.isChecked()).toBe(true);
      expect(await page.getByTestId('scenario-genuine_passport').isChecked()).toBe(false);
      // The radio button is named by its scenario's label.
      await expect(page.getByRole('radio', { name: 'Expired document' }).isChecked()).resolves.toBe(true);

      await page.getByTestId('submit').click();
      await page.getByTestId('done').waitFor();
      expect(errors).toEqual([]);
    });
    expect(emulator.transaction(trx.id)).toMatchObject({ state: 'completed', scenarios: ['expired_document'] });
  });
});

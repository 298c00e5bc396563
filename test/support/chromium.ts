import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/install-system-deps.sh); `CHROMIUM_PATH` points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where failing browser tests leave a screenshot of the page they were on. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'screenshots');

const INSTALL_HINT = 'run scripts/install-system-deps.sh to install it';

/**
 * `describe` for suites that drive Chromium. Without the browser the suite is skipped with a loud warning, except
 * under `CI=true`, where it runs and fails in {@link launchChromium}, so a missing browser never passes silently.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') {
    describe(name, fn);
    return;
  }
  console.warn(
    [
      '',
      '!'.repeat(100),
      `!! SKIPPED "${name}": Chromium was not found at ${CHROMIUM_PATH}.`,
      `!! The browser suite needs it: ${INSTALL_HINT} (or set CHROMIUM_PATH).`,
      '!'.repeat(100),
      '',
    ].join('\n'),
  );
  describe.skip(name, fn);
}

/** Starts one headless Chromium for a suite; give every test its own context with {@link withPage}. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium was not found at ${CHROMIUM_PATH}: ${INSTALL_HINT}`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * Starts a suite's server and Chromium at once. Each one that started is handed to `keep` before the first failure
 * is thrown, so that the suite's `afterAll` closes what did start even when the other failed.
 */
export async function startBesideChromium<T>(
  start: () => Promise<T>,
  keep: (started: { server?: T; browser?: Browser }) => void,
): Promise<void> {
  const [server, chromium] = await Promise.allSettled([start(), launchChromium()]);
  keep({
    ...(server.status === 'fulfilled' ? { server: server.value } : {}),
    ...(chromium.status === 'fulfilled' ? { browser: chromium.value } : {}),
  });
  for (const outcome of [server, chromium]) {
    if (outcome.status === 'rejected') throw outcome.reason;
  }
}

function fileNameOf(testName: string): string {
  return `${
    testName
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'test'
  }.png`;
}

/**
 * Runs `body` with a page in a fresh browser context (no cookies or storage shared between tests) and closes the
 * context afterwards. When `body` fails, the page is saved under `test-output/screenshots/` before the failure
 * goes on to Jest.
 */
export async function withPage(
  browser: Browser,
  testName: string,
  body: (page: Page, context: BrowserContext) => Promise<void>,
  contextOptions: Parameters<Browser['newContext']>[0] = {},
): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  // Shorter than Jest's test timeout, so that a stuck step fails with Playwright's account of what it waited for.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  try {
    await body(page, context).catch(async (error: unknown) => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, fileNameOf(testName));
      await page.screenshot({ path, fullPage: true }).then(
        () => console.error(`Screenshot of the failing page: ${path}`),
        (screenshotError: Error) => console.error(`No screenshot: ${screenshotError.message}`),
      );
      throw error;
    });
  } finally {
    await context.close();
  }
}

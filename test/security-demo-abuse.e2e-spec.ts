import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createDemoApp, type DemoApp } from '../apps/demo/src/demo.app';
import { describeWithChromium, startBesideChromium, withPage } from './support/chromium';

// The demo's start form was open to other sites and to floods: a page on another origin auto-submitted
// POST /verifications in Chromium (a transaction was created and the victim's session cookie replaced), 101
// anonymous posts evicted every other visitor's verifications, and the assets came without the pages' policy.

const FORM = { tasks: 'document_scan', mode: 'iframe', locale: 'en-US', expiresIn: '3600' };
const SESSION_COOKIE = 'id_scan_demo_session';

/** One browser session's cookie, kept across requests. */
class Visitor {
  private cookie = '';

  constructor(private readonly demo: DemoApp) {}

  async post(form: Record<string, string> = FORM, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.fetch('/verifications', { method: 'POST', body: new URLSearchParams(form), headers });
    return response;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.demo.url}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(init.headers as Record<string, string>) },
    });
    const session = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    if (session) this.cookie = session.split(';')[0];
    return response;
  }

  /** Starts a verification; its transaction id. */
  async start(): Promise<string> {
    const response = await this.post();
    await response.arrayBuffer();
    expect(response.status).toBe(303);
    return this.demo.emulator!.transactions().at(-1)!.id;
  }
}

/** A page on another origin that posts the demo's start form as soon as it loads. */
function attackerPage(target: string): string {
  const fields = Object.entries(FORM)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('');
  return `<!doctype html><html><body><form id="f" method="POST" action="${target}/verifications">${fields}</form>
    <script>document.getElementById('f').submit();</script></body></html>`;
}

describeWithChromium('Security: the demo refuses forged posts from other sites (Chromium)', () => {
  let demo: DemoApp;
  let browser: Browser;
  let attacker: Server;
  let attackerPort: number;

  beforeAll(async () => {
    await startBesideChromium(
      () => createDemoApp({ port: 0, emulator: { port: 0, logger: false }, logger: false }),
      (started) => {
        if (started.server) demo = started.server;
        if (started.browser) browser = started.browser;
      },
    );
    attacker = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage(demo.url)),
    );
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await demo?.close();
  });

  // localhost is another site than 127.0.0.1 (no cookie goes with the post); another port of 127.0.0.1 is the same
  // site (the cookie would go along).
  it.each([
    ['another site', 'localhost'],
    ['another port of the same host', '127.0.0.1'],
  ])('from %s: 403, no transaction, and the session and its verification stay', async (_name, attackerHost) => {
    await withPage(browser, `csrf from ${attackerHost}`, async (page, context) => {
      const started = await page.request.post(`${demo.url}/verifications`, { form: FORM, maxRedirects: 0 });
      expect(started.status()).toBe(303);
      const transactionId = demo.emulator!.transactions().at(-1)!.id;
      const cookieBefore = (await context.cookies(demo.url)).find((cookie) => cookie.name === SESSION_COOKIE);
      expect(cookieBefore).toBeDefined();
      const transactionsBefore = demo.emulator!.transactions().length;

      const refused = page.waitForResponse((response) => response.url() === `${demo.url}/verifications`);
      await page.goto(`http://${attackerHost}:${attackerPort}/`);
      const answer = await refused;
      expect(answer.status()).toBe(403);
      await page.waitForLoadState();
      await expect(page.getByTestId('error-page').getAttribute('data-kind')).resolves.toBe('crossSite');

      expect(demo.emulator!.transactions()).toHaveLength(transactionsBefore);
      const cookieAfter = (await context.cookies(demo.url)).find((cookie) => cookie.name === SESSION_COOKIE);
      expect(cookieAfter?.value).toBe(cookieBefore?.value);
      const outcome = await page.goto(`${demo.url}/verifications/${transactionId}`);
      expect(outcome?.status()).toBe(200);
    });
  });

  it('still takes the start form from its own page', async () => {
    await withPage(browser, 'own start form', async (page) => {
      await page.goto(demo.url);
      const before = demo.emulator!.transactions().length;
      await page.locator('form[action="/verifications"] [type="submit"]').first().click();
      await page.waitForURL(/\/verifications\/[^/]+\/flow$/);
      expect(demo.emulator!.transactions()).toHaveLength(before + 1);
    });
  });
});

describe('Security: the demo bounds who starts verifications, and how many', () => {
  let demo: DemoApp;

  beforeAll(async () => {
    demo = await createDemoApp({
      port: 0,
      emulator: { port: 0, logger: false },
      logger: false,
      startLimits: { perSession: 3, perAddress: 200 },
    });
  });
  afterAll(() => demo?.close());

  it('refuses a post whose Origin or Sec-Fetch-Site names another site, before any session is given', async () => {
    const forged: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site', origin: demo.url },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of forged) {
      const response = await new Visitor(demo).post(FORM, headers);
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie().some((line) => line.startsWith(SESSION_COOKIE))).toBe(false);
      expect(await response.text()).toContain('This form was sent from another website');
    }
    const own = await new Visitor(demo).post(FORM, { origin: demo.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(303);
  });

  it('lets a session start a bounded number, then says so in the visitor’s language with Retry-After', async () => {
    const visitor = new Visitor(demo);
    for (let i = 0; i < 3; i += 1) await visitor.start();
    const before = demo.emulator!.transactions().length;
    const refused = await visitor.post(FORM, { 'accept-language': 'nl-NL,nl;q=0.9' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Deze browser heeft het aantal verificaties gestart');
    expect(demo.emulator!.transactions()).toHaveLength(before);
    // Another session is not held up by it.
    await new Visitor(demo).start();
  });

  it('never forgets one visitor’s verification for another’s flood', async () => {
    const victim = new Visitor(demo);
    const kept = await victim.start();
    // 101 sessions of one address (each a dropped cookie away) start one each.
    for (let i = 0; i < 101; i += 1) await new Visitor(demo).start();
    const page = await victim.fetch(`/verifications/${kept}`);
    await page.arrayBuffer();
    expect(page.status).toBe(200);
  });

  it('serves every asset with the pages’ security headers', async () => {
    const visitor = new Visitor(demo);
    const pageHeaders = (await visitor.fetch('/')).headers;
    for (const asset of ['/assets/demo.css', '/assets/start.js', '/assets/verification.js', '/assets/favicon.svg']) {
      const response = await visitor.fetch(asset);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      for (const header of ['content-security-policy', 'x-content-type-options', 'cache-control', 'referrer-policy']) {
        expect([asset, header, response.headers.get(header)]).toEqual([asset, header, pageHeaders.get(header)]);
      }
    }
  });
});

describe('Security: the demo bounds starts per address', () => {
  let demo: DemoApp;

  beforeAll(async () => {
    demo = await createDemoApp({
      port: 0,
      emulator: { port: 0, logger: false },
      logger: false,
      startLimits: { perSession: 10, perAddress: 4 },
    });
  });
  afterAll(() => demo?.close());

  it('refuses the address’s next start, whatever the session, with a page that says so', async () => {
    for (let i = 0; i < 4; i += 1) await new Visitor(demo).start();
    const refused = await new Visitor(demo).post(FORM, { 'accept-language': 'fr' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.text()).toContain('Trop de vérifications ont été lancées depuis votre réseau');
  });
});

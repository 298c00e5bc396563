import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoApp, type DemoApp } from '../apps/demo/src/demo.app';

// The demo as several visitors see it, over plain HTTP: a verification belongs to the browser session that started
// it, return URLs never come from the Host header, the demo listens on loopback by default, and every asset and
// page says nosniff. Then the pages a person lands on when the return route could not confirm a completion.

const FORM = { tasks: 'document_scan', mode: 'iframe', locale: 'en-US', expiresIn: '3600' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** A browser's cookie jar, as far as the demo's cookies go. */
class Visitor {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly demo: DemoApp) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.demo.url}${path}`;
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      redirect: 'manual',
      ...init,
      headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  /** Starts a verification; resolves with its transaction id. */
  async start(form: Record<string, string> = FORM, headers: Record<string, string> = {}): Promise<string> {
    const response = await this.fetch('/verifications', { method: 'POST', body: new URLSearchParams(form), headers });
    await response.arrayBuffer();
    expect(response.status).toBe(303);
    const transaction = this.demo.emulator!.transactions().at(-1)!;
    return transaction.id;
  }
}

describe('demo privacy and return pages (e2e)', () => {
  let demo: DemoApp;

  beforeAll(async () => {
    demo = await createDemoApp({ port: 0, emulator: { port: 0, logger: false }, logger: ['error'] });
  });

  afterAll(async () => {
    await demo?.close();
  });

  afterEach(() => demo.emulator!.setFaults({}));

  it('listens on 127.0.0.1 unless told otherwise', () => {
    const address = (demo.app.getHttpServer() as Server).address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(demo.url).toBe(`http://127.0.0.1:${address.port}`);
  });

  it('gives a browser a signed, HttpOnly, SameSite=Lax session cookie, and a new one for a forged cookie', async () => {
    const first = await fetch(demo.url);
    const [cookie] = first.headers.getSetCookie().filter((line) => line.startsWith('id_scan_demo_session='));
    expect(cookie).toMatch(/^id_scan_demo_session=[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const value = cookie.split(';')[0];
    const again = await fetch(demo.url, { headers: { cookie: value } });
    expect(again.headers.getSetCookie().filter((line) => line.startsWith('id_scan_demo_session='))).toEqual([]);
    const forged = await fetch(demo.url, {
      headers: { cookie: `id_scan_demo_session=${'a'.repeat(22)}.${'b'.repeat(43)}` },
    });
    expect(forged.headers.getSetCookie().some((line) => line.startsWith('id_scan_demo_session='))).toBe(true);
  });

  it('shows a verification, its files and its reports only to the browser that started it', async () => {
    const owner = new Visitor(demo);
    const stranger = new Visitor(demo);
    await stranger.fetch('/');
    const transactionId = await owner.start();
    const { resultId } = demo.emulator!.completeTransaction(transactionId, 'genuine_passport');
    // The iframe signal, as client.js would post it from the owner's page.
    const completed = await owner.fetch(`/id-scan/transactions/${transactionId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resultId }),
    });
    expect(completed.status).toBe(200);

    const outcome = await owner.fetch(`/verifications/${transactionId}`);
    expect(outcome.status).toBe(200);
    const page = await outcome.text();
    const fileKey = /\/files\/(\d+-\d+)"/.exec(page)?.[1];
    expect(fileKey).toBeDefined();

    const paths = [
      `/verifications/${transactionId}`,
      `/verifications/${transactionId}/flow`,
      `/verifications/${transactionId}/files/${fileKey}`,
      `/verifications/${transactionId}/reports/simple`,
      `/verifications/${transactionId}/reports/extended`,
      `/verifications/returned?transactionId=${transactionId}`,
    ];
    for (const path of paths) {
      const own = await owner.fetch(path);
      await own.arrayBuffer();
      expect({ path, status: own.status }).not.toEqual({ path, status: 404 });
      // The link is valid, so the other browser hears that it belongs to another session: 403, and nothing of
      // the verification (a random id cannot be guessed, so this tells a stranger nothing they did not have).
      const other = await stranger.fetch(path);
      const body = await other.text();
      expect({ path, status: other.status }).toEqual({ path, status: 403 });
      expect(body).toContain('data-kind="other-session"');
      expect(body).not.toContain(transactionId);
    }
    for (const path of ['/', '/verifications']) {
      expect(await (await owner.fetch(path)).text()).toContain(transactionId);
      expect(await (await stranger.fetch(path)).text()).not.toMatch(UUID);
    }
  });

  it('hides a pending verification’s flow page, and so its hosted-flow URL, from other browsers', async () => {
    const owner = new Visitor(demo);
    const stranger = new Visitor(demo);
    const transactionId = await owner.start();
    const url = demo.emulator!.transaction(transactionId)!.url;
    const own = await owner.fetch(`/verifications/${transactionId}/flow`);
    expect(await own.text()).toContain(url);
    for (const path of [
      `/verifications/${transactionId}/flow`,
      `/verifications/${transactionId}`,
      '/verifications',
      '/',
    ]) {
      const text = await (await stranger.fetch(path)).text();
      expect(text).not.toContain(url);
    }
  });

  it('builds return URLs from its own address, whatever Host header the request carries', async () => {
    const visitor = new Visitor(demo);
    await visitor.start({ ...FORM, mode: 'redirect' }, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    const transaction = demo.emulator!.transactions().at(-1)!;
    expect(transaction.returnUrl).toBe(`${demo.url}/id-scan/return`);
    expect(transaction.scanReturnUrl).toBe(`${demo.url}/id-scan/scan-return`);
  });

  it('serves every asset and page with nosniff', async () => {
    for (const path of [
      '/assets/demo.css',
      '/assets/verification.js',
      '/assets/start.js',
      '/assets/favicon.svg',
      '/',
      '/verifications',
      '/nope',
    ]) {
      const response = await fetch(`${demo.url}${path}`);
      await response.arrayBuffer();
      expect({ path, nosniff: response.headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
    }
  });

  it('offers the reports for viewing and as a download with a file name', async () => {
    const visitor = new Visitor(demo);
    const transactionId = await visitor.start();
    const { resultId } = demo.emulator!.completeTransaction(transactionId, 'genuine_passport');
    await visitor.fetch(`/id-scan/transactions/${transactionId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resultId }),
    });
    const page = await (await visitor.fetch(`/verifications/${transactionId}`)).text();
    for (const type of ['simple', 'extended']) {
      expect(page).toContain(`href="/verifications/${transactionId}/reports/${type}"`);
      expect(page).toContain(`href="/verifications/${transactionId}/reports/${type}?download=1"`);
      const view = await visitor.fetch(`/verifications/${transactionId}/reports/${type}`);
      await view.arrayBuffer();
      expect(view.headers.get('content-disposition')).toBe(
        `inline; filename="id-scan-${type}-report-${transactionId}.pdf"`,
      );
      const saved = await visitor.fetch(`/verifications/${transactionId}/reports/${type}?download=1`);
      expect(saved.headers.get('content-type')).toBe('application/pdf');
      expect(saved.headers.get('content-disposition')).toBe(
        `attachment; filename="id-scan-${type}-report-${transactionId}.pdf"`,
      );
      expect(
        Buffer.from(await saved.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
  });

  describe('when the return route could not confirm the completion', () => {
    async function returnTo(visitor: Visitor, transactionId: string, resultId: string) {
      const back = await visitor.fetch(`/id-scan/return?trxid=${transactionId}&resultid=${resultId}`);
      expect(back.status).toBe(302);
      const landing = await visitor.fetch(back.headers.get('location')!);
      return { status: landing.status, page: await landing.text() };
    }

    it('says "not finished yet" for a result id the service does not have, never a server error', async () => {
      const visitor = new Visitor(demo);
      const transactionId = await visitor.start({ ...FORM, mode: 'redirect' });
      const { status, page } = await returnTo(visitor, transactionId, randomUUID());
      expect(status).toBe(200);
      expect(page).toContain('data-kind="not-finished"');
      expect(page).toContain('Your verification is not finished yet');
      expect(page).toContain(`href="${demo.emulator!.transaction(transactionId)!.url}"`);
    });

    it('says the verification is not known here for a transaction this application did not start', async () => {
      const { status, page } = await returnTo(new Visitor(demo), randomUUID(), randomUUID());
      expect(status).toBe(404);
      expect(page).toContain('data-kind="unknown"');
      expect(page).not.toContain('statusCode');
    });

    it('says the service did not answer when it is unavailable, with a link to the verification', async () => {
      const visitor = new Visitor(demo);
      const transactionId = await visitor.start({ ...FORM, mode: 'redirect' });
      const { resultId } = demo.emulator!.completeTransaction(transactionId, 'genuine_passport');
      demo.emulator!.setFaults({ getResult: { unavailable: 1 } });
      const { status, page } = await returnTo(visitor, transactionId, resultId);
      expect(status).toBe(502);
      expect(page).toContain('data-kind="unconfirmed"');
      expect(page).toContain(`href="/verifications/${transactionId}"`);
    });

    it('shows a page, never JSON, for bad parameters', async () => {
      const visitor = new Visitor(demo);
      const back = await visitor.fetch('/id-scan/return?trxid=nope', {
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(back.status).toBe(302);
      const landing = await visitor.fetch(back.headers.get('location')!);
      expect(landing.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await landing.text()).toContain('data-kind="unknown"');
    });
  });
});

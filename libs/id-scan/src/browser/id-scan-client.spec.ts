import { parse } from 'acorn';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { loadIdScanBrowserScript } from './id-scan-browser-script.util';

/** A request the loopback host received. */
interface Received {
  method: string;
  url: string;
  contentType?: string;
  body: unknown;
}

/** A loopback stand-in for the host's complete endpoint: records requests, answers what the test says. */
class LoopbackHost {
  readonly received: Received[] = [];
  answer: { status: number; body: unknown } = { status: 200, body: { completed: true } };
  private server?: Server;
  private next: ((request: Received) => void)[] = [];
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves with the next request. */
  request(): Promise<Received> {
    return new Promise((resolve) => this.next.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const received: Received = {
      method: req.method ?? '',
      url: req.url ?? '',
      contentType: req.headers['content-type'],
      body: text ? JSON.parse(text) : undefined,
    };
    this.received.push(received);
    res.writeHead(this.answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(this.answer.body));
    this.next.shift()?.(received);
  }
}

/** The handful of DOM objects the helper touches, as plain objects. */
class FakeElement {
  readonly attributes: Record<string, string> = {};
  readonly style: Record<string, string> = {};
  readonly children: FakeElement[] = [];
  parentNode: FakeElement | null = null;
  src = '';
  title = '';
  contentWindow: object | null = null;

  constructor(readonly tagName: string) {}

  setAttribute(name: string, value: string): void {
    this.attributes[name] = value;
  }

  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    child.parentNode = this;
    return child;
  }

  removeChild(child: FakeElement): FakeElement {
    this.children.splice(this.children.indexOf(child), 1);
    child.parentNode = null;
    return child;
  }
}

type MessageListener = (event: { origin: string; source: unknown; data: unknown }) => void;

interface MountOptions {
  url?: unknown;
  transactionId?: unknown;
  onComplete?: (body: unknown) => void;
  onError?: (error: Error & { status?: number; body?: unknown }) => void;
  completeEndpoint?: string;
  title?: string;
  height?: string;
}

interface Page {
  IdScan: { mount(element: unknown, options: MountOptions): { iframe: FakeElement; unmount(): void } };
  container: FakeElement;
  listeners: Set<MessageListener>;
  post(origin: string, data: unknown, source?: unknown): void;
}

const FLOW_ORIGIN = 'https://id-scan.example.com';
const FLOW_URL = `${FLOW_ORIGIN}/en-us/identifications/abc`;
const TRANSACTION = '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d';
const RESULT = '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';

/** Runs the served script in a fresh context whose `window.fetch` is Node's real fetch. */
function loadPage(scriptSrc: string, pageHref: string): Page {
  const listeners = new Set<MessageListener>();
  const container = new FakeElement('div');
  const document = {
    currentScript: { src: scriptSrc },
    createElement: (tag: string) => {
      const element = new FakeElement(tag);
      if (tag === 'iframe') element.contentWindow = {};
      return element;
    },
    querySelector: (selector: string) => (selector === '#verify' ? container : null),
  };
  const window: Record<string, unknown> = {
    location: { href: pageHref },
    addEventListener: (type: string, listener: MessageListener) => type === 'message' && listeners.add(listener),
    removeEventListener: (type: string, listener: MessageListener) => type === 'message' && listeners.delete(listener),
    fetch: (url: string, init: RequestInit) => fetch(url, init),
  };
  runInNewContext(loadIdScanBrowserScript().source, { window, document, URL });
  const page = window as unknown as Pick<Page, 'IdScan'>;
  return {
    IdScan: page.IdScan,
    container,
    listeners,
    post: (origin, data, source) => {
      const iframe = container.children[0];
      for (const listener of [...listeners]) listener({ origin, data, source: source ?? iframe?.contentWindow });
    },
  };
}

/** Mounts and resolves with the first callback, whichever it is. */
function mountAndSettle(page: Page, options: MountOptions = {}) {
  let handle!: { iframe: FakeElement; unmount(): void };
  const settled = new Promise<{ completed?: unknown; error?: Error & { status?: number; body?: unknown } }>(
    (resolve) => {
      handle = page.IdScan.mount(page.container, {
        url: FLOW_URL,
        transactionId: TRANSACTION,
        onComplete: (body) => resolve({ completed: body }),
        onError: (error) => resolve({ error }),
        ...options,
      });
    },
  );
  return { handle, settled };
}

describe('id-scan-client.js (browser helper)', () => {
  const host = new LoopbackHost();
  let page: Page;

  beforeAll(() => host.start());
  afterAll(() => host.stop());
  beforeEach(() => {
    host.received.length = 0;
    host.answer = { status: 200, body: { transactionId: TRANSACTION, resultId: RESULT, completed: true } };
    page = loadPage(`${host.origin}/api/id-scan/client.js`, `${host.origin}/verify`);
  });

  it('is plain ES2019 under 5 KB', () => {
    const { source } = loadIdScanBrowserScript();
    expect(Buffer.byteLength(source)).toBeLessThan(5 * 1024);
    expect(() => parse(source, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
    expect(() => parse('a?.b', { ecmaVersion: 2019 })).toThrow();
  });

  it('mounts an accessible iframe of at least 650 px that may use the camera and go full screen', () => {
    const { handle } = mountAndSettle(page);
    const iframe = page.container.children[0];
    expect(handle.iframe).toBe(iframe);
    expect(iframe.tagName).toBe('iframe');
    expect(iframe.src).toBe(FLOW_URL);
    expect(iframe.attributes.allow).toBe('camera; fullscreen');
    // Chromium warns "Allow attribute will take precedence over 'allowfullscreen'" when both are present.
    expect(iframe.attributes).not.toHaveProperty('allowfullscreen');
    expect(iframe.title).not.toBe('');
    expect(iframe.style.minWidth).toBe('650px');
    expect(iframe.style.width).toBe('100%');
    expect(iframe.style.height).toBe('720px');
  });

  it('follows the height the flow posts, only from its frame on its origin', () => {
    const { handle } = mountAndSettle(page);
    page.post(FLOW_ORIGIN, { type: 'id-scan.resize', height: 512.4 });
    expect(handle.iframe.style.height).toBe('513px');
    page.post('https://evil.example', { type: 'id-scan.resize', height: 90 });
    page.post(FLOW_ORIGIN, { type: 'id-scan.resize', height: 90 }, {});
    page.post(FLOW_ORIGIN, { type: 'id-scan.resize', height: -5 });
    page.post(FLOW_ORIGIN, { type: 'id-scan.resize', height: 'tall' });
    expect(handle.iframe.style.height).toBe('513px');
    page.post(FLOW_ORIGIN, { type: 'id-scan.resize', height: 300 });
    expect(handle.iframe.style.height).toBe('300px');
    expect(host.received).toHaveLength(0);
  });

  it('keeps a height the host chose', () => {
    const { handle } = mountAndSettle(page, { height: '90vh' });
    page.post(FLOW_ORIGIN, { type: 'id-scan.resize', height: 400 });
    expect(handle.iframe.style.height).toBe('90vh');
  });

  it('accepts a selector, a title and a height', () => {
    const handle = page.IdScan.mount('#verify', {
      url: FLOW_URL,
      transactionId: TRANSACTION,
      title: 'Verify',
      height: '90vh',
    });
    expect(handle.iframe.title).toBe('Verify');
    expect(handle.iframe.style.height).toBe('90vh');
  });

  it.each([
    [
      'the message of docs/id-scan-api.md §B5',
      { type: 'id-scan.completed', transactionId: TRANSACTION, resultId: RESULT },
    ],
    ['resultID', { resultID: RESULT }],
    ['result_id', { result_id: RESULT }],
    ['resultid', { resultid: RESULT }],
    ['a JSON string', JSON.stringify({ resultId: RESULT })],
  ])('posts %s to the complete endpoint beside the script and reports the answer', async (_, message) => {
    const { settled } = mountAndSettle(page);
    page.post(FLOW_ORIGIN, message);
    await expect(settled).resolves.toEqual({ completed: host.answer.body });
    expect(host.received).toEqual([
      {
        method: 'POST',
        url: `/api/id-scan/transactions/${TRANSACTION}/complete`,
        contentType: 'application/json',
        body: { resultId: RESULT },
      },
    ]);
  });

  it('ignores messages from another origin, another frame, another transaction, or without a result id', async () => {
    const { settled } = mountAndSettle(page);
    page.post('https://evil.example', { resultId: RESULT });
    page.post(FLOW_ORIGIN, { resultId: RESULT }, {});
    page.post(FLOW_ORIGIN, { resultId: RESULT, transactionId: '11111111-1111-4111-8111-111111111111' });
    page.post(FLOW_ORIGIN, { type: 'id-scan.progress' });
    page.post(FLOW_ORIGIN, 'not json');
    page.post(FLOW_ORIGIN, null);
    page.post(FLOW_ORIGIN, { resultId: 42 });
    const request = host.request();
    page.post(FLOW_ORIGIN, { resultId: RESULT });
    await request;
    await settled;
    expect(host.received).toHaveLength(1);
  });

  it('reports a refused completion with its status and body, and retries on a repeated message', async () => {
    host.answer = { status: 404, body: { statusCode: 404, code: 'transaction_unknown', message: 'Not started here.' } };
    const failed = mountAndSettle(page).settled;
    page.post(FLOW_ORIGIN, { resultId: RESULT });
    const { error } = await failed;
    expect(error?.message).toBe('Not started here.');
    expect(error?.status).toBe(404);
    expect(error?.body).toEqual(host.answer.body);

    host.answer = { status: 200, body: { completed: true } };
    const retried = host.request();
    page.post(FLOW_ORIGIN, { resultId: RESULT });
    await expect(retried).resolves.toMatchObject({ body: { resultId: RESULT } });
  });

  it('sends a single request while one is in flight, and none after completion', async () => {
    const { handle, settled } = mountAndSettle(page);
    page.post(FLOW_ORIGIN, { resultId: RESULT });
    page.post(FLOW_ORIGIN, { resultId: RESULT });
    await settled;
    page.post(FLOW_ORIGIN, { resultId: RESULT });
    // The page shown after completion still sizes its frame, until the host unmounts it.
    page.post(FLOW_ORIGIN, { type: 'id-scan.resize', height: 240 });
    expect(handle.iframe.style.height).toBe('240px');
    expect(host.received).toHaveLength(1);
  });

  it('uses completeEndpoint when given, with {id} replaced', async () => {
    const { settled } = mountAndSettle(page, { completeEndpoint: `${host.origin}/custom/{id}/done` });
    page.post(FLOW_ORIGIN, { resultId: RESULT });
    await settled;
    expect(host.received[0].url).toBe(`/custom/${TRANSACTION}/done`);
  });

  it('unmount removes the iframe and stops listening', () => {
    const { handle } = mountAndSettle(page);
    handle.unmount();
    expect(page.container.children).toHaveLength(0);
    expect(page.listeners.size).toBe(0);
  });

  it.each([
    ['no element', null, { url: FLOW_URL, transactionId: TRANSACTION }, /element/],
    ['an unknown selector', '#nope', { url: FLOW_URL, transactionId: TRANSACTION }, /element/],
    ['no transaction id', 'container', { url: FLOW_URL }, /transactionId/],
    ['a relative url', 'container', { url: '/flow', transactionId: TRANSACTION }, /url/],
    ['a javascript: url', 'container', { url: 'javascript:alert(1)', transactionId: TRANSACTION }, /url/],
  ])('refuses %s with a TypeError', (_, element, options, message) => {
    const target = element === 'container' ? page.container : element;
    expect(() => page.IdScan.mount(target, options)).toThrow(message);
    expect(page.listeners.size).toBe(0);
  });
});

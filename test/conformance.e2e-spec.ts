import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { CONFORMANCE_CHECKS } from '../conformance/checks';
import {
  CM_PRODUCTION_BASE_URL,
  LIVE_SKIPPED_LINE,
  liveTarget,
  runConformanceCli,
} from '../conformance/conformance.cli';
import { ApiProbeClient, ProbePaths, RATE_LIMIT_RETRIES } from '../conformance/runner/api-probe.client';
import { packageSigner } from '../conformance/runner/conformance-tokens.util';
import { renderDriftReport } from '../conformance/report/drift-report.writer';
import { runConformance, runEmbeddedConformance } from '../conformance/runner/conformance.runner';
import { startRewritingProxy, type AnswerRewrite, type RewritingProxy } from './support/rewriting-proxy';

/** The drift report's JSON, as much of it as these tests read. */
interface DriftReportJson {
  mode: string;
  counts: { pass: number; fail: number; not_checkable: number };
  created: { transactions: number; unplannedTransactions: number; webhooks: number; webhooksLeft: string[] };
  checks: {
    id: string;
    basis: string;
    section: string;
    verdict: string;
    expected: string;
    seen: string;
    revisit?: { section: string; emulator: string };
  }[];
}

/**
 * Error answers in another shape: RFC 9457 problem details instead of the `{code, message}` of
 * docs/id-scan-api.md §B6.
 */
const problemDetails: AnswerRewrite = (answer) =>
  answer.status >= 400
    ? {
        status: answer.status,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Request failed', status: answer.status }),
      }
    : undefined;

describe('Conformance kit (npm run conformance)', () => {
  it('passes every check against the embedded emulator', async () => {
    const run = await runEmbeddedConformance({ logger: false });

    expect(run.mode).toBe('embedded');
    expect(run.results.map((result) => result.id)).toEqual(CONFORMANCE_CHECKS.map((check) => check.id));
    expect(run.results.filter((result) => result.verdict !== 'pass')).toEqual([]);
    expect(run.created.transactions).toBe(1);
    expect(run.created.webhooksDeleted).toEqual(run.created.webhooksCreated);
  });

  it('waits out a throttling API instead of reporting its 429s as drift', async () => {
    const run = await runEmbeddedConformance({
      logger: false,
      faults: { '*': { rateLimit: 1, retryAfterSeconds: 0, times: RATE_LIMIT_RETRIES } },
    });

    expect(run.results.filter((result) => result.verdict !== 'pass')).toEqual([]);
  });

  it('tags every check with its cost, what it rests on and a section of the API reference', () => {
    for (const check of CONFORMANCE_CHECKS) {
      expect(check.id).toMatch(new RegExp(`^${check.group}\\.[a-z0-9-]+$`));
      expect(['free', 'one transaction']).toContain(check.cost);
      expect(check.section).toMatch(check.basis === 'documented' ? /^A([1-9]|1[0-5])$/ : /^B[1-6]$/);
      expect(check.emulator).toMatch(/libs\/id-scan-emulator\/src\//);
    }
    expect(new Set(CONFORMANCE_CHECKS.map((check) => check.id)).size).toBe(CONFORMANCE_CHECKS.length);
    const order = ['auth', 'validation', 'transactions', 'errors', 'webhooks', 'downloads'];
    const groups = CONFORMANCE_CHECKS.map((check) => order.indexOf(check.group));
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
  });

  it('reports an API that does not answer as failures, and still runs the offline checks', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const run = await runConformance({
      mode: 'live',
      baseUrl: `http://127.0.0.1:${port}/id-scan/v1/`,
      credentials: { keyId: 'key', secret: 'a-secret-of-at-least-thirty-two-characters' },
    });

    const passed = run.results.filter((result) => result.verdict === 'pass').map((result) => result.id);
    expect(passed).toEqual(['auth.cm-example-token', 'transactions.cm-result-example']);
    const others = run.results.filter((result) => result.verdict !== 'pass');
    expect(others.every((result) => result.verdict === 'fail' && result.seen === 'no answer (ECONNREFUSED)')).toBe(
      true,
    );
  });

  describe('live target from the environment', () => {
    it.each([
      ['no credentials', {}],
      ['no credentials under CI', { CI: 'true' }],
      ['a key id without a secret', { ID_SCAN_KEY_ID: 'key' }],
      ['a secret without a key id', { ID_SCAN_SECRET: 'secret' }],
    ])('is skipped with one line for %s', (_case, env) => {
      expect(liveTarget(env)).toEqual({ kind: 'skipped', line: LIVE_SKIPPED_LINE });
    });

    it('defaults to CM production and takes ID_SCAN_BASE_URL when given', () => {
      const credentials = { ID_SCAN_KEY_ID: 'key', ID_SCAN_SECRET: 'secret' };
      expect(liveTarget(credentials)).toEqual({
        kind: 'live',
        baseUrl: CM_PRODUCTION_BASE_URL,
        credentials: { keyId: 'key', secret: 'secret' },
      });
      expect(liveTarget({ ...credentials, ID_SCAN_BASE_URL: 'http://127.0.0.1:9/id-scan/v1' })).toMatchObject({
        baseUrl: 'http://127.0.0.1:9/id-scan/v1/',
      });
      expect(liveTarget({ ...credentials, ID_SCAN_BASE_URL: 'ftp://example.com/' })).toMatchObject({ kind: 'invalid' });
    });
  });

  it('runs the embedded checks and skips live mode with one clear line without credentials', async () => {
    const lines: string[] = [];
    const code = await runConformanceCli({ env: { CI: 'true' }, write: (line) => lines.push(line) });

    expect(code).toBe(0);
    expect(lines.filter((line) => line.startsWith('Live mode'))).toEqual([LIVE_SKIPPED_LINE]);
    expect(lines.join('\n')).toMatch(/embedded run against http:\/\/127\.0\.0\.1:\d+\/id-scan\/v1\/: \d+ pass, 0 fail/);
  });

  describe('live mode against a second emulator that behaves differently', () => {
    let emulator: IdScanEmulator;
    let proxy: RewritingProxy | undefined;
    let reportDir: string;

    beforeEach(async () => {
      emulator = await IdScanEmulator.start({ logger: false });
      reportDir = mkdtempSync(join(tmpdir(), 'id-scan-conformance-'));
    });

    afterEach(async () => {
      await proxy?.close();
      proxy = undefined;
      await emulator.stop();
      rmSync(reportDir, { recursive: true, force: true });
    });

    it('reports drifted error bodies as failed §B6 assumptions (docs/id-scan-api.md), says what it creates, cleans up', async () => {
      proxy = await startRewritingProxy(emulator.url, problemDetails);
      const { keyId, secret } = emulator.credentials[0];
      const lines: string[] = [];

      const code = await runConformanceCli({
        env: {
          ID_SCAN_KEY_ID: keyId,
          ID_SCAN_SECRET: secret,
          ID_SCAN_BASE_URL: proxy.url,
          CONFORMANCE_REPORT_DIR: reportDir,
        },
        write: (line) => lines.push(line),
      });

      expect(code).toBe(1);
      const output = lines.join('\n');
      expect(output).toContain(`Live mode against ${proxy.url}`);
      expect(output).toMatch(/It will create 1 transaction .* and 1 webhook to https:\/\/example\.com\//);

      const report = JSON.parse(readFileSync(join(reportDir, 'drift-report.json'), 'utf8')) as DriftReportJson;
      expect(report.mode).toBe('live');
      const failed = report.checks.filter((check) => check.verdict === 'fail');
      expect(failed.map((check) => check.id).sort()).toEqual(
        CONFORMANCE_CHECKS.filter((check) => check.group === 'errors')
          .map((check) => check.id)
          .sort(),
      );
      for (const check of failed) {
        expect(check).toMatchObject({ basis: 'assumption', section: 'B6' });
        const declared = CONFORMANCE_CHECKS.find((candidate) => candidate.id === check.id);
        expect(check.revisit).toEqual({ section: 'docs/id-scan-api.md §B6', emulator: declared?.emulator });
        expect(check.seen).toContain('application/problem+json');
      }
      // Statuses did not drift, so everything resting on them still passes.
      expect(report.counts).toEqual({
        pass: CONFORMANCE_CHECKS.length - failed.length,
        fail: failed.length,
        not_checkable: 0,
      });

      const markdown = readFileSync(join(reportDir, 'drift-report.md'), 'utf8');
      expect(markdown).toMatch(/### Failed assumptions[^#]*\*\*errors\.unauthorized\*\* \(docs\/id-scan-api\.md §B6\)/);
      expect(markdown).toContain('Emulator behaviour to revisit: EmulatorApiError');

      // One transaction, never finished; the webhook is gone again.
      expect(emulator.transactions()).toHaveLength(1);
      expect(emulator.transactions()[0].state).toBe('pending');
      expect(report.created).toEqual({ transactions: 1, unplannedTransactions: 0, webhooks: 1, webhooksLeft: [] });
      const signer = packageSigner({ keyId, secret });
      const webhooks = await new ApiProbeClient(emulator.url).send({
        method: 'GET',
        path: ProbePaths.webhooks(),
        authorization: `Bearer ${await signer.token()}`,
      });
      expect(webhooks.json).toEqual([]);
      expect(emulator.webhookDeliveries()).toEqual([]);

      // Nothing secret or personal in either report: no secret, no token, no value of the documented example.
      for (const text of [markdown, readFileSync(join(reportDir, 'drift-report.json'), 'utf8')]) {
        expect(text).not.toContain(secret);
        expect(text).not.toMatch(/eyJ[\w-]+\./);
        expect(text).not.toMatch(/JANSSENS|XK1234567|Belg\b/);
      }
    });

    it('lists drift from documented behaviour apart from failed assumptions', async () => {
      // This API answers a creation with 200 and writes its timestamps with Z, unlike every documented example.
      proxy = await startRewritingProxy(emulator.url, (answer) =>
        answer.method === 'POST' && answer.path.endsWith('/transactions') && answer.status === 201
          ? {
              status: 200,
              contentType: 'application/json',
              body: answer.body.toString('utf8').replace(/\+00:00"/g, 'Z"'),
            }
          : undefined,
      );
      const run = await runConformance({ mode: 'live', baseUrl: proxy.url, credentials: emulator.credentials[0] });

      const failed = run.results.filter((result) => result.verdict === 'fail');
      expect(failed.map((result) => [result.id, result.basis, result.section])).toEqual([
        ['transactions.create-201', 'assumption', 'B1'],
        ['transactions.timestamps', 'documented', 'A1'],
        ['transactions.details', 'documented', 'A4'],
      ]);
      expect(failed[0].seen).toBe('200 (application/json)');
      expect(failed[1].seen).toContain('ISO with Z');
      const markdown = renderDriftReport(run);
      const [assumptions, documented] = markdown.split('### Failed documented behaviour');
      expect(assumptions).toMatch(
        /### Failed assumptions[^#]*\*\*transactions\.create-201\*\* \(docs\/id-scan-api\.md §B1\)/,
      );
      expect(documented.split('## Every check')[0]).toMatch(
        /\*\*transactions\.timestamps\*\* \(docs\/id-scan-api\.md §A1\)/,
      );
    });

    it('stops sending requests it expects refused once one of them was accepted', async () => {
      // This API accepts what the kit expects refused: its 400s on POST /transactions come back as 201.
      proxy = await startRewritingProxy(emulator.url, (answer) =>
        answer.method === 'POST' && answer.path.endsWith('/transactions') && answer.status === 400
          ? { status: 201, contentType: 'application/json', body: '{}' }
          : undefined,
      );
      const run = await runConformance({
        mode: 'live',
        baseUrl: proxy.url,
        credentials: emulator.credentials[0],
        checks: CONFORMANCE_CHECKS.filter((check) => ['validation', 'errors'].includes(check.group)),
      });

      const verdicts = Object.fromEntries(run.results.map((result) => [result.id, result.verdict]));
      expect(verdicts['validation.task-combination']).toBe('fail');
      expect(run.results.find((result) => result.id === 'validation.task-combination')?.seen).toBe(
        '201 (application/json)',
      );
      const notSent = run.results.filter((result) => result.verdict === 'not_checkable');
      expect(notSent.map((result) => result.id)).toEqual(
        expect.arrayContaining(['validation.locale', 'errors.validation-failed', 'errors.malformed-json']),
      );
      expect(notSent.every((result) => /already created a transaction/.test(result.seen))).toBe(true);
      expect(run.created.unplannedTransactions).toBe(1);
      // The first refused-looking request went out; none after it (the shared one for result-not-found aside).
      const creates = proxy.answers.filter(
        (answer) => answer.method === 'POST' && answer.path.endsWith('/transactions'),
      );
      expect(creates).toHaveLength(2);
    });
  });
});

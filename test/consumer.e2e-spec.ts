import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommandFailedError,
  cleanEnvironment,
  runCommand,
  RunningProcess,
  type CommandOutput,
} from './support/child-process';
import { CONSUMER_DEV_TOOLS, CONSUMER_PEERS, writeConsumerApp } from './support/consumer-app';
import {
  README_EXTRA_PACKAGES,
  readmeTypeScriptBlocks,
  writeReadmeProject,
  type ReadmeSnippet,
} from './support/readme-snippets';

// The packages as a user gets them: `npm run build:packages`, the tarballs installed with their peers into a fresh
// Nest application outside the repository, compiled by strict TypeScript, booted, and driven over HTTP against the
// packaged emulator. Nothing here resolves through the repository's tsconfig paths or jest's module mapper.

const ROOT = join(__dirname, '..');
const PACKAGES_DIR = join(ROOT, 'dist', 'packages');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const SETUP_TIMEOUT_MS = 8 * 60_000;
const TEST_TIMEOUT_MS = 5 * 60_000;
const START_TIMEOUT_MS = 60_000;

interface PackageManifest {
  name: string;
  version: string;
  license?: string;
  main?: string;
  types?: string;
  exports?: Record<string, unknown>;
  engines?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Exact versions the repository's lock file installed, for the consumer to install the same ones. */
function lockedVersions(names: readonly string[]): Record<string, string> {
  const lock = readJson<{ packages: Record<string, { version?: string }> }>(join(ROOT, 'package-lock.json'));
  return Object.fromEntries(
    names.map((name) => {
      const version = lock.packages[`node_modules/${name}`]?.version;
      if (!version) throw new Error(`package-lock.json has no entry for ${name}`);
      return [name, version];
    }),
  );
}

/**
 * `ID_SCAN_CONSUMER_PEERS=previous` installs the previous majors of the peers (NestJS 11 and its companion packages)
 * instead of the repository's locked versions, to check the lower half of the peer ranges. It needs the registry.
 */
const PREVIOUS_MAJOR_PEERS: Record<string, string> = {
  '@nestjs/common': '^11.0.0',
  '@nestjs/core': '^11.0.0',
  '@nestjs/platform-express': '^11.0.0',
  '@nestjs/axios': '^4.0.0',
  '@nestjs/config': '^4.0.0',
  '@nestjs/event-emitter': '^3.0.0',
  'class-validator': '^0.14.0',
};

function consumerVersions(): Record<string, string> {
  const locked = lockedVersions([...CONSUMER_PEERS, ...CONSUMER_DEV_TOOLS]);
  const choice = process.env.ID_SCAN_CONSUMER_PEERS ?? 'locked';
  if (choice === 'locked') return locked;
  if (choice === 'previous') return { ...locked, ...PREVIOUS_MAJOR_PEERS };
  throw new Error(`ID_SCAN_CONSUMER_PEERS must be "locked" or "previous", not "${choice}"`);
}

/** Whether the configured npm registry answers at all (`npm ping`). */
async function registryAnswers(): Promise<boolean> {
  const ping = runCommand('npm', ['ping', '--fetch-retries=0'], {
    cwd: ROOT,
    env: cleanEnvironment(),
    timeoutMs: 60_000,
  });
  return ping.then(
    () => true,
    () => false,
  );
}

function tarballOf(name: string): string {
  const file = readdirSync(PACKAGES_DIR).find((entry) =>
    new RegExp(`^${name}-\\d+\\.\\d+\\.\\d+.*\\.tgz$`).test(entry),
  );
  if (!file) throw new Error(`build:packages left no tarball for ${name} in ${PACKAGES_DIR}`);
  return file;
}

function loudWarning(lines: string[]): void {
  console.warn(['', '*'.repeat(100), ...lines.map((line) => `*  ${line}`), '*'.repeat(100), ''].join('\n'));
}

describe('nestjs-id-scan and nestjs-id-scan-emulator as installed packages', () => {
  const processes: RunningProcess[] = [];
  const credentials = {
    keyId: 'consumer-test-key',
    secret: randomBytes(32).toString('base64url'),
  };
  let workDir: string | undefined;
  let installProblem: string | undefined;

  const npmEnvironment = (): NodeJS.ProcessEnv =>
    cleanEnvironment({
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    });

  const start = (name: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess => {
    const child = RunningProcess.start(name, process.execPath, args, {
      cwd: workDir!,
      env: cleanEnvironment(env),
    });
    processes.push(child);
    return child;
  };

  /** Whether the consumer could be installed; explains loudly when the registry was out of reach. */
  const installed = (): boolean => {
    if (installProblem === undefined) return true;
    loudWarning([
      'SKIPPED: the consumer application could not install its packages from the npm registry or the npm cache.',
      'Reach the registry (or warm the cache with `npm ci`) and run the suite again; under CI=true this fails.',
      installProblem,
    ]);
    return false;
  };

  beforeAll(async () => {
    await runCommand(process.execPath, [join(ROOT, 'scripts', 'build-packages.mjs')], {
      cwd: ROOT,
      env: cleanEnvironment(),
      timeoutMs: 4 * 60_000,
    });

    workDir = mkdtempSync(join(tmpdir(), 'nestjs-id-scan-consumer-'));
    const tarballs = {
      idScan: tarballOf('nestjs-id-scan'),
      emulator: tarballOf('nestjs-id-scan-emulator'),
    };
    for (const file of Object.values(tarballs)) copyFileSync(join(PACKAGES_DIR, file), join(workDir, file));
    writeConsumerApp(workDir, { packages: consumerVersions(), tarballs });

    // Offline first: the repository's own install filled the npm cache; the registry is asked only for what is missing.
    const install = runCommand(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        // Retry a registry hiccup, yet tell an unreachable registry apart within minutes.
        '--fetch-retries=2',
        '--fetch-retry-mintimeout=2000',
        '--fetch-retry-maxtimeout=10000',
      ],
      {
        cwd: workDir,
        env: npmEnvironment(),
        timeoutMs: 5 * 60_000,
      },
    );
    const failure = await install.then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    if (failure) {
      // npm may word a missing registry as a resolution error, so the registry is asked directly.
      const unreachable = failure instanceof CommandFailedError && (failure.timedOut || !(await registryAnswers()));
      if (!unreachable || process.env.CI === 'true') throw failure;
      installProblem = `npm install failed for lack of the registry: ${failure.message.slice(0, 2000)}`;
      return;
    }

    await runCommand(process.execPath, [TSC, '-p', 'tsconfig.json'], {
      cwd: workDir,
      env: cleanEnvironment(),
      timeoutMs: 3 * 60_000,
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop()));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  it.each(['nestjs-id-scan', 'nestjs-id-scan-emulator'])(
    'packs %s with its compiled code, typings, README and LICENSE, and no tests, sources or maps',
    async (name) => {
      const listing: CommandOutput = await runCommand('tar', ['-tzf', join(PACKAGES_DIR, tarballOf(name))], {
        cwd: ROOT,
        env: cleanEnvironment(),
        timeoutMs: 30_000,
      });
      const files = listing.stdout
        .split('\n')
        .filter(Boolean)
        .map((entry) => entry.replace(/^package\//, ''));

      expect(files).toEqual(
        expect.arrayContaining([
          'package.json',
          'README.md',
          'LICENSE',
          'dist/index.js',
          'dist/index.mjs',
          'dist/index.d.ts',
          'dist/index.d.mts',
        ]),
      );
      const unwanted = files.filter(
        (file) =>
          /\.(spec|e2e-spec|test)\.|(^|\/)(test|testing|__fixtures__)\//.test(file) ||
          /\.map$|(^|\/)tsconfig[^/]*\.json$/.test(file) ||
          (/\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file)),
      );
      expect(unwanted).toEqual([]);
    },
  );

  it('ships the browser helper inside nestjs-id-scan', async () => {
    const listing = await runCommand('tar', ['-tzf', join(PACKAGES_DIR, tarballOf('nestjs-id-scan'))], {
      cwd: ROOT,
      env: cleanEnvironment(),
      timeoutMs: 30_000,
    });
    const sources = readdirSync(join(ROOT, 'libs', 'id-scan', 'src', 'browser')).filter((file) => file.endsWith('.js'));

    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) expect(listing.stdout).toContain(`package/dist/browser/${file}`);
  });

  it('describes both packages with versions, CommonJS and ESM entries, and honest peers', () => {
    const idScan = readJson<PackageManifest>(join(PACKAGES_DIR, 'nestjs-id-scan', 'package.json'));
    const emulator = readJson<PackageManifest>(join(PACKAGES_DIR, 'nestjs-id-scan-emulator', 'package.json'));

    for (const manifest of [idScan, emulator]) {
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(manifest.license).toBe('MIT');
      expect(manifest.main).toBe('./dist/index.js');
      expect(manifest.types).toBe('./dist/index.d.ts');
      expect(manifest.exports?.['.']).toEqual({
        import: { types: './dist/index.d.mts', default: './dist/index.mjs' },
        require: { types: './dist/index.d.ts', default: './dist/index.js' },
      });
      expect(manifest.engines?.node).toBeDefined();
      expect(manifest.peerDependencies?.['@nestjs/common']).toBeDefined();
      expect(manifest.peerDependencies?.['@nestjs/core']).toBeDefined();
    }
    expect(idScan.dependencies).toEqual(expect.objectContaining({ jose: expect.any(String) as string }));
    expect(idScan.peerDependenciesMeta).toEqual({
      '@nestjs/terminus': { optional: true },
      '@opentelemetry/api': { optional: true },
      bullmq: { optional: true },
      ioredis: { optional: true },
    });
    // The emulator stands alone: a host may install it without the integration package, and the other way round.
    expect(Object.keys({ ...emulator.dependencies, ...emulator.peerDependencies })).not.toContain('nestjs-id-scan');
    expect(Object.keys({ ...idScan.dependencies, ...idScan.peerDependencies })).not.toContain(
      'nestjs-id-scan-emulator',
    );
  });

  it('installs the chosen peers, without the optional ioredis, @nestjs/terminus and @opentelemetry/api', () => {
    if (!installed()) return;
    const modules = join(workDir!, 'node_modules');
    const wanted = consumerVersions();
    const installedVersions = Object.fromEntries(
      CONSUMER_PEERS.map((name) => [name, readJson<PackageManifest>(join(modules, name, 'package.json')).version]),
    );
    // An exact version must be installed as is; a caret range (previous majors) by its major (minor below 1.0).
    const expected = Object.fromEntries(
      CONSUMER_PEERS.map((name) => {
        const version = wanted[name] ?? '';
        const caret = /^\^((?:0\.)?\d+)\./.exec(version);
        return [
          name,
          caret ? expect.stringMatching(new RegExp(`^${caret[1].replace('.', '\\.')}\\.`)) : version,
        ] as const;
      }),
    );
    expect(installedVersions).toEqual(expected);
    expect(existsSync(join(modules, 'nestjs-id-scan', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(modules, 'ioredis'))).toBe(false);
    expect(existsSync(join(modules, '@nestjs', 'terminus'))).toBe(false);
    expect(existsSync(join(modules, '@opentelemetry', 'api'))).toBe(false);
  });

  it(
    'boots a strict TypeScript Nest application, completes a transaction against the emulator and emits the event',
    async () => {
      if (!installed()) return;
      const emulator = start('emulator', ['dist/emulator.mjs'], {
        EMULATOR_KEY_ID: credentials.keyId,
        EMULATOR_SECRET: credentials.secret,
      });
      const [, apiUrl] = await emulator.waitForLine(/^EMULATOR_READY (\S+)$/, START_TIMEOUT_MS);

      const app = start('consumer application', ['dist/main.js'], {
        ID_SCAN_KEY_ID: credentials.keyId,
        ID_SCAN_SECRET: credentials.secret,
        ID_SCAN_BASE_URL: apiUrl,
      });
      const [, port] = await app.waitForLine(/^CONSUMER_READY (\d+)$/, START_TIMEOUT_MS);
      const appUrl = `http://127.0.0.1:${port}`;

      // The browser helper is a file beside the compiled code: served from the installed package, not the repository.
      const client = await fetch(`${appUrl}/id-scan/client.js`);
      expect(client.status).toBe(200);
      expect(client.headers.get('content-type')).toMatch(/javascript/);
      expect(await client.text()).toContain('IdScan');

      const created = await fetch(`${appUrl}/verifications`, {
        method: 'POST',
      });
      expect(created.status).toBe(201);
      const { transactionId, url } = (await created.json()) as {
        transactionId: string;
        url: string;
      };
      expect(url.startsWith(new URL(apiUrl).origin)).toBe(true);

      const resultId = await completeInHostedFlow(url);
      const completion = await fetch(`${appUrl}/id-scan/transactions/${transactionId}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resultId }),
      });
      expect(completion.status).toBe(200);
      expect(await completion.json()).toEqual(expect.objectContaining({ transactionId, resultId, completed: true }));

      const [, marker] = await app.waitForLine(/^CONSUMER_COMPLETED (\{.*\})$/, START_TIMEOUT_MS);
      expect(JSON.parse(marker)).toEqual({
        isEventClass: true,
        transactionId,
        resultId,
        reference: 'order-1001',
        via: 'iframe',
        state: 'completed',
      });

      // The extended audit report: a PDF with the document images, drawn by the packaged emulator and streamed through.
      const report = await fetch(`${appUrl}/verifications/${transactionId}/results/${resultId}/report`);
      expect(report.status).toBe(200);
      expect(report.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await report.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');

      expect(app.output).not.toContain(credentials.secret);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'loads both packages from an ES module with named imports, sharing one module instance with Nest',
    async () => {
      if (!installed()) return;
      const { stdout } = await runCommand(process.execPath, ['dist/esm-host.mjs'], {
        cwd: workDir!,
        env: cleanEnvironment(),
        timeoutMs: START_TIMEOUT_MS,
      });
      const line = stdout.split('\n').find((entry) => entry.startsWith('ESM_HOST '));

      expect(line).toBeDefined();
      expect(JSON.parse(line!.slice('ESM_HOST '.length))).toEqual({
        resolved: true,
        types: {
          IdScanError: 'function',
          IdScanEvents: 'object',
          IdScanModule: 'function',
          IdScanService: 'function',
          InMemoryTransactionStore: 'function',
          TransactionCompletedEvent: 'function',
          idScanConfig: 'function',
          IdScanEmulator: 'function',
        },
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'type-checks every TypeScript block of the README against the packed package',
    async () => {
      if (!installed()) return;
      const snippets = readmeTypeScriptBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
      // The quickstart's files, the factory, health, shared store and test blocks at least.
      expect(snippets.length).toBeGreaterThanOrEqual(9);
      await typeCheckReadme(snippets);
    },
    TEST_TIMEOUT_MS,
  );

  /**
   * Installs the packed packages with the consumer's peers and the README's extras (the optional peers, a test's
   * tools) into a folder of its own, writes the README's blocks there and compiles them with strict TypeScript.
   */
  async function typeCheckReadme(snippets: ReadmeSnippet[]): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'nestjs-id-scan-readme-'));
    try {
      const tarballs = { idScan: tarballOf('nestjs-id-scan'), emulator: tarballOf('nestjs-id-scan-emulator') };
      for (const file of Object.values(tarballs)) copyFileSync(join(PACKAGES_DIR, file), join(dir, file));
      const manifest = {
        name: 'id-scan-readme',
        version: '1.0.0',
        private: true,
        dependencies: {
          ...consumerVersions(),
          ...lockedVersions(README_EXTRA_PACKAGES),
          'nestjs-id-scan': `file:./${tarballs.idScan}`,
          'nestjs-id-scan-emulator': `file:./${tarballs.emulator}`,
        },
      };
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--fetch-retries=2'], {
        cwd: dir,
        env: npmEnvironment(),
        timeoutMs: 4 * 60_000,
      });
      writeReadmeProject(dir, snippets);
      const compiled = runCommand(process.execPath, [TSC, '-p', 'tsconfig.json'], {
        cwd: dir,
        env: cleanEnvironment(),
        timeoutMs: 3 * 60_000,
      });
      // On failure, name the README lines of the files tsc complains about.
      await compiled.catch((error: unknown) => {
        const where = snippets.map((snippet) => `${snippet.file} = README.md line ${snippet.line}`).join('; ');
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(${where})`);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

/**
 * Goes through the emulator's hosted pages the way a person does inside the host's iframe (the browser marks those
 * requests `Sec-Fetch-Dest: iframe`): one form per task with a passing scenario, then the done page, whose data block
 * carries the message the page posts to the parent. Answers that message's result id, which client.js would send on.
 */
async function completeInHostedFlow(url: string): Promise<string> {
  const framed = { 'sec-fetch-dest': 'iframe' };
  const passingScenarios = {
    document_scan: 'genuine_passport',
    face_liveness: 'live_person',
    face_match: 'same_person',
  };
  for (const [task, scenario] of Object.entries(passingScenarios)) {
    const form = new FormData();
    form.set('scenario', scenario);
    const answer = await fetch(`${url}/tasks/${task}`, {
      method: 'POST',
      body: form,
      headers: framed,
      redirect: 'manual',
    });
    expect({ task, status: answer.status }).toEqual({ task, status: 303 });
  }
  const done = await fetch(url, { headers: framed });
  expect(done.status).toBe(200);
  const data = (await done.text()).match(/<script type="application\/json" id="id-scan-completion">([^<]*)<\/script>/);
  expect(data).not.toBeNull();
  const { message } = JSON.parse(data![1]) as {
    message: { type: string; resultId: string };
  };
  expect(message.type).toBe('id-scan.completed');
  return message.resultId;
}

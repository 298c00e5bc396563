import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';

const STORES = join(__dirname, 'index.ts');

/** The declarations the stores' public entry emits, keyed by path relative to this folder. */
function emitStoreDeclarations(): Map<string, string> {
  const emitted = new Map<string, string>();
  const program = ts.createProgram([STORES], {
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    outDir: '/out',
    rootDir: dirname(__dirname),
  });
  const result = program.emit(undefined, (fileName, text) => {
    emitted.set(fileName.replace(/^\/out\//, ''), text);
  });
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost({})));
  return emitted;
}

describe('RedisTransactionStore typings', () => {
  let declarations: Map<string, string>;
  let dir: string;

  beforeAll(() => {
    declarations = emitStoreDeclarations();
    dir = mkdtempSync(join(tmpdir(), 'id-scan-typings-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('import nothing from ioredis', () => {
    const store = declarations.get('stores/redis-transaction.store.d.ts');
    expect(store).toContain('export interface RedisTransactionStoreClient');
    for (const [file, text] of declarations) {
      expect({ file, imports: text.match(/(from|import\(|require\()\s*['"]ioredis['"]/g) }).toEqual({
        file,
        imports: null,
      });
    }
  });

  it('compile with skipLibCheck: false where ioredis is not installed, and accept a structural client', () => {
    for (const [file, text] of declarations) {
      mkdirSync(dirname(join(dir, 'lib', file)), { recursive: true });
      writeFileSync(join(dir, 'lib', file), text);
    }
    const consumer = join(dir, 'consumer.ts');
    writeFileSync(
      consumer,
      `import { RedisTransactionStore, type RedisTransactionStoreClient } from './lib/stores';
declare const client: RedisTransactionStoreClient;
export const fromClient = new RedisTransactionStore(client, { keyPrefix: 'app:', commandTimeoutMs: 500 });
export const fromUrl = new RedisTransactionStore('redis://127.0.0.1:6379');
export const fromOptions = new RedisTransactionStore({ host: '127.0.0.1', port: 6379, db: 2 });
export const answers: Promise<void> = fromUrl.ping();
`,
    );
    const program = ts.createProgram([consumer], {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    expect(ts.formatDiagnostics(diagnostics, ts.createCompilerHost({}))).toBe('');
    // The check is only meaningful if ioredis really cannot be found from there.
    expect(ts.resolveModuleName('ioredis', consumer, {}, ts.sys).resolvedModule).toBeUndefined();
  });
});

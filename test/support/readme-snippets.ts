import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** One ```ts block of the README: the file it names in its first line, and its text. */
export interface ReadmeSnippet {
  /** Relative path from the block's first line, such as `src/app.module.ts`. */
  file: string;
  source: string;
  /** 1-based line of the README where the block starts, for messages. */
  line: number;
}

/** Packages the README's blocks import beyond the consumer's peers: the optional peers and a test's tools. */
export const README_EXTRA_PACKAGES = [
  '@nestjs/terminus',
  'ioredis',
  'bullmq',
  '@opentelemetry/api',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/sdk-metrics',
  '@nestjs/testing',
  'supertest',
  '@types/supertest',
  '@types/jest',
] as const;

/**
 * Every ```ts block of a README. Each must begin with a comment naming its file (`// src/app.module.ts`), so that
 * the blocks compile together as the project a reader would assemble from them; a block without one is an error.
 */
export function readmeTypeScriptBlocks(readme: string): ReadmeSnippet[] {
  const blocks: ReadmeSnippet[] = [];
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    const body = lines.slice(start, end);
    const file = /^\/\/ (src\/[\w./-]+\.ts)$/.exec(body[0] ?? '')?.[1];
    if (!file || normalize(file) !== file || file.includes('..')) {
      throw new Error(`README.md line ${start}: a ts block must start with "// src/<file>.ts", not "${body[0]}"`);
    }
    blocks.push({ file, source: `${body.join('\n')}\n`, line: start });
    i = end;
  }
  return blocks;
}

/**
 * Writes the README's blocks as a small project in `dir`, compiled with the consumer's strict settings plus jest's
 * typings for the test block. Names the blocks share must agree, or the compilation fails.
 */
export function writeReadmeProject(dir: string, snippets: readonly ReadmeSnippet[]): void {
  const seen = new Set<string>();
  for (const snippet of snippets) {
    if (seen.has(snippet.file)) throw new Error(`README.md names ${snippet.file} twice`);
    seen.add(snippet.file);
    mkdirSync(dirname(join(dir, snippet.file)), { recursive: true });
    writeFileSync(join(dir, snippet.file), snippet.source);
  }
  const tsconfig = {
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'ES2023',
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      noUnusedLocals: true,
      // The installed packages' declarations are checked too, as in the consumer application.
      skipLibCheck: false,
      noEmit: true,
      types: ['node', 'jest'],
    },
    include: ['src'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
}

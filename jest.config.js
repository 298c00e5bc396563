// Jest runs TypeScript through SWC (decorator metadata on). NestJS 12, jose and axios ship ESM only, so those
// packages are transformed to CommonJS as well; everything else in node_modules is left alone.
const esmOnly = [
  '@nestjs',
  'jose',
  'axios',
  'proxy-from-env',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'load-esm',
  'uid',
  '@standard-schema',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    '^nestjs-id-scan$': '<rootDir>/libs/id-scan/src/index.ts',
    '^nestjs-id-scan-emulator$': '<rootDir>/libs/id-scan-emulator/src/index.ts',
  },
  testTimeout: 30000,
};

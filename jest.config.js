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
  // Quiet output: the code under test logs into a capture per test file, printed only with a failing test's report
  // (test/support/suite-logs.ts).
  testEnvironment: '<rootDir>/test/support/quiet-logs.environment.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/quiet-logs.setup.ts'],
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    '^nestjs-id-scan$': '<rootDir>/libs/id-scan/src/index.ts',
    '^nestjs-id-scan-emulator$': '<rootDir>/libs/id-scan-emulator/src/index.ts',
    // Test-only helpers shared by the specs beside the code and the suites in test/, without climbing folders.
    '^id-scan-test-kit/(.*)$': '<rootDir>/test/support/$1',
  },
  // The line between "slow" and "hung": a test that takes twice its quiet time on a busy machine is no hang.
  testTimeout: 60000,
  // Jest's default is one worker less than the cores: on a 2-core machine a single process running every file in
  // turn. The end-to-end files spend most of their time waiting on sockets, child processes and timers, so a
  // worker per core keeps the suite well under five minutes there; the time bounds the tests check hold on a
  // machine whose cores are all busy (scripts/test-under-load.sh).
  maxWorkers: '100%',
};

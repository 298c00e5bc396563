// Builds the publishable packages `nestjs-id-scan` and `nestjs-id-scan-emulator` into dist/packages/<name>/ and packs
// each into dist/packages/<name>-<version>.tgz (`npm run build:packages`; a package name as argument builds only it).
//
// The published manifest is derived, not hand-kept: the source manifest (libs/<lib>/package.json) says who the
// package is and which libraries it expects from the host (peerDependencies); every other package that the compiled
// code or its typings import becomes a dependency, at the range the root package.json pins. An import that is
// neither fails the build, so the manifest cannot drift from the code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * @typedef {{ dir: string, name: string }} Library
 * @typedef {Record<string, string>} Ranges
 * @typedef {{
 *   name?: string, version?: string, private?: boolean, description?: string, keywords?: string[],
 *   license?: string, engines?: Ranges, main?: string, types?: string, typings?: string, exports?: unknown,
 *   files?: string[],
 *   dependencies?: Ranges, devDependencies?: Ranges, peerDependencies?: Ranges,
 *   peerDependenciesMeta?: Record<string, { optional?: boolean }>,
 * }} Manifest
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** @type {Library[]} The libraries published from this repository, in build order. */
const libraries = [
  { dir: 'libs/id-scan', name: 'nestjs-id-scan' },
  { dir: 'libs/id-scan-emulator', name: 'nestjs-id-scan-emulator' },
];

const outRoot = join(root, 'dist', 'packages');
const rootManifest = readJson(join(root, 'package.json'));
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Files that belong to tests, never to a published package. */
const testFile = /(^|\/)(__fixtures__|__snapshots__|__mocks__|testing|test)\/|\.(spec|e2e-spec|test)\.[cm]?[jt]s$/;
/** Sources, maps, build configs and dotfiles have no place in a tarball. */
const forbiddenInTarball = /(^|\/)tsconfig[^/]*\.json$|\.map$|(?<!\.d)\.[cm]?ts$|(^|\/)\.[^/]+$/;
/** What every tarball must contain for `require`, `import` and TypeScript hosts alike. */
const requiredInTarball = [
  'package.json',
  'README.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/index.mjs',
  'dist/index.d.mts',
];

main();

function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !libraries.some((library) => library.name === name));
  if (unknown.length > 0) fail(`unknown package ${unknown.join(', ')}`);
  const selected = wanted.length > 0 ? libraries.filter((library) => wanted.includes(library.name)) : libraries;

  if (wanted.length === 0) rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  for (const library of selected) {
    rmSync(join(outRoot, library.name), { recursive: true, force: true });
    const tarball = new RegExp(`^${library.name}-\\d.*\\.tgz$`);
    for (const file of readdirSync(outRoot)) {
      if (tarball.test(file)) rmSync(join(outRoot, file));
    }
  }

  const tarballs = selected.map(buildLibrary);
  log(`done: ${tarballs.map((file) => relative(root, file)).join(', ')}`);
}

/**
 * Compiles, checks, describes and packs one library.
 * @param {Library} library
 * @returns {string} the tarball's path
 */
function buildLibrary(library) {
  const libDir = join(root, library.dir);
  const source = readJson(join(libDir, 'package.json'));
  if (source.name !== library.name) {
    fail(`${library.dir}/package.json: name is not ${library.name}`);
  }
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(source.version ?? '')) {
    fail(`${library.dir}/package.json: version is not a semantic version`);
  }
  if (source.dependencies) {
    fail(`${library.dir}/package.json: dependencies are derived from the imports; declare only peerDependencies`);
  }

  const pkgDir = join(outRoot, library.name);
  const distDir = join(pkgDir, 'dist');
  log(`${library.name}@${source.version}: compiling`);
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(libDir, 'tsconfig.package.json')]);
  for (const entry of ['index.js', 'index.d.ts']) {
    if (!existsSync(join(distDir, entry))) {
      fail(`${library.name}: the compilation produced no dist/${entry}`);
    }
  }
  const assets = copyAssets(join(libDir, 'src'), distDir);
  const leaked = listFiles(distDir).filter((file) => testFile.test(file));
  if (leaked.length > 0) {
    fail(`${library.name}: test files in the output: ${leaked.join(', ')}`);
  }

  const exportNames = writeEsmEntry(library.name, distDir);
  const manifest = describePackage(library, source, distDir, new Set(assets));
  writeFileSync(join(pkgDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  copyDocuments(libDir, pkgDir);
  checkOptionalPeersStayOptional(manifest, distDir);
  checkEsmEntry(library.name, distDir, exportNames);

  const tarball = pack(library.name, pkgDir);
  log(
    `${library.name}: ${exportNames.length} named exports, ${assets.length} assets, packed ${relative(root, tarball)}`,
  );
  return tarball;
}

/**
 * Copies every non-TypeScript file of the source tree (the browser client, page templates, images) beside the
 * compiled code at the same relative path, because the code finds them relative to its own `__dirname`.
 * @param {string} srcDir
 * @param {string} distDir
 * @returns {string[]} the copied files, relative to both folders
 */
function copyAssets(srcDir, distDir) {
  const assets = listFiles(srcDir).filter((file) => !/\.[cm]?ts$/.test(file) && !testFile.test(file));
  for (const file of assets) {
    mkdirSync(dirname(join(distDir, file)), { recursive: true });
    copyFileSync(join(srcDir, file), join(distDir, file));
  }
  return assets;
}

/**
 * Node's bridge from ESM to CommonJS guesses named exports by lexing the code. Rather than rely on the guess, the
 * ESM entry names every runtime export of the CommonJS build; it re-exports that same instance, so a host mixing
 * `import` and `require` still sees one module (one `IdScanModule` class, one set of DI tokens).
 * @param {string} name
 * @param {string} distDir
 * @returns {string[]} the exported names, sorted
 */
function writeEsmEntry(name, distDir) {
  const listing = run(
    process.execPath,
    ['-e', 'process.stdout.write(JSON.stringify(Object.keys(require(process.argv[1]))))', join(distDir, 'index.js')],
    { capture: true },
  );
  const names = /** @type {string[]} */ (parseJson(listing))
    .filter((key) => key !== '__esModule' && key !== 'default')
    .sort();
  const invalid = names.filter((key) => !/^[A-Za-z_$][\w$]*$/.test(key));
  if (invalid.length > 0) {
    fail(`${name}: exports that are not identifiers: ${invalid.join(', ')}`);
  }
  if (names.length === 0) fail(`${name}: the CommonJS build exports nothing`);

  const header = `// ESM entry of ${name}: the CommonJS build re-exported by name, one module instance for import and require.\n`;
  const bindings = names.map((key) => `  ${key},\n`).join('');
  writeFileSync(
    join(distDir, 'index.mjs'),
    `${header}import cjs from './index.js';\n\nexport const {\n${bindings}} = cjs;\n`,
  );
  writeFileSync(join(distDir, 'index.d.mts'), `${header}export * from './index.js';\n`);
  return names;
}

/**
 * Builds the published manifest from the source manifest and the imports of the compiled output.
 * @param {Library} library
 * @param {Manifest} source
 * @param {string} distDir
 * @param {Set<string>} assets
 * @returns {Manifest}
 */
function describePackage(library, source, distDir, assets) {
  const peers = source.peerDependencies ?? {};
  /** @type {Map<string, string>} package → first file importing it */
  const runtime = new Map();
  for (const file of listFiles(distDir)) {
    if (assets.has(file) || !/\.[cm]?js$/.test(file)) continue;
    collectPackages(distDir, file, runtime);
  }
  // Only the typings a host's compiler can reach from the entry count: an internal controller's declaration
  // naming `express` is never read by a host, while a public one naming `ioredis` is.
  /** @type {Map<string, string>} */
  const typings = new Map();
  const pending = ['index.d.ts', 'index.d.mts'];
  const seen = new Set(pending);
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const local of collectPackages(distDir, file, typings)) {
      const target = declarationOf(distDir, join(dirname(file), local));
      if (target && !seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    }
  }

  /** @type {Ranges} */
  const dependencies = {};
  const problems = [];
  for (const [pkg, file] of [...runtime, ...typings]) {
    if (pkg === library.name) {
      problems.push(`${file} imports its own package name`);
    } else if (peers[pkg] || dependencies[pkg]) {
      continue;
    } else if (rootManifest.dependencies?.[pkg]) {
      dependencies[pkg] = rootManifest.dependencies[pkg];
    } else {
      problems.push(
        `${file} imports "${pkg}", neither a peer in ${library.dir}/package.json nor a dependency in the root package.json`,
      );
    }
  }
  if (problems.length > 0) {
    fail(`${library.name}: undeclared imports\n  ${problems.join('\n  ')}`);
  }
  // A public typing that names a dependency without types of its own needs that dependency's @types package.
  for (const pkg of typings.keys()) {
    const types = `@types/${pkg.replace(/^@/, '').replace('/', '__')}`;
    const range = rootManifest.devDependencies?.[types] ?? rootManifest.dependencies?.[types];
    if (dependencies[pkg] && range && !hasOwnTypes(pkg)) {
      dependencies[types] = range;
    }
  }
  const indirect = Object.keys(peers).filter((pkg) => !runtime.has(pkg) && !typings.has(pkg));
  if (indirect.length > 0) {
    log(`${library.name}: peers not imported directly (used through Nest): ${indirect.join(', ')}`);
  }

  return {
    name: source.name,
    version: source.version,
    description: source.description,
    keywords: source.keywords,
    license: source.license,
    engines: source.engines ?? rootManifest.engines,
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': {
        import: { types: './dist/index.d.mts', default: './dist/index.mjs' },
        require: { types: './dist/index.d.ts', default: './dist/index.js' },
      },
      './package.json': './package.json',
    },
    files: ['dist', 'CHANGELOG.md'],
    ...(Object.keys(dependencies).length > 0 ? { dependencies: sortKeys(dependencies) } : {}),
    peerDependencies: sortKeys(peers),
    ...(source.peerDependenciesMeta ? { peerDependenciesMeta: sortKeys(source.peerDependenciesMeta) } : {}),
  };
}

/**
 * Module specifiers of one emitted file (`require`, `import`, `export … from`, `import()`, type references),
 * read by TypeScript's pre-processor so that examples inside comments do not count.
 * @param {string} file
 * @returns {string[]}
 */
function importSpecifiers(file) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return [
    ...info.importedFiles.map((entry) => entry.fileName),
    ...info.typeReferenceDirectives.map((entry) => entry.fileName).filter((name) => name !== 'node'),
  ];
}

/**
 * Records the packages one emitted file imports (first importer wins) and answers its relative specifiers.
 * @param {string} distDir
 * @param {string} file relative to `distDir`
 * @param {Map<string, string>} packages
 * @returns {string[]}
 */
function collectPackages(distDir, file, packages) {
  const local = [];
  for (const specifier of importSpecifiers(join(distDir, file))) {
    if (/^[./]/.test(specifier)) local.push(specifier);
    else if (!builtins.has(specifier)) {
      const pkg = packageName(specifier);
      if (!packages.has(pkg)) packages.set(pkg, file);
    }
  }
  return local;
}

/**
 * The declaration file a relative specifier of a declaration resolves to, relative to `distDir`.
 * @param {string} distDir
 * @param {string} specifier relative to `distDir`
 * @returns {string | undefined}
 */
function declarationOf(distDir, specifier) {
  const base = specifier.replace(/\.[cm]?js$/, '');
  return [`${base}.d.ts`, `${base}.d.mts`, `${base}/index.d.ts`]
    .map((candidate) => candidate.split(sep).join('/'))
    .find((candidate) => existsSync(join(distDir, candidate)));
}

/** @param {string} specifier */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** @param {string} pkg */
function hasOwnTypes(pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`, {
    paths: [root],
  });
  const manifest = readJson(manifestPath);
  return Boolean(manifest.types || manifest.typings || existsSync(join(dirname(manifestPath), 'index.d.ts')));
}

/**
 * @param {string} libDir
 * @param {string} pkgDir
 */
function copyDocuments(libDir, pkgDir) {
  const readme = join(libDir, 'README.md');
  if (!existsSync(readme)) fail(`${relative(root, readme)} is missing`);
  copyFileSync(readme, join(pkgDir, 'README.md'));
  const license = [join(libDir, 'LICENSE'), join(root, 'LICENSE')].find((file) => existsSync(file));
  if (!license) fail('no LICENSE in the library or at the root');
  copyFileSync(license, join(pkgDir, 'LICENSE'));
  const changelog = join(root, 'CHANGELOG.md');
  if (existsSync(changelog)) copyFileSync(changelog, join(pkgDir, 'CHANGELOG.md'));
}

/**
 * An optional peer must not be needed to load the package: the entry is required once with those peers made
 * unresolvable, as in a host that never installed them.
 * @param {Manifest} manifest
 * @param {string} distDir
 */
function checkOptionalPeersStayOptional(manifest, distDir) {
  const optional = Object.entries(manifest.peerDependenciesMeta ?? {})
    .filter(([, meta]) => meta.optional)
    .map(([pkg]) => pkg);
  if (optional.length === 0) return;
  const probe = `
    const Module = require('node:module');
    const hidden = new Set(${JSON.stringify(optional)});
    const resolveFilename = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      const parts = request.split('/');
      const name = request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (hidden.has(name)) {
        throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' });
      }
      return resolveFilename.call(this, request, ...rest);
    };
    require(process.argv[1]);
  `;
  const result = spawnSync(process.execPath, ['-e', probe, join(distDir, 'index.js')], { encoding: 'utf8' });
  if (result.status !== 0) {
    fail(
      `${manifest.name}: loading it requires an optional peer (${optional.join(', ')}); ` +
        `load that peer lazily or make it a required peer\n${result.stderr.trim()}`,
    );
  }
}

/**
 * The ESM entry loads, and offers exactly the names the CommonJS build exports.
 * @param {string} name
 * @param {string} distDir
 * @param {string[]} expected
 */
function checkEsmEntry(name, distDir, expected) {
  const url = pathToFileURL(join(distDir, 'index.mjs')).href;
  const probe = `const m = await import(${JSON.stringify(url)}); process.stdout.write(JSON.stringify(Object.keys(m).sort()));`;
  const names = run(process.execPath, ['--input-type=module', '-e', probe], {
    capture: true,
  });
  if (names !== JSON.stringify(expected)) {
    fail(`${name}: the ESM entry exports ${names}, not ${expected.join(', ')}`);
  }
}

/**
 * Packs the package with npm itself, so the check sees exactly the files a registry would receive.
 * @param {string} name
 * @param {string} pkgDir
 * @returns {string} the tarball's path
 */
function pack(name, pkgDir) {
  const output = run('npm', ['pack', '--json', '--pack-destination', outRoot], {
    cwd: pkgDir,
    capture: true,
  });
  const [report] = /** @type {{ filename: string, files: { path: string }[] }[]} */ (parseJson(output));
  if (!report) fail(`${name}: npm pack reported nothing`);
  const files = report.files.map((entry) => entry.path);
  const forbidden = files.filter((file) => testFile.test(file) || forbiddenInTarball.test(file));
  if (forbidden.length > 0) {
    fail(`${name}: the tarball would ship ${forbidden.join(', ')}`);
  }
  const missing = requiredInTarball.filter((file) => !files.includes(file));
  if (missing.length > 0) {
    fail(`${name}: the tarball lacks ${missing.join(', ')}`);
  }
  return join(outRoot, report.filename);
}

/**
 * @param {string} dir
 * @param {string} [base]
 * @returns {string[]} every file below `dir`, relative to `base`, with forward slashes
 */
function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, base);
    return [relative(base, full).split(sep).join('/')];
  });
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, capture?: boolean }} [options]
 * @returns {string} the captured standard output (empty when not captured)
 */
function run(command, args, { cwd = root, capture = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  });
  if (result.error) fail(`${command} did not start: ${result.error.message}`);
  if (result.status !== 0) {
    fail(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  return result.stdout ?? '';
}

/**
 * @param {string} file
 * @returns {Manifest}
 */
function readJson(file) {
  return /** @type {Manifest} */ (parseJson(readFileSync(file, 'utf8')));
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function parseJson(text) {
  /** @type {unknown} */
  const value = JSON.parse(text);
  return value;
}

/**
 * @template T
 * @param {Record<string, T>} object
 * @returns {Record<string, T>}
 */
function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

/** @param {string} message */
function log(message) {
  process.stdout.write(`[build:packages] ${message}\n`);
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  process.stderr.write(`[build:packages] error: ${message}\n`);
  process.exit(1);
}

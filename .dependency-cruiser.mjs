// The boundaries of the repository, checked by `./highland test` (lint:deps). Layers: apps/* may
// import services and libs; services/* may import libs (never another service nor an app); libs/*
// import only libs. A service's src/domain is pure: no framework or adapter, nothing of its own
// service outside domain/. No cycles anywhere.

/** Packages and Node modules a domain must not import: frameworks, adapters, I/O. */
const FRAMEWORKS_AND_ADAPTERS = [
  '@nestjs/[^/]+',
  'mongoose',
  'mongodb',
  'nats',
  '@nats-io/[^/]+',
  'express',
  '@types/express',
  'exceljs',
  'csv-parse',
  'csv-stringify',
  'nodemailer',
  'undici',
  'prom-client',
  'pino',
  'nestjs-pino',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'domain-imports-framework',
      comment:
        'src/domain holds the rules only: frameworks, adapters and I/O (files, HTTP, NATS, the store, ' +
        'crypto, parsers) belong to the layers around it, which pass the domain plain values.',
      severity: 'error',
      from: { path: '^(apps|libs|services)/[^/]+/src/domain/' },
      to: {
        path: `(^|node_modules/)(node:)?(${FRAMEWORKS_AND_ADAPTERS.join('|')})(/|$)`,
      },
    },
    {
      name: 'domain-imports-outer-layer',
      comment:
        "src/domain may not import its own service's other folders (http/, commands/, view/, " +
        'persistence/, adapters/ …): they depend on the domain, not the other way round.',
      severity: 'error',
      from: { path: '^(apps|libs|services)/([^/]+)/src/domain/' },
      to: { path: '^$1/$2/src/', pathNot: '^$1/$2/src/domain/' },
    },
    {
      name: 'lib-imports-service-or-app',
      comment: 'libs/* are shared by every service and app: a library importing one would invert the layers.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(services|apps)/' },
    },
    {
      name: 'service-imports-other-service',
      comment:
        'services talk over NATS (events, typed request/reply from libs/contracts), never by importing ' +
        "each other's code.",
      severity: 'error',
      // A service's tests may start another service in-process (tbt's request/reply against a real
      // registry); its code may not.
      from: { path: '^services/([^/]+)/src/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'service-imports-app',
      comment:
        'apps/* (the CLI, the benchmarks) drive services; a service importing one would invert the layers.',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment: 'a cycle makes both modules one: neither can be read, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing: a missing dependency or a typo.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Not `exclude` for node_modules: that would drop the imports of packages the rules are about.
    exclude: { path: '(^|/)(dist|coverage)/' },
    // Type-only imports are dependencies too (a domain importing `type Request` from express).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    // Workspace packages resolve to their TypeScript sources, as they do for vitest and tsc.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.json'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

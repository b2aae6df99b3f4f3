// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries per folder, from the layer table in ARCHITECTURE.md.
 * `forbid` lists sibling folders a layer must not reach; `packages` (when set) is the complete
 * allow-list of bare specifiers, which also shuts out `node:` builtins; `forbidPackages` are
 * named packages a layer must never import.
 */
const layers = {
  migration: {
    forbid: ['cards', 'bot', 'platform', 'functions', 'cli', 'local'],
    packages: ['zod'],
    why: 'migration/ is the pure domain and imports nothing outside itself except zod',
  },
  cards: {
    forbid: ['bot', 'platform', 'functions', 'cli', 'local'],
    packages: ['zod', 'adaptivecards-templating'],
    why: 'cards/ may import migration/, zod and adaptivecards-templating only',
  },
  bot: {
    forbid: ['functions', 'cli', 'local'],
    forbidPackages: ['@azure/functions', 'durable-functions'],
    why: 'bot/ may import cards/, migration/ and platform/; it reaches Durable only through the port functions/ hands it',
  },
  platform: {
    forbid: ['cards', 'bot', 'functions', 'cli', 'local'],
    why: 'platform/ implements migration/ ports and may import migration/ only',
  },
  functions: {
    forbid: ['cli', 'local'],
    why: 'functions/ is what the Functions host loads: it must not depend on cli/ or local/',
  },
  cli: {
    forbid: ['bot', 'platform', 'functions'],
    why: 'cli/ may import migration/, cards/ and local/ (functions/ only through local/)',
  },
  local: {
    forbid: ['migration', 'cards', 'bot', 'platform', 'cli'],
    why: 'local/ hosts functions/ by loading its entry files; it must not import the app layers',
  },
};

/** Folders compiled into dist/: they must never depend on tests, benchmarks or scripts. */
const builtLayers = new Set(['migration', 'cards', 'bot', 'platform', 'functions']);

/** Only platform/config/ reads the environment, in one file (STYLE.md, "Errors and logging"). */
const envLayers = new Set(['migration', 'cards', 'bot', 'platform', 'functions']);
const envMessage = 'Only platform/config/ reads process.env: take the value from its typed config.';

/** `a|b` with regex metacharacters escaped, for package names such as `@azure/functions`. */
const alternation = (names) =>
  names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');

function importRules(folder, layer, guardEnv) {
  // Relative imports are the only way across folders (no path aliases), so the specifier
  // names the target folder: `../bot/x.js`, `../../functions/y.js`.
  const crossing = (folders) => `^(\\.\\./)+(${alternation(folders)})(/|$)`;
  const patterns = [
    {
      regex: crossing(layer.forbid),
      caseSensitive: true,
      message: `${layer.why} (ARCHITECTURE.md, layer table).`,
    },
  ];
  if (builtLayers.has(folder)) {
    patterns.push({
      regex: crossing(['test', 'bench', 'scripts']),
      caseSensitive: true,
      message: `${folder}/ is built into dist/ and must not depend on test/, bench/ or scripts/.`,
    });
  }
  if (layer.packages) {
    patterns.push({
      regex: `^(?!\\.{1,2}/|(${alternation(layer.packages)})(/|$))`,
      caseSensitive: true,
      message: `${layer.why}: no SDKs and no node: builtins here.`,
    });
  }
  if (layer.forbidPackages) {
    patterns.push({
      regex: `^(${alternation(layer.forbidPackages)})(/|$)`,
      caseSensitive: true,
      message: `${layer.why} (ARCHITECTURE.md, layer table).`,
    });
  }
  const paths = guardEnv
    ? ['process', 'node:process'].map((name) => ({
        name,
        importNames: ['env'],
        message: envMessage,
      }))
    : [];
  return { paths, patterns };
}

/** The domain has no clock: time comes in as data (ARCHITECTURE.md, `migration/` row). */
const clockProperties = [
  { object: 'Date', property: 'now', message: 'migration/ has no clock: pass the time in.' },
  {
    object: 'Math',
    property: 'random',
    message: 'migration/ is deterministic: pass randomness in.',
  },
];
const clockSyntax = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'migration/ has no clock: pass the time in.',
  },
];

const envProperties = [{ object: 'process', property: 'env', message: envMessage }];
const envSyntax = [
  {
    // globalThis.process.env and global.process.env slip past no-restricted-properties.
    selector:
      "MemberExpression[property.name='env'][object.type='MemberExpression'][object.property.name='process']",
    message: envMessage,
  },
];

function boundaryConfig(folder, layer, { files, ignores = [], guardEnv }) {
  const rules = { 'no-restricted-imports': ['error', importRules(folder, layer, guardEnv)] };
  const clock = folder === 'migration';
  if (guardEnv || clock) {
    rules['no-restricted-properties'] = [
      'error',
      ...(guardEnv ? envProperties : []),
      ...(clock ? clockProperties : []),
    ];
    rules['no-restricted-syntax'] = [
      'error',
      ...(guardEnv ? envSyntax : []),
      ...(clock ? clockSyntax : []),
    ];
  }
  return { name: `boundaries/${files[0] ?? folder}`, files, ignores, rules };
}

const envReader = 'platform/config/env-memo.ts';
const boundaryConfigs = Object.entries(layers).flatMap(([folder, layer]) => {
  const guardEnv = envLayers.has(folder);
  if (!envReader.startsWith(`${folder}/`)) {
    return [boundaryConfig(folder, layer, { files: [`${folder}/**`], guardEnv })];
  }
  // The env reader keeps its layer's import boundaries; it is only exempt from the env rules.
  return [
    boundaryConfig(folder, layer, { files: [`${folder}/**`], ignores: [envReader], guardEnv }),
    boundaryConfig(folder, layer, { files: [envReader], guardEnv: false }),
  ];
});

/** Node's globals for the untyped .js/.mjs files (TypeScript checks these in .ts files). */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'globalThis',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'dist/',
    '.local/',
    'coverage/',
    'appPackage/build/',
    'docs/',
    // A .NET build there (dotnet build by hand) writes its output beside the sources.
    'local/real-durable/host/bin/',
    'local/real-durable/host/obj/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all' },
      ],
      // As strict as the preset, except numbers, which read fine in messages and card text.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowAny: false,
          allowBoolean: false,
          allowNever: false,
          allowNullish: false,
          allowNumber: true,
          allowRegExp: false,
        },
      ],
    },
  },
  {
    name: 'untyped-js',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // package.json has no "type": "module", so Node loads .js as CommonJS.
    files: ['**/*.{js,cjs}'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
      },
    },
  },
  ...boundaryConfigs,
  {
    name: 'tests',
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // expect(obj.method).toHaveBeenCalled() passes methods unbound by design.
      '@typescript-eslint/unbound-method': 'off',
      // expect.any() and expect.objectContaining() are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      // Stays on: an un-awaited expect(...).resolves passes vacuously.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  prettier,
);

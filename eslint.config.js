// ESLint flat config. typescript-eslint "recommended" (syntactic, not type-checked, so it stays
// fast); the type checker itself runs as `tsc --noEmit` in npm test.
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node globals for plain .js/.mjs files (scripts/, bin/); .ts files get no-undef from tsc instead.
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'structuredClone', 'fetch', 'Response', 'Request', 'Headers', 'TextEncoder',
    'TextDecoder', 'performance', 'globalThis',
  ].map((name) => [name, 'readonly']),
);

/**
 * The layering of src/ (docs/decisions/0003-layering.md), checked on every relative import:
 *   - src/platform/** imports nothing from src/modules/**;
 *   - a file in src/modules/A/** imports another module B only as src/modules/B/index.ts, and never
 *     its own A/index.ts (the index is the module's face to others; importing it from inside makes cycles);
 *   - src/db/** imports no module, except src/db/schema.ts gathering the modules' schema.ts files for
 *     drizzle-kit and the typed client.
 * The composition root (src/*.ts, src/modules/index.ts, src/modules/demo.ts) wires modules together
 * and may import their route, job and demo files; test/, e2e/ and bench/ may reach inside.
 */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep platform, modules and db in their layers' },
    schema: [],
    messages: {
      platformImportsModule: 'src/platform may not import a module ({{target}}); move what both need into the platform.',
      dbImportsModule: 'src/db may not import a module ({{target}}); only src/db/schema.ts gathers module schema files.',
      reachesIntoModule: "A module uses another module only through its index.ts: import '{{index}}' instead of {{target}}.",
      importsOwnIndex: "A module's own files never import its index.ts (an import cycle); import {{module}}'s file directly.",
    },
  },
  create(context) {
    const root = context.cwd;
    const rel = (p) => path.relative(root, p).split(path.sep).join('/');
    const file = rel(context.filename);
    if (!file.startsWith('src/')) return {};
    const moduleOf = (p) => /^src\/modules\/([^/]+)\//.exec(p)?.[1];
    const fromModule = moduleOf(file);
    function check(node) {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), spec));
      const toModule = moduleOf(target);
      if (!toModule) return;
      const index = `src/modules/${toModule}/index.ts`;
      const report = (messageId) => context.report({ node: node.source, messageId, data: { target, index, module: toModule } });
      if (file.startsWith('src/platform/')) return report('platformImportsModule');
      if (file.startsWith('src/db/')) {
        if (file === 'src/db/schema.ts' && /^src\/modules\/[^/]+\/schema\.ts$/.test(target)) return;
        return report('dbImportsModule');
      }
      if (!fromModule) return;
      if (fromModule === toModule) {
        if (target === index) report('importsOwnIndex');
        return;
      }
      if (target !== index) report('reachesIntoModule');
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default defineConfig(
  globalIgnores(['**/node_modules/', 'data/', 'dist/', 'coverage/', 'src/db/migrations/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: nodeGlobals,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // JSX via @kitajs/html (react-jsx runtime) needs no React import and no react plugin rules;
      // JSX namespace augmentations (`declare global { namespace JSX { … } }`) are declarations.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { samspil: { rules: { layering } } },
    rules: { 'samspil/layering': 'error' },
  },
);

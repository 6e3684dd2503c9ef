// ESLint flat config. typescript-eslint "recommended" (syntactic, not type-checked, so it stays
// fast); the type checker itself runs as `tsc --noEmit` in npm test.
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
);

// ESLint over the pages' JavaScript (run by the web tests, which fail on any problem).
import js from '@eslint/js';
import globals from 'globals';

// Run from the repository root with -c (the test does): paths are relative to it.
const pages = 'Tiketi.Api/wwwroot/js';

export default [
  { ignores: ['**/*.d.ts'] },
  {
    files: [`${pages}/**/*.js`],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      ...js.configs.recommended.rules,
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-globals': 'error',
      'no-alert': 'off',
    },
  },
  {
    files: [`${pages}/pow-worker.js`],
    languageOptions: { sourceType: 'script', globals: { ...globals.worker } },
    rules: { 'no-implicit-globals': 'off' },
  },
];

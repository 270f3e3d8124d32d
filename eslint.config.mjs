// Lint for the whole workspace. `npm run check` runs it with --max-warnings 0.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const restrict = (...packages) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: packages.map((name) => ({
        group: [name, `${name}/*`, `**/${name.replace('@safemonth/', '')}/src/**`],
        message: 'Package boundaries: shared imports nothing of ours; server and miniapp never import each other.',
      })),
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/data/**',
      '**/.swc/**',
      '**/coverage/**',
      'miniapp/config/**',
      'miniapp/test/**',
      '**/*.config.js',
      'miniapp/babel.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly' } },
  },
  { files: ['shared/**/*.ts'], rules: restrict('@safemonth/server', '@safemonth/miniapp', '@nestjs', 'typeorm', 'react', '@tarojs') },
  { files: ['server/**/*.ts'], rules: restrict('@safemonth/miniapp') },
  {
    files: ['miniapp/**/*.ts', 'miniapp/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...restrict('@safemonth/server') },
  },
);

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

// Import direction inside the server: a feature reaches another only through its services (the
// owner's exported API), and the lower layers (common, database, config, auth) import no feature.
const FEATURES = ['units', 'people', 'invites', 'campaigns', 'statistics', 'liaisons', 'reports', 'media', 'deliverables', 'exports', 'rate-limit', 'health', 'demo'];
const others = (...features) => FEATURES.filter((feature) => !features.includes(feature));
/**
 * Import patterns refusing the files of `features` (relative paths into `server/src/<feature>/`)
 * but `*.<kind>` for the kinds in `values`, and for those in `types` when imported type-only.
 */
const reach = (features, message, { values = [], types = [] } = {}) => {
  const into = (rest) => `^(\\.\\./)+(${features.join('|')})/${rest}`;
  const typesOnly = types.filter((kind) => !values.includes(kind));
  const allowed = [...values, ...typesOnly];
  const patterns = [{ regex: into(allowed.length > 0 ? `(?![^/]+\\.(${allowed.join('|')})$)` : ''), message }];
  if (typesOnly.length > 0) {
    const regex = into(`[^/]+\\.(${typesOnly.join('|')})$`);
    patterns.push({ regex, allowTypeImports: true, message: `${message} Their ${typesOnly.join(', ')} files: import type only.` });
  }
  return patterns;
};
const imports = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.flat() }] });
/**
 * The files of `folder` reach `features` through their services and their entities' types, and
 * refuse the `refused` patterns. A later block replaces an earlier one's options for the files both
 * match, so each repeats the whole list.
 */
const reaching = (folder, features, message, refused = []) =>
  [
    ['**/*.ts', []],
    // Nest wires a module to the modules of the features it uses.
    ['*.module.ts', ['module']],
    // An entity declares its foreign keys as relations to other features' entities.
    ['*.entity.ts', ['entity']],
  ].map(([files, more]) => ({
    files: [`server/src/${folder}/${files}`],
    rules: imports(refused, reach(features, message, { values: ['service', ...more], types: ['entity'] })),
  }));
const lowerMessage = 'common, database, config and auth sit below the features and import none of them.';
const importDirection = [
  ...FEATURES.flatMap((feature) => reaching(feature, others(feature), 'A feature reaches another only through its services.')),
  { files: ['common', 'database', 'config', 'auth'].map((layer) => `server/src/${layer}/**/*.ts`), rules: imports(reach(FEATURES, lowerMessage)) },
  // The DataSource lists every entity; migrations may name them.
  { files: ['server/src/database/entities.ts', 'server/src/database/migrations/**/*.ts'], rules: imports(reach(FEATURES, lowerMessage, { values: ['entity'] })) },
  // The exception: sign-in is about people, so auth sits on people and rate-limit (finding, creating
  // and locking out people, throttling sign-ins, loading the caller in the guard) and below the other
  // features, whose ids the guard reaches through AccessTargets, which they fill.
  ...reaching('auth', ['people', 'rate-limit'], 'auth reaches people and rate-limit only through their services.', reach(others('people', 'rate-limit'), lowerMessage)),
];

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
  ...importDirection,
  {
    files: ['miniapp/**/*.ts', 'miniapp/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...restrict('@safemonth/server') },
  },
);

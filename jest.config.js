// Jest projects of the workspace; scripts/test.mjs picks which run (and the browser tests after the builds).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const node = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@safemonth/shared$': '<rootDir>/shared/src' },
  rootDir: __dirname,
};
const serverApi = (database) => ({
  ...node,
  displayName: `server-${database}`,
  testMatch: ['<rootDir>/server/test/**/*.e2e.ts'],
  setupFiles: [`<rootDir>/server/test/support/use-${database}.ts`],
  testTimeout: 30000,
});

module.exports = {
  projects: [
    { ...node, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.test.ts'] },
    { ...node, displayName: 'server-unit', testMatch: ['<rootDir>/server/src/**/*.spec.ts'] },
    serverApi('mariadb'),
    serverApi('sqlite'),
    '<rootDir>/miniapp/jest.config.js',
  ],
};

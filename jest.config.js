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
  // content-disposition 2 (under @fastify/static) is an ES module, which Jest cannot require as Node does.
  transform: { '^.+\\.ts$': swc, '/content-disposition/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(.+/)?content-disposition/)'],
  moduleNameMapper: { '^@safemonth/shared$': '<rootDir>/shared/src' },
  rootDir: __dirname,
};
const serverApi = (database) => ({
  ...node,
  displayName: `server-${database}`,
  testMatch: ['<rootDir>/server/test/**/*.e2e.ts'],
  setupFiles: [`<rootDir>/server/test/support/use-${database}.ts`],
});

module.exports = {
  // For every project: Jest takes `testTimeout` only from here (or the command line), never from a
  // project. Generous, so that the suite passes on a loaded 2-core machine (API tests start a Nest
  // app on a fresh database; property tests run hundreds of cases); a test that hangs still fails.
  testTimeout: 30000,
  projects: [
    { ...node, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.test.ts'] },
    { ...node, displayName: 'server-unit', testMatch: ['<rootDir>/server/src/**/*.spec.ts'] },
    serverApi('mariadb'),
    serverApi('sqlite'),
    '<rootDir>/miniapp/jest.config.js',
  ],
};

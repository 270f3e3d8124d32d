// Browser tests: the built server and h5 app, driven by Playwright in Debian's chromium.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/browser/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleNameMapper: { '^@safemonth/shared$': '<rootDir>/../shared/src' },
  testTimeout: 60000,
};

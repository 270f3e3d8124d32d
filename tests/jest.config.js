// Tests of the built product: the server as a process (crashes), and the h5 app driven by
// Playwright in Debian's chromium against the real server.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/browser/**/*.test.ts', '<rootDir>/process/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleNameMapper: { '^@safemonth/shared$': '<rootDir>/../shared/src' },
  testTimeout: 60000,
};

// Jest for the Taro app: jsdom + babel-jest with the project's babel.config.js.
// Run from the repo root: npx jest -c miniapp/jest.config.js
const path = require('path');

module.exports = {
  rootDir: __dirname,
  displayName: 'miniapp',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  transform: {
    '^.+\\.[jt]sx?$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }],
    '^.+\\.mjs$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm|@tarojs|@stencil|@nutui|swiper|ssr-window|dom7|query-string|decode-uri-component|split-on-first|filter-obj|lodash-es|nanoid|style-inject|tslib)/)',
  ],
  moduleNameMapper: {
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/test/taro.js',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/styleMock.js',
  },
  // Used when this config runs alone; run from the root, the root's timeout applies (Jest ignores a
  // project's). Page tests render whole pages in jsdom: up to 12 s with both cores busy.
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/setup.js'],
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
};

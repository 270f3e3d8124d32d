import type { UserConfigExport } from '@tarojs/cli';

// `npm run dev:h5 -w @safemonth/miniapp`: the dev server forwards /api to a local API server
// (TARO_APP_API_PROXY, default http://127.0.0.1:3000), so the app keeps calling its own origin.
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      proxy: {
        '/api': { target: process.env.TARO_APP_API_PROXY ?? 'http://127.0.0.1:3000', changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;

import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Build configuration of the SafeMonth mini program (weapp) and h5 app.
 *
 * Each platform builds into its own folder (`dist/weapp`, `dist/h5`) so the two builds never
 * overwrite each other. The h5 build is served by the server at `/`, with the API at `/api`.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'h5';
  // The API origin. h5 talks to its own origin (''); a mini program needs an absolute base.
  const apiBase =
    process.env.TARO_APP_API_BASE ?? (platform === 'h5' ? '' : 'http://127.0.0.1:3000');

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'safemonth',
    date: '2026-11-23',
    // NutUI is designed at 375 px; our own styles at 750 px.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/');
      return file && file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
    },
    // The h5 build's icon, at the site's root where browsers ask for it (/favicon.ico).
    copy: { patterns: platform === 'h5' ? [{ from: 'src/favicon.ico', to: `dist/${platform}/favicon.ico` }] : [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // px become rem; the root font size is set by src/h5/rootFontSize.ts (not by Taro's
        // inline script, which the server's CSP blocks).
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        // Pages are loaded on demand; let them share chunks (NutUI, the API client, components)
        // instead of each page chunk carrying its own copy.
        chain.optimization.merge({ splitChunks: { chunks: 'all' } });
        // The entry is Taro's runtime and React (~290 KB); warn only if it grows well beyond.
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(400 * 1024);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});

// Stand-in for '@tarojs/taro' under jest: the h5 implementation (its default export lacks
// `request`, so the named exports are merged in), with the page lifecycle hooks replaced by
// mount-time effects and a router whose params a test can set.
const React = require('react');
const h5 = require('@tarojs/taro-h5');

const Taro = Object.assign({}, h5.default, h5);

// What the built app does at start-up (config/index.ts: designWidth 750).
Taro.initPxTransform({ designWidth: 750, deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 } });

let routerParams = {};

function onMount(callback) {
  React.useEffect(() => {
    callback(routerParams);
  }, []);
}

Taro.useLoad = onMount;
Taro.useReady = onMount;
Taro.useDidShow = onMount;
Taro.useLaunch = onMount;
Taro.useDidHide = () => {};
Taro.useUnload = () => {};
Taro.usePullDownRefresh = () => {};
Taro.useRouter = () => ({ params: routerParams, path: '' });
Taro.getCurrentInstance = () => ({ router: { params: routerParams, path: '' } });

/** Test helper: the query of the "current page". */
Taro.__setRouterParams = (params) => {
  routerParams = params || {};
};

Taro.default = Taro;
module.exports = Taro;

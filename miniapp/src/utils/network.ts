import Taro from '@tarojs/taro';

/**
 * Calls `callback` each time the device gets a network connection back; answers a function that
 * stops listening. WeChat reports it through onNetworkStatusChange; a browser through its
 * `online` event (Taro's h5 status change needs `navigator.connection`, which not every browser has).
 */
export function onReconnect(callback: () => void): () => void {
  const onStatus = (result: { isConnected: boolean }) => {
    if (result.isConnected) callback();
  };
  Taro.onNetworkStatusChange(onStatus);
  const browser = typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : undefined;
  browser?.addEventListener('online', callback);
  return () => {
    Taro.offNetworkStatusChange(onStatus);
    browser?.removeEventListener('online', callback);
  };
}

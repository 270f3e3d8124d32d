import Taro from '@tarojs/taro';

/**
 * Calls `callback` each time the device gets a network connection back; answers a function that
 * stops listening. In WeChat through onNetworkStatusChange; in a browser through its `online`
 * event (Taro's h5 status change reads `navigator.connection`, which some browsers lack and which
 * reports itself connected even when the browser is offline).
 */
export function onReconnect(callback: () => void): () => void {
  if (process.env.TARO_ENV === 'h5') {
    window.addEventListener('online', callback);
    return () => window.removeEventListener('online', callback);
  }
  const onStatus = (result: { isConnected: boolean }) => {
    if (result.isConnected) callback();
  };
  Taro.onNetworkStatusChange(onStatus);
  return () => Taro.offNetworkStatusChange(onStatus);
}

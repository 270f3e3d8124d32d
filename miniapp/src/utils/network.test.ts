import Taro from '@tarojs/taro';
import { onReconnect } from './network';

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  jest.restoreAllMocks();
});

describe('onReconnect', () => {
  it('in WeChat, calls back when the status says connected, not when the connection goes', () => {
    process.env.TARO_ENV = 'weapp';
    let listener: ((result: { isConnected: boolean }) => void) | undefined;
    jest.spyOn(Taro, 'onNetworkStatusChange').mockImplementation(((l: typeof listener) => (listener = l)) as never);
    const off = jest.spyOn(Taro, 'offNetworkStatusChange').mockImplementation((() => undefined) as never);
    const callback = jest.fn();
    const stop = onReconnect(callback);
    listener?.({ isConnected: false });
    expect(callback).not.toHaveBeenCalled();
    listener?.({ isConnected: true });
    expect(callback).toHaveBeenCalledTimes(1);
    stop();
    expect(off).toHaveBeenCalledWith(listener);
  });

  it('in a browser, calls back on the online event until stopped', () => {
    const callback = jest.fn();
    const stop = onReconnect(callback);
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    expect(callback).toHaveBeenCalledTimes(1);
    stop();
    window.dispatchEvent(new Event('online'));
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

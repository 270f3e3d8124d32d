/**
 * The cache of the data layer (`./data`), set up once for the app by its shell. Kept apart from
 * the hooks so that the app's entry carries SWR's core alone, not the API client and the shared
 * rules (which the pages' chunks bring).
 */
import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { SWRConfig, type SWRConfiguration } from 'swr';
import { onReconnect } from '../utils/network';

/** The cache of the app (one per DataProvider: a test renders each page with its own). */
let cache: Map<string, unknown> | undefined;

const config: SWRConfiguration = {
  provider: () => {
    const fresh = new Map();
    cache = fresh;
    return fresh;
  },
  // A failed load shows its message with 重新加载; one that failed offline goes again on reconnection.
  shouldRetryOnError: false,
  initReconnect: (revalidate) => onReconnect(revalidate),
  // WeChat has no window focus: the app coming back to the foreground stands for it.
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        initFocus: (revalidate: () => void) => {
          const onShow = () => revalidate();
          Taro.onAppShow(onShow);
          return () => Taro.offAppShow(onShow);
        },
      }
    : {}),
};

/** Holds the cache for the pages under it (the app shell; each page in tests). */
export function DataProvider({ children }: PropsWithChildren) {
  return <SWRConfig value={config}>{children}</SWRConfig>;
}

/** Forgets everything loaded, when a session ends or starts: nobody sees the last person's data. */
export function forgetData(): void {
  cache?.clear();
}

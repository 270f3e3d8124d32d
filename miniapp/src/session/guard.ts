import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Routes, withQuery } from '../routes';
import { isSignedIn } from './tokens';

/**
 * For pages that need a session: when nobody is signed in, opens the login page (which comes
 * back to `here` afterwards) and answers false.
 */
export function requireSession(here: string): boolean {
  if (isSignedIn()) return true;
  Taro.reLaunch({ url: withQuery(Routes.login, { redirect: here }) });
  return false;
}

/**
 * `requireSession` each time the page shows; answers whether there was a session when the page
 * opened, so that it loads its data only then.
 */
export function useSession(here: string): boolean {
  const [signedIn] = useState(isSignedIn);
  useDidShow(() => {
    requireSession(here);
  });
  return signedIn;
}

import Taro from '@tarojs/taro';
import type { TokenPair } from '@safemonth/shared';

/** Storage key of the signed-in person's token pair. */
export const TOKENS_KEY = 'safemonth.tokens';

function isTokenPair(value: unknown): value is TokenPair {
  if (typeof value !== 'object' || value === null) return false;
  const pair = value as Partial<TokenPair>;
  return typeof pair.accessToken === 'string' && typeof pair.refreshToken === 'string';
}

/** The stored token pair, or null when nobody is signed in. */
export function getTokens(): TokenPair | null {
  try {
    const stored: unknown = Taro.getStorageSync(TOKENS_KEY);
    return isTokenPair(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Stores a pair; extra fields of a SignInResponse (the person) are not kept. */
export function setTokens(pair: TokenPair): void {
  const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt } = pair;
  Taro.setStorageSync(TOKENS_KEY, { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt });
}

export function clearTokens(): void {
  try {
    Taro.removeStorageSync(TOKENS_KEY);
  } catch {
    // Nothing stored: nothing to clear.
  }
}

export function isSignedIn(): boolean {
  return getTokens() !== null;
}

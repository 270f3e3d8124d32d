import Taro from '@tarojs/taro';
import type { SignInResponse } from '@safemonth/shared';
import { authApi, type Quiet } from '../api/endpoints';
import { ApiError } from '../api/client';
import { forgetData } from '../api/cache';
import { clearTokens, getTokens, setTokens } from './tokens';

export const WECHAT_LOGIN_FAILED = '微信登录失败，请稍后重试';

export async function signInWithPassword(login: string, password: string, options?: Quiet): Promise<SignInResponse> {
  const response = await authApi.password({ login: login.trim(), password }, options);
  acceptSignIn(response);
  return response;
}

/** `wx.login`, then exchanges the code with the server. */
export async function signInWithWechat(options?: Quiet): Promise<SignInResponse> {
  let code: string | undefined;
  try {
    code = (await Taro.login()).code;
  } catch {
    code = undefined;
  }
  if (!code) {
    const error = new ApiError(0, 'WECHAT_CODE_INVALID', WECHAT_LOGIN_FAILED);
    if (options?.toast !== false) {
      Taro.showToast({ title: WECHAT_LOGIN_FAILED, icon: 'none' });
    }
    throw error;
  }
  const response = await authApi.wechat({ code }, options);
  acceptSignIn(response);
  return response;
}

/** Stores the tokens a sign-in (or registration) answered; what an earlier session loaded is forgotten. */
export function acceptSignIn(response: SignInResponse): void {
  forgetData();
  setTokens(response);
}

/** Revokes the refresh token on the server (best effort) and forgets the session here. */
export async function signOut(): Promise<void> {
  const tokens = getTokens();
  clearTokens();
  forgetData();
  if (!tokens) return;
  try {
    await authApi.signOut(tokens.refreshToken, { toast: false });
  } catch {
    // The local session is gone either way; an unreachable server must not keep anyone signed in.
  }
}
